/**
 * What the simulated citizens say, in English and Welsh. The mix is what a council's inbox really sees:
 * mostly questions and complaints, some thanks, and the messages that matter most to get right: urgent ones
 * (flooding, a missing person, a gas leak), safeguarding ones (self-harm, a child at risk), abuse and spam.
 * Texts stay well under 280 characters so every network accepts them with a mention added.
 */
export const CROWD_CATEGORIES = [
  'question',
  'complaint',
  'thanks',
  'urgent',
  'safeguarding',
  'abuse',
  'spam',
] as const;
export type CrowdCategory = (typeof CROWD_CATEGORIES)[number];
export type CrowdLanguage = 'en' | 'cy';

/** Relative frequency of each category. */
export const CATEGORY_WEIGHTS: Readonly<Record<CrowdCategory, number>> = {
  question: 28,
  complaint: 22,
  thanks: 14,
  urgent: 7,
  safeguarding: 5,
  abuse: 10,
  spam: 14,
};

/** Values for the {slots} in the templates, per language (Welsh street names chosen so `ar` needs no mutation). */
export const SLOT_VALUES: Readonly<Record<CrowdLanguage, Readonly<Record<string, readonly string[]>>>> = {
  en: {
    street: [
      'Queen Street',
      'High Street',
      'Station Road',
      'Church Lane',
      'Park Avenue',
      'Mill Road',
      'Castle Street',
    ],
    place: ['Cardiff', 'Swansea', 'Newport', 'Wrexham', 'Bristol', 'Leeds', 'Bangor', 'Carmarthen'],
    day: ['Monday', 'Tuesday', 'Saturday', 'Sunday', 'bank holiday Monday'],
    time: ['6pm', '9 last night', 'lunchtime', '7 this morning'],
  },
  cy: {
    street: [
      'Heol y Frenhines',
      'Stryd Fawr',
      'Ffordd yr Orsaf',
      'Heol y Parc',
      'Stryd y Castell',
      'Sgwâr y Farchnad',
    ],
    place: ['Caerdydd', 'Abertawe', 'Casnewydd', 'Wrecsam', 'Bangor', 'Caerfyrddin', 'Aberystwyth'],
    day: ['ddydd Llun', 'ddydd Mawrth', 'ddydd Sadwrn', 'ddydd Sul'],
    time: ['6 o’r gloch neithiwr', 'amser cinio', '7 y bore ’ma'],
  },
};

export const MESSAGE_TEMPLATES: Readonly<
  Record<CrowdCategory, Readonly<Record<CrowdLanguage, readonly string[]>>>
