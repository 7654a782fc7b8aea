import { useRef, useState, type DragEvent } from 'react';
import { postsApi, type CalendarItem } from '../../api/posts';
import { messageOf } from '../../components/error-summary';
import { dayKey, dayName } from './calendar-days';

/** States the API's schedule route moves (the calendar's Move). */
const MOVABLE = new Set(['approved', 'scheduled', 'failed', 'missed']);

/**
 * Dragging a post to another day in the month and week views: the pointer twin of the Move action (which is
 * the keyboard way, in a day's list). A drop keeps the post's time of day, in the organisation's zone, and
 * calls the same schedule route, so the same rules apply (no time in the past, nothing publishing, the DST
 * rule) and the same words come back: the answer for the page's status region, or why not in an alert,
 * with the post left where it was (nothing moves until the API says it moved).
 */
export function useCalendarDrag(options: {
  orgId: string;
  timeZone: string;
  onMoved: (message: string) => void;
}) {
  const dragged = useRef<CalendarItem | null>(null);
  const [overDay, setOverDay] = useState<string | null>(null);
  const [refusal, setRefusal] = useState('');
  const latest = useRef(options);
  latest.current = options;

  async function move(item: CalendarItem, day: string) {
    const { orgId, timeZone, onMoved } = latest.current;
    const time = timeOfDay(item.at, timeZone);
    const name = item.title || item.excerpt || 'Untitled post';
    setRefusal('');
    try {
      const answer = await postsApi.schedule(orgId, item.postId, {
        date: day,
        time,
        targetId: item.targetId,
      });
      onMoved([answer.message, answer.schedule?.adjustmentText].filter(Boolean).join(' '));
    } catch (err) {
      setRefusal(`“${name}” was not moved to ${dayName(day)}: ${messageOf(err)}`);
    }
  }

  /** For a post's chip: draggable when the schedule route could move it. */
  function chip(item: CalendarItem) {
    if (!MOVABLE.has(item.state)) return {};
    return {
      draggable: true,
      'data-draggable-post': item.targetId,
      onDragStart: (event: DragEvent<HTMLElement>) => {
        event.stopPropagation();
        dragged.current = item;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', item.title || item.excerpt || item.targetId);
      },
      onDragEnd: () => {
        dragged.current = null;
        setOverDay(null);
      },
    };
  }

  /** For a day's cell: takes a dragged post. */
  function day(key: string) {
    return {
      'data-drop-day': key,
      'data-drag-over': overDay === key ? 'true' : undefined,
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (!dragged.current) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (overDay !== key) setOverDay(key);
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        const item = dragged.current;
        dragged.current = null;
        setOverDay(null);
        if (!item) return;
        event.preventDefault();
        // Dropped on its own day: nothing to move.
        if (item.at && dayKey(item.at, latest.current.timeZone) === key) return;
        void move(item, key);
      },
    };
  }

  return { chip, day, refusal };
}

/** "10:00": the time of day of an instant in the zone, which a move keeps. */
export function timeOfDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
