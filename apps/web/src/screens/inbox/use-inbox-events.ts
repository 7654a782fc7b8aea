import { useEffect, useRef } from 'react';
import { INBOX_EVENT_TYPES, inboxApi, type InboxEvent } from '../../api/inbox';

type Listener = (event: InboxEvent) => void;

/** One stream per organisation per tab, shared by every part of the screen that listens (the nav, the inbox). */
const streams = new Map<string, { source: EventSource; listeners: Set<Listener> }>();

function subscribe(orgId: string, listener: Listener): () => void {
  let stream = streams.get(orgId);
  if (!stream) {
    const source = new EventSource(inboxApi.eventsUrl(orgId), { withCredentials: true });
    const listeners = new Set<Listener>();
    for (const type of INBOX_EVENT_TYPES) {
      source.addEventListener(type, (message: MessageEvent<string>) => {
        let event: InboxEvent;
        try {
          event = { ...(JSON.parse(message.data) as object), type } as InboxEvent;
        } catch {
          // A line we cannot read is dropped; the next event re-reads everything it names.
          return;
        }
        for (const each of [...listeners]) each(event);
      });
    }
    stream = { source, listeners };
    streams.set(orgId, stream);
  }
  stream.listeners.add(listener);
  const mine = stream;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0) {
      mine.source.close();
      streams.delete(orgId);
    }
  };
}

/**
 * Listens to the inbox's event stream (README "Realtime") while the component is mounted. EventSource sends the
 * session cookie and reconnects by itself after the server's 3 s retry.
 */
export function useInboxEvents(orgId: string, onEvent: Listener): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    return subscribe(orgId, (event) => handler.current(event));
  }, [orgId]);
}
