import { useCallback, useEffect, useRef, useState } from 'react';
import type { Post } from '../../api/posts';

/** How long after the last change a draft saves itself. */
export const AUTOSAVE_DELAY_MS = 3000;

interface AutosaveOptions {
  /** The form holds what it edits (the first content seen then is what is already saved). */
  ready: boolean;
  /** Only drafts save themselves, and not while the person is saving or submitting. */
  enabled: boolean;
  /** The content as it would be sent, serialised: a change of it is a change to save. */
  content: string;
  /** The post being edited, if it has been saved before. */
  postId: string | undefined;
  timeZone: string;
  /** Creates the draft (no id) or saves it; never submits. */
  save: (postId: string | undefined) => Promise<Post>;
  onSaved: (post: Post) => void;
}

export interface Autosave {
  /** "Draft saved at 14:02.", for a quiet polite live region. */
  status: string;
  /** Waits for a save in flight, so the person's own save never races it (and never makes a second draft). */
  settled: () => Promise<void>;
  /** The id of the draft as saved last, by either. */
  latestId: () => string | undefined;
  /** The person saved this content themselves: nothing to save for it. */
  markSaved: (content: string, postId: string) => void;
}

/**
 * Drafts save themselves a few seconds after typing stops (UI.md: "Drafts save themselves").
 *
 * The effect below runs after every keystroke, so it never sets state synchronously (React error #185,
 * see commit 36da0a3): it only starts a timer, and the timer's save sets the status when it answers. Saves run
 * one after another through `inFlight`, and the content is compared with what was saved last at the moment the
 * timer fires, so a draft that was submitted meanwhile is never saved again behind the person's back.
 */
export function useAutosave(options: AutosaveOptions): Autosave {
  const { ready, enabled, content, timeZone } = options;
  const [status, setStatus] = useState('');
  const baseline = useRef<string | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const id = useRef(options.postId);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (options.postId) id.current = options.postId;
  }, [options.postId]);

  useEffect(() => {
    if (!ready) return;
    if (baseline.current === null) {
      baseline.current = content;
      return;
    }
    if (!enabled || content === baseline.current) return;
    const timer = window.setTimeout(() => {
      inFlight.current = inFlight.current.then(async () => {
        if (!latest.current.enabled || latest.current.content !== content || baseline.current === content)
          return;
        try {
          const post = await latest.current.save(id.current);
          id.current = post.id;
          baseline.current = content;
          latest.current.onSaved(post);
          setStatus(`Draft saved at ${clockTime(new Date(), timeZone)}.`);
        } catch {
          setStatus('The draft could not save itself just now. Your text is still here: use Save draft.');
        }
      });
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [ready, enabled, content, timeZone]);

  const settled = useCallback(() => inFlight.current, []);
  const latestId = useCallback(() => id.current, []);
  const markSaved = useCallback((saved: string, postId: string) => {
    baseline.current = saved;
    id.current = postId;
  }, []);
  return { status, settled, latestId, markSaved };
}

/** "14:02" in the organisation's zone. */
function clockTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
