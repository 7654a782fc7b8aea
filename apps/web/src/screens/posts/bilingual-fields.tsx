import { useEffect, useState } from 'react';
import { guardrailApi, type CoachHint } from '../../api/guardrails';
import type { BilingualSettings, Media, Validation } from '../../api/posts';
import type { Channel } from '../../api/types';
import { PostPreview } from './post-preview';

/** A bilingual post in the composer: its two languages, each half's text, and which half each channel carries. */
export interface PairState {
  /** In the order they go out: the organisation's first language first when the pair has it. */
  languages: [string, string];
  texts: Record<string, string>;
  /** Channel id → the one language it carries (a paired account), or 'both'. */
  carry: Record<string, string>;
}

const COACH_DELAY_MS = 700;
/** The languages the coach can recognise (libs/guardrails detect-language). */
const DETECTABLE = new Set(['en', 'cy', 'gd']);

export function startPair(settings: BilingualSettings): PairState {
  return { languages: inPublishingOrder(settings.defaultPair, settings.firstLanguage), texts: {}, carry: {} };
}

/** The organisation's first language first, when the pair has it; otherwise as chosen. */
export function inPublishingOrder(pair: string[], first: string | null): [string, string] {
  const [a, b] = pair;
  return first && b === first ? [b, a] : [a, b];
}

interface BilingualFieldsProps {
  orgId: string;
  settings: BilingualSettings;
  pair: PairState;
  onChange: (pair: PairState) => void;
  chosen: Channel[];
  validation: Validation | undefined;
  media: Media[];
}

/**
 * The two halves of a bilingual post: a text box for each language (labelled in words, with its `lang` set so
 * screen readers and spell checkers use the right language), each half's count per channel and its preview,
 * the coach's hints for each half (including a half that reads as the other language), and, for each channel,
 * whether it carries both halves or only one (a Welsh account paired with an English one).
 */
