import type { TimelineItem } from '../../api/inbox';
import { formatDateTime } from '../../components/format';

/**
 * What the author did to their message on the network after we stored it: deleted it (our copy is kept, as
 * evidence) or edited it (the earlier texts stay readable, oldest first). Nothing when neither happened.
 */
export function AuthorChanges({ item }: { item: TimelineItem }) {
  const previous = item.previousVersions ?? [];
  if (!item.authorDeletedAt && !item.editedAt && previous.length === 0) return null;
  return (
    <>
      {item.authorDeletedAt && (
        <p className="inbox__moderation">
          Deleted by the author on {formatDateTime(item.authorDeletedAt)}. Our copy is kept here.
        </p>
      )}
      {item.editedAt && (
        <details className="inbox__moderation">
          <summary>
            Edited by the author on {formatDateTime(item.editedAt)}
            {previous.length > 0 &&
              ` (${previous.length === 1 ? 'one earlier version' : `${previous.length} earlier versions`})`}
          </summary>
          <ol>
            {previous.map((version) => (
              <li key={version.replacedAt}>
                Until {formatDateTime(version.replacedAt)}: {version.body}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