> = {
  question: {
    en: [
      'When is the next bin collection on {street}?',
      'Is the library in {place} open on {day}?',
      'How do I apply for a resident parking permit?',
      'Can I book a bulky waste collection online?',
      'Are the recycling centres open over the bank holiday?',
      'Who do I contact about a broken streetlight on {street}?',
      'Where can I get help paying my council tax?',
      'Is the road closure on {street} still going ahead on {day}?',
    ],
    cy: [
      'Pryd mae’r casgliad biniau nesaf ar {street}?',
      'Ydy’r llyfrgell yn ardal {place} ar agor {day}?',
      'Sut ydw i’n gwneud cais am drwydded barcio i breswylwyr?',
      'Ydy’r canolfannau ailgylchu ar agor dros ŵyl y banc?',
      'Gyda phwy ydw i’n cysylltu am olau stryd sydd wedi torri ar {street}?',
      'Ble galla i gael help i dalu fy nhreth gyngor?',
    ],
  },
  complaint: {
    en: [
      'My bins haven’t been collected for two weeks now. {street}, {place}.',
      'The pothole on {street} has been there since March. Someone will have an accident.',
      'I’ve been on hold for 45 minutes trying to report a missed collection.',
      'Fly-tipping behind the shops on {street} again and nobody has cleared it.',
      'The bus to {place} didn’t turn up again this morning.',
      'Still no reply to my email from three weeks ago. Really disappointing.',
    ],
    cy: [
      'Dydy’r biniau ddim wedi cael eu casglu ers pythefnos. {street}, {place}.',
      'Mae’r twll yn y ffordd ar {street} yno ers mis Mawrth. Bydd damwain cyn hir.',
      'Dw i wedi bod yn aros ar y ffôn am 45 munud. Mae hyn yn annerbyniol.',
      'Tipio anghyfreithlon y tu ôl i’r siopau ar {street} eto, a does neb wedi’i glirio.',
      'Dim ateb i fy e-bost ers tair wythnos. Siomedig iawn.',
    ],
  },
  thanks: {
    en: [
      'Huge thanks to the team who cleared the fallen tree on {street} so quickly!',
      'The staff at the {place} library were brilliant today. Thank you.',
      'Thank you for sorting out my council tax query, really helpful.',
      'Great to see the park in {place} looking so good. Thank you!',
    ],
    cy: [
      'Diolch o galon i’r tîm a gliriodd y goeden ar {street} mor gyflym!',
      'Roedd staff y llyfrgell yn ardal {place} yn wych heddiw. Diolch!',
      'Diolch am ddatrys fy ymholiad treth gyngor, roedd yn help mawr.',
      'Mae’r parc yn edrych yn hyfryd. Diolch yn fawr!',
    ],
  },
  urgent: {
    en: [
      'There’s flooding on {street} and the water is coming into the houses. Please send help!',
      'My dad has gone missing in {place}. He has dementia and left the house at {time}. Please share.',
      'Very strong smell of gas on {street}, people are still in the flats.',
      'A tree has come down across {street}, the road is blocked and there are cables down.',
      'The river is about to burst its banks near {place}. We need sandbags now.',
    ],
    cy: [
      'Mae llifogydd ar {street} ac mae’r dŵr yn dod i mewn i’r tai. Helpwch, os gwelwch yn dda!',
      'Mae fy nhad ar goll ers {time}. Mae ganddo ddementia. Rhannwch, os gwelwch yn dda.',
      'Mae arogl nwy cryf iawn ar {street}, ac mae pobl yn dal yn y fflatiau.',
      'Mae coeden wedi cwympo ar draws {street}, mae’r ffordd ar gau ac mae ceblau i lawr.',
    ],
  },
  safeguarding: {
    en: [
      'I can’t cope any more and I don’t want to be here tomorrow.',
      'I’m worried about the little boy next door. He’s left on his own all night and I can hear him crying.',
      'Thinking about ending it all tonight. Nobody would notice.',
      'My neighbour’s kids go to school hungry and covered in bruises. Who do I tell?',
      'A man keeps waiting by the school gates on {street} and talking to the children.',
    ],
    cy: [
      'Dw i ddim yn gallu ymdopi rhagor a dw i ddim eisiau bod yma yfory.',
      'Dw i’n poeni am y bachgen bach drws nesaf. Mae’n cael ei adael ar ei ben ei hun drwy’r nos.',
      'Dw i’n meddwl am roi diwedd ar y cyfan heno. Fyddai neb yn sylwi.',
      'Mae plant fy nghymydog yn mynd i’r ysgol yn llwglyd ac yn gleisiau i gyd. Wrth bwy ddylwn i ddweud?',
    ],
  },
  abuse: {
    en: [
      'You lot are absolutely useless. A total waste of our money.',
      'Whoever runs this account is an idiot. Do your job.',
      'Pathetic. Every one of you should be sacked.',
      'Shut up and fix the roads, you clowns.',
    ],
    cy: [
      'Rydych chi’n gwbl ddiwerth. Gwastraff llwyr o’n harian ni.',
      'Twpsod. Dylai pob un ohonoch chi gael y sac.',
      'Caewch eich cegau a thrwsiwch y ffyrdd.',
    ],
  },
  spam: {
    en: [
      'Win a free iPhone! Claim yours now at http://prizes.example/claim',
      'Make £500 a day from home with this one trick: http://cash.example/start',
      'Cheap followers and likes, message me for prices!!!',
      'Crypto giveaway: send 0.1 BTC and get 1 BTC back. Limited time only!',
    ],
    cy: [
      'Enillwch iPhone am ddim! Hawliwch nawr: http://prizes.example/claim',
      'Gwnewch £500 y dydd o gartref: http://cash.example/start',
    ],
  },
};
