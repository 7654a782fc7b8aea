import { PhraseSet } from './phrase-matcher';

/**
 * The phrase sets Outside In ships. Organisations add their own; these are a starting point that
 * errs towards flagging, because a safeguarding match only puts a message in front of a person
 * (triage), it never answers or hides anything by itself. Abuse matches blur a message by default
 * and keep the evidence.
 *
 * Matching is whole words, so "skill" does not match "kill" and "Scunthorpe" matches nothing.
 */

export const SELF_HARM: PhraseSet = {
  id: 'self-harm',
  name: 'Self-harm or suicide',
  phrases: [
    'suicid*',
    'kill myself',
    'killing myself',
    'end my life',
    'ending my life',
    'end it all',
    'take my own life',
    'taking my own life',
    'want to die',
    'wanna die',
    'wish i was dead',
    'better off dead',
    'better off without me',
    'no reason to live',
    'nothing to live for',
    'dont want to be here anymore',
    'dont want to live',
    'cant go on',
    'self harm',
    'selfharm',
    'self harming',
    'hurt myself',
    'hurting myself',
    'cut myself',
    'cutting myself',
    'overdose',
    'overdosed',
  ],
};

export const THREATS_OF_VIOLENCE: PhraseSet = {
  id: 'violence',
  name: 'Threat of violence',
  phrases: [
    'kill you',
    'kill u',
    'kill them',
    'kill him',
    'kill her',
    'kill everyone',
    'going to kill',
    'gonna kill',
    'will kill',
    'stab you',
    'stab u',
    'stab them',
    'shoot you',
    'shoot u',
    'shoot up',
    'beat you up',
    'smash your face',
    'hurt you',
    'youre dead',
    'you are dead',
    'watch your back',
    'know where you live',
    'find where you live',
    'coming for you',
    'burn down',
    'burn it down',
    'blow up',
    'plant a bomb',
    'bomb threat',
    'petrol bomb',
    'acid attack',
  ],
};

export const CHILD_AT_RISK: PhraseSet = {
  id: 'child-at-risk',
  name: 'Child at risk',
  phrases: [
    'child abuse',
    'child neglect',
    'child in danger',
    'child at risk',
    'children at risk',
    'kids are in danger',
    'neglected child',
    'neglecting the kids',
    'abusing a child',
    'abusing the kids',
    'hits the kids',
    'hitting the kids',
    'beats the kids',
    'my dad hits me',
    'my mum hits me',
    'my mom hits me',
    'scared to go home',
    'not safe at home',
    'unsafe at home',
    'left home alone',
    'groomed',
    'grooming',
    'underage',
    'missing child',
    'ran away from home',
    'touched me',
  ],
};

export const CRIME_REPORT: PhraseSet = {
  id: 'crime',
  name: 'Crime report',
  phrases: [
    'burglary',
    'burgled',
    'broken into',
    'break in',
    'breakin',
    'stolen',
    'theft',
    'robbed',
    'robbery',
    'mugged',
    'assault',
    'assaulted',
    'attacked me',
    'drug dealing',
    'dealing drugs',
    'drug dealer*',
    'vandalised',
    'vandalism',
    'fly tipping',
    'flytipping',
    'hate crime',
    'antisocial behaviour',
    'anti social behaviour',
    'domestic abuse',
    'domestic violence',
    'fraud',
    'scammed',
  ],
};

/**
 * Insults aimed at people, plus a short list of obscenities kept in ROT13 so the source reads
 * professionally (decode: a↔n, b↔o, …; `rot13('shpx')` is the word you think it is).
 */
const OBSCENITIES_ROT13 = [
  'shpx',
  'shpxvat',
  'shpxre',
  'shpxrq',
  'shpxjvg',
  'zbgureshpxre',
  'fuvg',
  'fuvgr',
  'fuvggl',
  'ohyyfuvg',
  'phag',
  'phagf',
  'ovgpu',
  'ovgpurf',
  'onfgneq',
  'onfgneqf',
  'qvpxurnq',
  'qvpxurnqf',
  'gjng',
  'gjngf',
  'cevpx',
  'cevpxf',
  'jnaxre',
  'jnaxref',
  'gbffre',
  'gbffref',
  'nefrubyr',
  'nefrubyrf',
  'nffubyr',
  'nffubyrf',
  'cvff bss',
  'fynt',
  'fyntf',
  'juber',
];

export function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/**
 * Harsh criticism of the organisation ("useless council", "pathetic service") is not abuse and must
 * stay visible, so words that are mostly criticism are deliberately not listed.
 */
export const ABUSE: PhraseSet = {
  id: 'abuse',
  name: 'Abuse',
  phrases: [
    'idiot',
    'idiots',
    'moron',
    'morons',
    'imbecile',
    'cretin',
    'scum',
    'scumbag',
    'scumbags',
    'muppet',
    'muppets',
    'numpty',
    'pillock',
    'plonker',
    'parasite',
    'parasites',
    'shut up',
    'drop dead',
    ...OBSCENITIES_ROT13.map(rot13),
  ],
};

export const DEFAULT_PHRASE_SETS: readonly PhraseSet[] = [
  SELF_HARM,
  THREATS_OF_VIOLENCE,
  CHILD_AT_RISK,
  CRIME_REPORT,
  ABUSE,
];

/** Sets whose matches call for safeguarding triage (not abuse, which is handled by blurring). */
export const SAFEGUARDING_SET_IDS: readonly string[] = [
  SELF_HARM.id,
  THREATS_OF_VIOLENCE.id,
  CHILD_AT_RISK.id,
];
