/**
 * How Mastodon turns the plain text of a status into its HTML `content`, and how it counts characters.
 * Stored content carries BASE_URL_TOKEN in place of the instance origin, so that a status created by the
 * crowd (no request, no Host header) renders with whatever origin the reader used. The token holds a raw `<`,
 * which escaped user text never contains, so no user can forge it.
 */
export const BASE_URL_TOKEN = '<mastodon-base/>';

/** Mastodon counts every URL as 23 characters, whatever its length (StatusLengthValidator). */
const URL_WEIGHT = 23;

const TOKEN_PATTERN =
  /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])|(?<=^|[^/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\w.-]+[a-z0-9]+))?|(?<=^|[^/)\w])#(\w*[a-zA-Z·]\w*)/gi;

export interface MentionedAccount {
  id: string;
  username: string;
}

export interface RenderedText {
  content: string;
  mentionIds: string[];
  tags: string[];
}

/** Grapheme count after Mastodon's substitutions (URLs weigh 23, remote mentions count without the domain). */
export function countStatusCharacters(text: string): number {
  const countable = text
    .replace(/https?:\/\/[^\s<>"]+/gi, 'x'.repeat(URL_WEIGHT))
    .replace(/(?<=^|[^/\w])@([a-z0-9_]+)@[\w.-]+[a-z0-9]+/gi, '@$1');
  return graphemeLength(countable);
}

export function graphemeLength(text: string): number {
  let count = 0;
  for (const _segment of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) count += 1;
  return count;
}

/** The usernames a text mentions (local accounts only: `@name` or `@name@<this instance>`). */
export function mentionedUsernames(text: string, localDomain?: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    if (!match[2]) continue;
    if (match[3] && localDomain && match[3].toLowerCase() !== localDomain.toLowerCase()) continue;
    names.add(match[2].toLowerCase());
  }
  return [...names];
}

/**
 * Renders a status as Mastodon does: HTML-escaped, paragraphs on blank lines, `<br />` for single line breaks,
 * links, mentions as h-cards and hashtags. `accounts` maps lower-case usernames to the local accounts mentioned.
 */
export function renderStatusText(text: string, accounts: Map<string, MentionedAccount>): RenderedText {
  const mentionIds: string[] = [];
  const tags: string[] = [];
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/);
  const html = paragraphs
    .map(
      (paragraph) => `<p>${renderInline(paragraph, accounts, mentionIds, tags).replace(/\n/g, '<br />')}</p>`,
    )
    .join('');
  return { content: html, mentionIds, tags };
}

function renderInline(
  text: string,
  accounts: Map<string, MentionedAccount>,
  mentionIds: string[],
  tags: string[],
) {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const index = match.index ?? 0;
    out += escapeHtml(text.slice(last, index));
    last = index + match[0].length;
    const [whole, url, username, , tag] = match;
    if (url) {
      out += renderLink(url);
    } else if (username) {
      const account = accounts.get(username.toLowerCase());
      if (!account) {
        out += escapeHtml(whole);
        continue;
      }
      if (!mentionIds.includes(account.id)) mentionIds.push(account.id);
      out +=
        `<span class="h-card" translate="no"><a href="${BASE_URL_TOKEN}/@${account.username}" ` +
        `class="u-url mention">@<span>${account.username}</span></a></span>`;
    } else if (tag) {
      const name = tag.toLowerCase();
      if (!tags.includes(name)) tags.push(name);
      out += `<a href="${BASE_URL_TOKEN}/tags/${name}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
    }
  }
  return out + escapeHtml(text.slice(last));
}

function renderLink(url: string): string {
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  const scheme = url.slice(0, url.length - withoutScheme.length);
  const display = withoutScheme.length > 30 ? withoutScheme.slice(0, 30) : withoutScheme;
  const rest = withoutScheme.slice(display.length);
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(scheme)}</span>` +
    `<span class="${rest ? 'ellipsis' : ''}">${escapeHtml(display)}</span>` +
    `<span class="invisible">${escapeHtml(rest)}</span></a>`
  );
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Replaces the stored placeholder with the origin the reader used (see BASE_URL_TOKEN). */
export function withBaseUrl(stored: string, baseUrl: string): string {
  return stored.split(BASE_URL_TOKEN).join(baseUrl);
}