export function BilingualFields({
  orgId,
  settings,
  pair,
  onChange,
  chosen,
  validation,
  media,
}: BilingualFieldsProps) {
  const name = (code: string) => settings.languages.find((l) => l.code === code);
  const [hints, setHints] = useState<Record<string, CoachHint[]>>({});
  const [mismatch, setMismatch] = useState<Record<string, string>>({});

  // The coach reads each half; a half that reads as another language it knows is pointed out (a hint only).
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      for (const code of pair.languages) {
        const text = pair.texts[code] ?? '';
        if (!text.trim()) continue;
        guardrailApi
          .coach(orgId, { text, media: media.map((m) => ({ altText: m.altText })) })
          .then((advice) => {
            if (!live) return;
            setHints((all) => ({ ...all, [code]: advice.hints }));
            const other = advice.language;
            setMismatch((all) => ({
              ...all,
              [code]:
                DETECTABLE.has(code) && other !== 'unknown' && other !== code
                  ? `This reads like ${name(other)?.name ?? other}, but it is the ${name(code)?.name ?? code} half. Check each text is in the right box.`
                  : '',
            }));
          })
          .catch(() => undefined);
      }
    }, COACH_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // name() reads settings, which do not change while the composer is open.
  }, [orgId, pair.languages, pair.texts, media]);

  function setLanguage(index: 0 | 1, code: string) {
    const languages: [string, string] = [...pair.languages];
    languages[index] = code;
    onChange({ ...pair, languages: inPublishingOrder(languages, settings.firstLanguage) });
  }

  const carries = (channel: Channel, code: string) => {
    const carry = pair.carry[channel.id] ?? 'both';
    return carry === 'both' || carry === code;
  };

  return (
    <div className="bilingual">
      <fieldset className="fieldset">
        <legend className="field__label">The two languages</legend>
        <p className="field__hint" id="pair-rule">
          {settings.ruleText} They are approved as one post, and neither half goes out alone.
        </p>
        <div className="schedule-picker">
          {([0, 1] as const).map((index) => (
            <div className="field" key={index}>
              <label className="field__label" htmlFor={`pair-language-${index}`}>
                {index === 0 ? 'Goes out first' : 'Goes out second'}
              </label>
              <select
                id={`pair-language-${index}`}
                className="input input--medium"
                value={pair.languages[index]}
                aria-describedby="pair-rule"
                onChange={(e) => setLanguage(index, e.target.value)}
              >
                {settings.languages.map((l) => (
                  <option key={l.code} value={l.code} disabled={l.code === pair.languages[1 - index]}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>

      {pair.languages.map((code) => {
        const language = name(code);
        const label = language?.name ?? code;
        const checks = (validation?.channels ?? []).filter((c) => c.language === code);
        const carriers = chosen.filter((c) => carries(c, code));
        return (
          <section key={code} className="bilingual__half" aria-labelledby={`pair-heading-${code}`}>
            <h2 id={`pair-heading-${code}`}>
              {label} half
              {language && language.nativeName !== language.name && (
                <>
                  {' '}
                  <span lang={code}>({language.nativeName})</span>
                </>
              )}
            </h2>
            <div className="field">
              <label className="field__label" htmlFor={`pair-text-${code}`}>
                {label} text
              </label>
              <textarea
                id={`pair-text-${code}`}
                lang={code}
                dir="auto"
                className="input input--full textarea"
                rows={5}
                value={pair.texts[code] ?? ''}
                aria-describedby={`pair-count-${code}`}
                onChange={(e) => onChange({ ...pair, texts: { ...pair.texts, [code]: e.target.value } })}
              />
            </div>
            <ul className="plain-list" id={`pair-count-${code}`}>
              {carriers.length === 0 && (
                <li className="muted">No chosen channel carries the {label} half yet.</li>
              )}
              {carriers.map((channel) => {
                const check = checks.find((c) => c.channelId === channel.id);
                const first = check?.parts[0];
                return (
                  <li key={channel.id}>
                    {channel.networkName} {channel.handle}:{' '}
                    {!check
                      ? 'counting…'
                      : check.ok
                        ? `${first?.characters ?? 0} of ${first?.maxCharacters ?? 0} characters`
                        : check.problems.join(' ')}
                  </li>
                );
              })}
            </ul>
            {(mismatch[code] || (hints[code] ?? []).length > 0) && (
              <ul className="coach-hints" aria-label={`Writing coach on the ${label} half`}>
                {mismatch[code] && <li>{mismatch[code]}</li>}
                {(hints[code] ?? []).map((h, i) => (
                  <li key={`${h.id}-${i}`}>
                    {h.blocking && <strong>Must change: </strong>}
                    {h.message}
                  </li>
                ))}
              </ul>
            )}
            {carriers.length > 0 && (
              <details className="details">
                <summary>Preview of the {label} half</summary>
                <div lang={code}>
                  {carriers.map((channel) => (
                    <PostPreview
                      key={channel.id}
                      channel={channel}
                      parts={[pair.texts[code] ?? '']}
                      media={media}
                    />
                  ))}
                </div>
              </details>
            )}
          </section>
        );
      })}

      {chosen.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">Which half goes on each channel</legend>
          <p className="field__hint">
            A channel can carry both halves, or one: for example a Welsh account paired with an English one.
          </p>
          {chosen.map((channel) => (
            <div className="field" key={channel.id}>
              <label className="field__label" htmlFor={`carry-${channel.id}`}>
                {channel.networkName} {channel.handle}
              </label>
              <select
                id={`carry-${channel.id}`}
                className="input input--medium"
                value={pair.carry[channel.id] ?? 'both'}
                onChange={(e) =>
                  onChange({ ...pair, carry: { ...pair.carry, [channel.id]: e.target.value } })
                }
              >
                <option value="both">Both halves, one after the other</option>
                {pair.languages.map((code) => (
                  <option key={code} value={code}>
                    Only the {name(code)?.name ?? code} half
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}
