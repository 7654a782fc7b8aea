import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { postsApi, type CalendarItem } from '../../api/posts';
import { formatDate } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { messageOf } from '../../components/error-summary';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { NetworkIcon } from '../channels/network-icon';
import { zoneName } from './post-words';

const DAY_MS = 24 * 60 * 60 * 1000;
const SPAN_DAYS = 28;
/** States the API's schedule route moves (the calendar's Move). */
const MOVABLE = new Set(['approved', 'scheduled', 'failed', 'missed']);

/** The calendar as a list: the next four weeks (or an earlier or later span), grouped by day in the org's zone. */
export function CalendarScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { timeZone } = useOrganisationDetails();
  const [start, setStart] = useState(() => {
    const d = new Date();
    d.setUTCHours(0, 0, 0, 0);
    return d.getTime() - 7 * DAY_MS;
  });
  const from = new Date(start).toISOString();
  const to = new Date(start + SPAN_DAYS * DAY_MS).toISOString();
  const [moved, setMoved] = useState('');
  const page = useApiData(() => postsApi.calendar(orgId, from, to), `${orgId}/${from}`);

  const days = useMemo(() => {
    const groups = new Map<string, CalendarItem[]>();
    for (const item of page.data?.items ?? []) {
      const day = formatDate(item.at, timeZone);
      groups.set(day, [...(groups.get(day) ?? []), item]);
    }
    return [...groups.entries()];
  }, [page.data, timeZone]);

  return (
    <>
      <PageHeading title="Calendar">
        <p>
          Posts from {formatDate(from, timeZone)} to {formatDate(to, timeZone)}, times in{' '}
          {page.data?.timeZone ?? timeZone}.
        </p>
      </PageHeading>
      <StatusMessage>{moved}</StatusMessage>
      <div className="button-row">
        <Link to="/posts/new" className="button">
          New post
        </Link>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setStart((s) => s - SPAN_DAYS * DAY_MS)}
        >
          Earlier four weeks
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setStart((s) => s + SPAN_DAYS * DAY_MS)}
        >
          Later four weeks
        </button>
      </div>
      {page.error ? (
        <LoadFailure what="the calendar" error={page.error} retry={() => void page.reload()} />
      ) : !page.data ? (
        <Loading what="the calendar" />
      ) : days.length === 0 ? (
        <p>Nothing is planned or published in these four weeks.</p>
      ) : (
        <div className="calendar-list">
          {days.map(([day, items]) => (
            <section key={day} aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`}>{day}</h2>
              <ul className="plain-list">
                {items.map((item) => (
                  <li key={item.targetId} className="chip">
                    <Link to={`/posts/${item.postId}`}>{item.title || item.excerpt || 'Untitled post'}</Link>
                    <span className="chip__detail">
                      <NetworkIcon network={item.channel.network} /> {item.channel.networkName}{' '}
                      {item.channel.handle}
                      {item.channel.practice && <span className="tag">Practice</span>}
                    </span>
                    <span className="chip__detail">{item.stateText}</span>
                    {MOVABLE.has(item.state) && (
                      <MoveAction
                        orgId={orgId}
                        item={item}
                        timeZone={timeZone}
                        onMoved={(message) => {
                          setMoved(message);
                          void page.reload();
                        }}
                      />
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {page.data.truncated && <p>There are more posts in these weeks than we can show at once.</p>}
        </div>
      )}
    </>
  );
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
