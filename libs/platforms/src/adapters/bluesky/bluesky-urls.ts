/** The bsky.app address of a post, from its author's handle and its at:// uri. */
export function postUrl(handle: string, uri: string): string {
  const rkey = uri.split('/').pop() ?? '';
  return `https://bsky.app/profile/${handle}/post/${rkey}`;
}
