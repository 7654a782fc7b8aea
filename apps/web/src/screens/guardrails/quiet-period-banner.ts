import { useEffect, useMemo, useState } from 'react';
import { guardrailApi } from '../../api/guardrails';
import type { Banner } from '../frame/banner-area';

/** Periods start and end at midnight; checking every few minutes is soon enough. */
const RECHECK_MS = 5 * 60 * 1000;

/** Event the Quiet periods screen sends after a change, so the banner follows at once. */
export const QUIET_PERIODS_CHANGED = 'outside-in:quiet-periods-changed';

/** The frame's banner while a quiet period is in force ("Pre-election period until … needs approval by …"). */
export function useQuietPeriodBanners(organisationId: string): Banner[] {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      guardrailApi.activeQuietPeriod(organisationId).then(
        (active) => live && setText(active.banner),
        // A failed check leaves the last answer: a banner should not flicker away on a network blip.
        () => undefined,
      );
    void load();
    const timer = window.setInterval(() => void load(), RECHECK_MS);
    window.addEventListener(QUIET_PERIODS_CHANGED, load);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener(QUIET_PERIODS_CHANGED, load);
    };
  }, [organisationId]);
  return useMemo(() => (text ? [{ id: 'quiet-period', text }] : []), [text]);
}
