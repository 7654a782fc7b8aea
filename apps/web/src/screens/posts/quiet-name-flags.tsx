/**
 * Names from a quiet period's list of candidates and parties that a post mentions, in words (the API's
 * `quietFlags`). Shown to the author as they write (`live`: a polite region that is always in the page, so a
 * flag that appears is announced) and to the approver in the queue and on the post page. A flag never blocks.
 */
export function QuietNameFlags({ flags, live = false }: { flags: string[] | undefined; live?: boolean }) {
  const list = flags ?? [];
  const content =
    list.length > 0 ? (
      <div className="notice" data-testid="quiet-name-flags">
        <p>
          <strong>Quiet period: names to check</strong>
        </p>
        <ul>
          {list.map((flag) => (
            <li key={flag}>{flag}</li>
          ))}
        </ul>
      </div>
    ) : null;
  if (!live) return content;
  return <div aria-live="polite">{content}</div>;
}
