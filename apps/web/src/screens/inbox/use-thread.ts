import { useCallback, useEffect, useMemo, useState } from 'react';
import { inboxApi, type ConversationDetail, type TimelineItem } from '../../api/inbox';
import { recordsApi, type FoiRequest } from '../../api/records';
import { useApiData } from '../../components/use-api-data';

/**
 * The conversation's thread as read so far: the latest 100 messages come with the conversation, and "Show older
 * messages" walks back by the API's keyset cursor, keeping what was loaded when the latest part is re-read after
 * an event. Also the open FOI requests of the conversation, by message, for their clocks.
 */
export function useThread(orgId: string, detail: ConversationDetail) {
  const [older, setOlder] = useState<TimelineItem[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(detail.olderCursor);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    setOlder([]);
    setOlderCursor(detail.olderCursor);
    setProblem(null);
    // Only a different conversation starts again; a re-read of the same one keeps the older pages.
  }, [detail.id]);

  const loadOlder = useCallback(async () => {
    if (!olderCursor) return;
    setLoadingOlder(true);
    setProblem(null);
    try {
      const page = await inboxApi.conversation(orgId, detail.id, olderCursor);
      setOlder((old) => [...page.timeline, ...old]);
      setOlderCursor(page.olderCursor);
    } catch (error) {
      setProblem(error);
    } finally {
      setLoadingOlder(false);
    }
  }, [orgId, detail.id, olderCursor]);

  const timeline = useMemo(() => {
    const latest = new Set(detail.timeline.map((i) => i.id));
    return [...older.filter((i) => !latest.has(i.id)), ...detail.timeline];
  }, [older, detail.timeline]);

  const clocks = useApiData(() => recordsApi.foiRequests(orgId, 'open'), `foi:${orgId}:${detail.id}`);
  const foi = useMemo(
    () =>
      new Map<string, FoiRequest>(
        (clocks.data?.items ?? []).filter((f) => f.conversationId === detail.id).map((f) => [f.messageId, f]),
      ),
    [clocks.data, detail.id],
  );

  return { timeline, olderCursor, loadingOlder, loadOlder, problem, foi, reloadFoi: clocks.reload };
}
