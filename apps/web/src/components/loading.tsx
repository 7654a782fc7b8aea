/** Said in words, not a spinner; there is no motion to switch off for people who prefer less of it. */
export function Loading({ what }: { what: string }) {
  return <p className="loading">Loading {what}…</p>;
}
