import { useEffect, useRef } from 'react';
import { INBOX_EVENT_TYPES, inboxApi, type InboxEvent } from '../../api/inbox';

/**
 * Listens to the inbox's event stream (README "Realtime") for as long as the screen is open. EventSource sends
 * the session cookie and reconnects by itself after the server's 3 s retry.
 */
export function useInboxEvents(orgId: string, onEvent: (event: InboxEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(inboxApi.eventsUrl(orgId), { withCredentials: true });
    const listeners = INBOX_EVENT_TYPES.map((type) => {
      const listener = (message: MessageEvent<string>) => {
        try {
          const data = JSON.parse(message.data) as Record<string, unknown>;
          handler.current({ ...data, type } as InboxEvent);
        } catch {
          // A line we cannot read is dropped; the next event re-reads everything it names.
        }
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [orgId]);
}
