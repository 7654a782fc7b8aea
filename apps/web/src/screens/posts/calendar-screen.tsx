import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { postsApi, type CalendarItem } from '../../api/posts';
import { messageOf } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { NetworkIcon } from '../channels/network-icon';
import {
  addDays,
  addMonths,
  dayKey,
  dayName,
  monthGrid,
  monthName,
  spanInstants,
  weekDays,
} from './calendar-days';
import { zoneName } from './post-words';
import { useCalendarDrag } from './calendar-drag';

type View = 'list' | 'month' | 'week';
const VIEWS: { view: View; label: string }[] = [
  { view: 'list', label: 'List' },
  { view: 'month', label: 'Month' },
  { view: 'week', label: 'Week' },
];
const LIST_DAYS = 28;
const WEEKDAY_HEADINGS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** States the API's schedule route moves (the calendar's Move). */
const MOVABLE = new Set(['approved', 'scheduled', 'failed', 'missed']);

/** The calendar: a list by day (four weeks), a month or a week, all in the organisation's zone. */
export function CalendarScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { timeZone } = useOrganisationDetails();
  const today = dayKey(Date.now(), timeZone);
  const [view, setView] = useState<View>('list');
  const [anchor, setAnchor] = useState(() => addDays(today, -7));
  const [focusedDay, setFocusedDay] = useState(today);
  const [openDay, setOpenDay] = useState<string | null>(null);
  const [moved, setMoved] = useState('');

  const days = useMemo(() => {
    if (view === 'month') return monthGrid(anchor);
    if (view === 'week') return weekDays(anchor);
    return Array.from({ length: LIST_DAYS }, (_, i) => addDays(anchor, i));
  }, [view, anchor]);
  const { from, to } = spanInstants(days[0], days[days.length - 1]);
  const page = useApiData(() => postsApi.calendar(orgId, from, to), `${orgId}/${from}/${to}`);

  const byDay = useMemo(() => {
    const groups = new Map<string, CalendarItem[]>();
    for (const item of page.data?.items ?? []) {
      const key = dayKey(item.at, timeZone);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    return groups;
  }, [page.data, timeZone]);

  function choose(next: View) {
    setView(next);
    setOpenDay(null);
    if (next === 'list') setAnchor(addDays(focusedDay, -7));
    else setAnchor(focusedDay);
  }

  function step(direction: 1 | -1) {
    setOpenDay(null);
    if (view === 'month') {
      const next = addMonths(anchor, direction);
      setAnchor(next);
      setFocusedDay(next);
    } else {
      const next = addDays(anchor, direction * (view === 'week' ? 7 : LIST_DAYS));
      setAnchor(next);
      setFocusedDay(view === 'week' ? next : addDays(next, 7));
    }
  }

  const spanText =
    view === 'month' ? monthName(anchor) : `${dayName(days[0])} to ${dayName(days[days.length - 1])}`;
  const onMoved = (message: string) => {
    setMoved(message);
    void page.reload();
  };
  const drag = useCalendarDrag({ orgId, timeZone, onMoved });
  const stepLabel = view === 'month' ? 'month' : view === 'week' ? 'week' : 'four weeks';

  return (
    <>
      <PageHeading title="Calendar">
        <p>
          {spanText}. Times in {zoneName(page.data?.timeZone ?? timeZone)} ({page.data?.timeZone ?? timeZone}
          ).
        </p>
      </PageHeading>
      <StatusMessage>{moved}</StatusMessage>
      {drag.refusal && (
        <p className="notice notice--problem" role="alert">
          {drag.refusal}
        </p>
      )}
      <div className="button-row">
        <Link to="/posts/new" className="button">
          New post
        </Link>
        <div role="group" aria-label="Show as" className="button-row">
          {VIEWS.map((v) => (
            <button
              key={v.view}
              type="button"
              className="button button--secondary"
              aria-pressed={view === v.view}
              onClick={() => choose(v.view)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <button type="button" className="button button--secondary" onClick={() => step(-1)}>
          Earlier {stepLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={() => step(1)}>
          Later {stepLabel}
        </button>
      </div>
      {page.error ? (
        <LoadFailure what="the calendar" error={page.error} retry={() => void page.reload()} />
      ) : !page.data ? (
        <Loading what="the calendar" />
      ) : view === 'list' ? (
        <DayList
          days={days.filter((d) => byDay.has(d))}
          byDay={byDay}
          orgId={orgId}
          timeZone={timeZone}
          onMoved={onMoved}
          empty="Nothing is planned or published in these four weeks."
        />
      ) : (
        <>
          <DayGrid
            days={days}
            byDay={byDay}
            month={view === 'month' ? anchor.slice(0, 7) : null}
            caption={spanText}
            focusedDay={days.includes(focusedDay) ? focusedDay : days[0]}
            today={today}
            onFocusDay={setFocusedDay}
            onOpenDay={setOpenDay}
            drag={drag}
          />
          {openDay && (
            <DayList
              days={[openDay]}
              byDay={byDay}
              orgId={orgId}
              timeZone={timeZone}
              onMoved={onMoved}
              empty={`Nothing is planned or published on ${dayName(openDay)}.`}
              alwaysShowDay
            />
          )}
        </>
      )}
      {page.data?.truncated && <p>There are more posts in this span than we can show at once.</p>}
    </>
  );
}

function DayGrid(props: {
  days: string[];
  byDay: Map<string, CalendarItem[]>;
  month: string | null;
  caption: string;
  focusedDay: string;
  today: string;
  onFocusDay: (day: string) => void;
  onOpenDay: (day: string) => void;
  drag: ReturnType<typeof useCalendarDrag>;
}) {
  const { days, byDay, focusedDay } = props;
  const table = useRef<HTMLTableElement>(null);
  const weeks = Array.from({ length: days.length / 7 }, (_, w) => days.slice(w * 7, w * 7 + 7));

  function onKey(event: KeyboardEvent<HTMLButtonElement>, day: string) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 7, ArrowUp: -7 };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      props.onOpenDay(day);
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = addDays(day, moves[event.key]);
    if (!days.includes(next)) return;
    props.onFocusDay(next);
    table.current?.querySelector<HTMLButtonElement>(`[data-day="${next}"]`)?.focus();
  }

  return (
    <table className="day-grid" ref={table}>
      <caption className="visually-hidden">
        {props.caption}. Arrow keys move between days; Enter shows a day’s posts, each with a Move action.
      </caption>
      <thead>
        <tr>
          {WEEKDAY_HEADINGS.map((d) => (
            <th key={d} scope="col">
              <span aria-hidden="true">{d.slice(0, 3)}</span>
              <span className="visually-hidden">{d}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const items = byDay.get(day) ?? [];
              const outside = props.month !== null && !day.startsWith(props.month);
              const count =
                items.length === 0 ? 'no posts' : items.length === 1 ? '1 post' : `${items.length} posts`;
              return (
                <td
                  key={day}
                  className={outside ? 'day-grid__day day-grid__day--outside' : 'day-grid__day'}
                  {...props.drag.day(day)}
                >
                  <button
                    type="button"
                    className="day-grid__button"
                    data-day={day}
                    tabIndex={day === focusedDay ? 0 : -1}
                    aria-label={`${dayName(day)}${day === props.today ? ' (today)' : ''}, ${count}`}
                    onFocus={() => props.onFocusDay(day)}
                    onClick={() => props.onOpenDay(day)}
                    onKeyDown={(e) => onKey(e, day)}
                  >
                    <span className="day-grid__number">{Number(day.slice(8))}</span>
                    {items.length > 0 && (
                      <span className="day-grid__summary">
                        {items.slice(0, 3).map((item) => (
                          <span key={item.targetId} className="day-grid__chip" {...props.drag.chip(item)}>
                            {item.halves
                              ? `${pairWords(item)} on ${[...new Set(item.halves.map((h) => h.channel.networkName))].join(' and ')}`
                              : item.channel.networkName}
                            : {stateWord(item.state)}
                          </span>
                        ))}
                        {items.length > 3 && (
                          <span className="day-grid__chip">and {items.length - 3} more</span>
                        )}
                      </span>
                    )}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STATE_WORDS: Record<string, string> = {
  draft: 'draft',
  in_review: 'waiting for approval',
  changes_requested: 'changes requested',
  approved: 'approved',
  scheduled: 'scheduled',
  publishing: 'publishing',
  published: 'published',
  failed: 'not published',
  missed: 'missed',
  cancelled: 'cancelled',
};

function stateWord(state: string): string {
  return STATE_WORDS[state] ?? state;
}

function DayList(props: {
  days: string[];
  byDay: Map<string, CalendarItem[]>;
  orgId: string;
  timeZone: string;
  onMoved: (message: string) => void;
  empty: string;
  alwaysShowDay?: boolean;
}) {
  const { days, byDay } = props;
  if (days.length === 0 || (props.alwaysShowDay && (byDay.get(days[0]) ?? []).length === 0))
    return (
      <p className="calendar-list" role={props.alwaysShowDay ? 'status' : undefined}>
        {props.empty}
      </p>
    );
  return (
    <div className="calendar-list">
      {days.map((day) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`} tabIndex={-1}>
            {dayName(day)}
          </h2>
          <ul className="plain-list">
            {(byDay.get(day) ?? []).map((item) => (
              <li key={item.targetId} className="chip">
                <Link to={`/posts/${item.postId}`}>{item.title || item.excerpt || 'Untitled post'}</Link>
                {item.halves ? (
                  // A bilingual post is one item: each half with its channel and its own state.
                  <>
                    <span className="chip__detail">Bilingual: {pairWords(item)}</span>
                    <ul className="plain-list">
                      {item.halves.map((half) => (
                        <li key={half.targetId} className="chip__detail">
                          {half.languageName} on <NetworkIcon network={half.channel.network} />{' '}
                          {half.channel.networkName} {half.channel.handle}
                          {half.channel.practice && <span className="tag">Practice</span>}: {half.stateText}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <>
                    <span className="chip__detail">
                      <NetworkIcon network={item.channel.network} /> {item.channel.networkName}{' '}
                      {item.channel.handle}
                      {item.channel.practice && <span className="tag">Practice</span>}
                    </span>
                    <span className="chip__detail">{item.stateText}</span>
                  </>
                )}
                {MOVABLE.has(item.state) && (
                  <MoveAction
                    orgId={props.orgId}
                    item={item}
                    timeZone={props.timeZone}
                    onMoved={props.onMoved}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** "Welsh and English", in the order the halves go out. */
function pairWords(item: CalendarItem): string {
  return [...new Set((item.halves ?? []).map((h) => h.languageName))].join(' and ');
}

/** The keyboard alternative to dragging: a date and a time in the organisation's zone. */
function MoveAction({
  orgId,
  item,
  timeZone,
  onMoved,
}: {
  orgId: string;
  item: CalendarItem;
  timeZone: string;
  onMoved: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [problem, setProblem] = useState('');
  const name = `${item.title || item.excerpt || 'Untitled post'} on ${item.channel.networkName}`;
  const id = `move-${item.targetId}`;

  if (!open)
    return (
      <button
        type="button"
        className="button button--secondary button--compact"
        aria-label={`Move ${name}`}
        onClick={() => setOpen(true)}
      >
        Move
      </button>
    );

  async function move() {
    if (!date || !time) {
      setProblem('Choose a date and a time.');
      return;
    }
    setProblem('');
    try {
      const answer = await postsApi.schedule(orgId, item.postId, { date, time, targetId: item.targetId });
      setOpen(false);
      onMoved([answer.message, answer.schedule?.adjustmentText].filter(Boolean).join(' '));
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <div className="move-form" role="group" aria-label={`Move ${name}`}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-date`}>
          New date
        </label>
        <input
          id={`${id}-date`}
          type="date"
          className="input input--medium"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-time`}>
          New time ({zoneName(timeZone)})
        </label>
        <input
          id={`${id}-time`}
          type="time"
          className="input input--short"
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
      </div>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void move()}>
          Move to this time
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          Keep the time
        </button>
      </div>
    </div>
  );
}
