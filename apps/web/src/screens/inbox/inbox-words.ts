import type { Outbound } from '../../api/inbox';

/** "2 minutes", "3 hours", "4 days": how long someone has waited, in words (under a minute is "moments"). */
export function waitingInWords(sinceIso: string | null, now: number = Date.now()): string | null {
  if (!sinceIso) return null;
  const seconds = Math.max(0, Math.floor((now - new Date(sinceIso).getTime()) / 1000));
  if (seconds < 60) return 'moments';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

/** A reply's progress in words, as UI.md asks: "Waiting for approval", "Sending…", "Sent", "Failed: …". */
export function replyStateInWords(outbound: Outbound): string {
  switch (outbound.state) {
    case 'draft':
      // The API's reason already reads "Sent back by Sam: …"; older rows hold only the reason.
      if (!outbound.error) return 'Draft';
      return outbound.error.startsWith('Sent back') ? outbound.error : `Sent back: ${outbound.error}`;
    case 'pending_approval':
      return 'Waiting for approval';
    case 'approved':
    case 'sending':
      return 'Sending…';
    case 'sent':
      return 'Sent';
    case 'failed':
      return `Failed: ${outbound.error ?? 'the network did not accept it'}`;
  }
}

/** Names joined in words: "Sam", "Sam and Ali", "Sam, Ali and Jo". */
export function namesInWords(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const VIEW_LABELS: Record<string, string> = {
  mine: 'Mine',
  unassigned: 'Unassigned',
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  closed: 'Closed',
  flagged: 'Flagged',
};

/** Priority in words where it asks for attention ("High priority", "Urgent"); null for low and normal. */
export function priorityInWords(priority: string): string | null {
  if (priority === 'urgent') return 'Urgent';
  if (priority === 'high') return 'High priority';
  return null;
}

export const PRIORITY_LABELS: Record<string, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

/** Tags as typed ("Roads, Street lights") as the API keeps them: lower case, hyphens for spaces, no repeats. */
export function tagsFromText(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim().toLowerCase().replace(/\s+/g, '-'))
    .filter(Boolean);
  return [...new Set(tags)];
}

export const NETWORK_NAMES: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};

/** The language code in words where the browser knows it ("en" → "English"). */
export function languageInWords(code: string | null): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

interface Named {
  userId: string;
  name: string;
}

/** The members a note's text @mentions, by full name or first name ("@Sam" or "@Sam Responder"). */
export function mentionedIn(body: string, members: Named[]): Named[] {
  const text = body.toLowerCase();
  return members.filter((m) => {
    const full = m.name.toLowerCase();
    const first = full.split(/\s+/)[0];
    return text.includes(`@${full}`) || new RegExp(`@${escape(first)}(?![\\p{L}\\p{N}])`, 'u').test(text);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when a key press is meant for a text field, not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (target instanceof HTMLInputElement && ['checkbox', 'radio', 'button', 'submit'].includes(target.type))
    return false;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
