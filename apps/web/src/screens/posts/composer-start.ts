import { useLocation } from 'react-router-dom';

/** What a new post may start with, passed in the route's state (for example the quiet-period explainer). */
export interface ComposerStart {
  title?: string;
  text?: string;
}

/** Link to the composer with its text filled in: `navigate('/posts/new', { state: composerStart(...) })`. */
export function composerStart(title: string, text: string): { composerStart: ComposerStart } {
  return { composerStart: { title, text } };
}

export function useComposerStart(): ComposerStart {
  const state: unknown = useLocation().state;
  if (state && typeof state === 'object' && 'composerStart' in state) {
    const start = (state as { composerStart: ComposerStart }).composerStart;
    return { title: String(start.title ?? ''), text: String(start.text ?? '') };
  }
  return {};
}
