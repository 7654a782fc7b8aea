import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { channelApi } from '../../api/endpoints';
import { guardrailApi, type CoachHint } from '../../api/guardrails';
import {
  postsApi,
  type BilingualSettings,
  type ComposePost,
  type Media,
  type Post,
  type PostResult,
  type Validation,
} from '../../api/posts';
import type { Channel } from '../../api/types';
import { ErrorSummary, messageOf } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { NetworkIcon } from '../channels/network-icon';
import { nextHourInZone, summaryBeforeActing, THREAD_NETWORKS, zoneName } from './post-words';
import { PostPreview } from './post-preview';
import { roleNeedsApproval, type ApprovalPolicy } from '../../api/approval-policy';
import { ApprovalPolicyNotice } from './approval-policy-notice';
import { useComposerStart } from './composer-start';
import { QuietNameFlags } from './quiet-name-flags';
import { useAutosave } from './use-autosave';
import { BilingualFields, inPublishingOrder, startPair, type PairState } from './bilingual-fields';

interface Variant {
  /** False while the variant follows the shared text. */
  custom: boolean;
  parts: string[];
}

const DEBOUNCE_MS = 700;

function channelLabel(c: { networkName: string; handle: string }): string {
  return `${c.networkName} ${c.handle.startsWith('@') ? c.handle : `@${c.handle}`}`;
}

/** The composer: shared text, channels, a variant per channel with its live count and preview, media, schedule. */
export function ComposerScreen() {
  const { postId } = useParams();
  const { organisation, session } = useSignedIn();
  const orgId = organisation.organisationId;
  const { timeZone } = useOrganisationDetails();
  const navigate = useNavigate();

  const [channels, setChannels] = useState<Channel[] | undefined>();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [policyNeedsApproval, setPolicyNeedsApproval] = useState(true);
  const [policy, setPolicy] = useState<ApprovalPolicy | undefined>();
  const start = useComposerStart();
  const [savedPost, setSavedPost] = useState<Post | undefined>();
  const [bilingual, setBilingual] = useState<BilingualSettings | undefined>();
  /** Set for a bilingual post (two languages, published together); null for one language. */
  const [pair, setPair] = useState<PairState | null>(null);

  const [title, setTitle] = useState(start.title ?? '');
  const [text, setText] = useState(start.text ?? '');
  const [selected, setSelected] = useState<string[]>([]);
  const [variants, setVariants] = useState<Record<string, Variant>>({});
  const [activeTab, setActiveTab] = useState<string | undefined>();
  const [media, setMedia] = useState<Media[]>([]);
  const [when, setWhen] = useState<'time' | 'now'>('time');
  const [date, setDate] = useState(() => nextHourInZone(timeZone).date);
  const [time, setTime] = useState(() => nextHourInZone(timeZone).time);

  const [validation, setValidation] = useState<Validation | undefined>();
  const [hints, setHints] = useState<CoachHint[]>([]);
  const [countAnnouncement, setCountAnnouncement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<PostResult | undefined>();
  const [savedMessage, setSavedMessage] = useState('');

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [list, policy, pairSettings] = await Promise.all([
        channelApi.list(orgId),
        postsApi.approvalPolicy(orgId),
        postsApi.bilingualSettings(orgId),
      ]);
      setPolicyNeedsApproval(roleNeedsApproval(policy, organisation.role));
      setPolicy(policy);
      setBilingual(pairSettings);
      if (postId) {
        const post = await postsApi.get(orgId, postId);
        setSavedPost(post);
        setTitle(post.title ?? '');
        setText(post.text);
        // A bilingual post has a target per channel and language: each channel is chosen once.
        setSelected([...new Set(post.targets.map((t) => t.channel.id))]);
        if (post.pair) {
          const languagesOf = (id: string) =>
            post.targets.filter((t) => t.channel.id === id && t.language).map((t) => t.language!);
          setPair({
            languages: inPublishingOrder(
              post.pair.halves.map((h) => h.language),
              null,
            ),
            texts: Object.fromEntries(post.pair.halves.map((h) => [h.language, h.text])),
            carry: Object.fromEntries(
              post.targets.map((t) => {
                const own = languagesOf(t.channel.id);
                return [t.channel.id, own.length === 1 ? own[0] : 'both'];
              }),
            ),
          });
        }
        setActiveTab(post.targets[0]?.channel.id);
        setVariants(
          Object.fromEntries(
            post.targets.map((t) => [
              t.channel.id,
              { custom: t.customised, parts: t.parts.map((p) => p.text) },
            ]),
          ),
        );
        const first = post.targets.find((t) => t.scheduledAt);
        if (first?.scheduledAt) {
          const p: Record<string, string> = {};
          for (const part of new Intl.DateTimeFormat('en-GB', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).formatToParts(new Date(first.scheduledAt)))
            p[part.type] = part.value;
          setDate(`${p.year}-${p.month}-${p.day}`);
          setTime(`${p.hour}:${p.minute}`);
        }
        setMedia(await Promise.all(post.mediaIds.map((id) => postsApi.media(orgId, id))));
      }
      // Last, so the form appears only once the post it edits is in it.
      setChannels(list.channels.filter((c) => c.status === 'connected'));
    } catch (err) {
      setLoadError(err);
    }
  }, [orgId, postId, organisation.role, timeZone]);

  useEffect(() => {
    void load();
  }, [load]);

  // In the order they were chosen, so the summary names them as the person picked them.
  const chosen = useMemo(
    () =>
      selected
        .map((id) => (channels ?? []).find((c) => c.id === id))
        .filter((c): c is Channel => c !== undefined),
    [channels, selected],
  );

  const partsFor = useCallback(
    (channelId: string): string[] => {
      const v = variants[channelId];
      return v?.custom ? v.parts : [text];
    },
    [variants, text],
  );

  const compose = useCallback((): ComposePost => {
    const mediaIds = media.map((m) => m.id);
    if (pair) {
      return {
        title: title || undefined,
        text: '',
        mediaIds,
        pair: pair.languages.map((language) => ({ language, text: pair.texts[language] ?? '' })),
        channels: chosen.map((c) => {
          const carry = pair.carry[c.id];
          return carry && pair.languages.includes(carry)
            ? { channelId: c.id, language: carry }
            : { channelId: c.id };
        }),
      };
    }
    return {
      title: title || undefined,
      text,
      mediaIds,
      channels: chosen.map((c) => {
        const v = variants[c.id];
        return v?.custom
          ? {
              channelId: c.id,
              parts: v.parts.map((p, i) => ({ text: p, mediaIds: i === 0 ? mediaIds : [] })),
            }
          : { channelId: c.id };
      }),
    };
  }, [title, text, media, chosen, variants, pair]);

  // The live check and the coach, a moment after typing stops.
  const lastProblems = useRef('');
  useEffect(() => {
    // Nothing here sets state synchronously. This effect runs after every keystroke, and React counts a synchronous
    // update from an effect after a key press as a nested update: when typing outpaces rendering (a busy machine),
    // fifty of them in a row end the page with "Maximum update depth exceeded" (facebook/react#30621).
    if (chosen.length === 0) return;
    let live = true;
    const timer = window.setTimeout(() => {
      postsApi
        .validate(orgId, compose())
        .then((answer) => {
          if (!live) return;
          setValidation(answer);
          const summary = answer.channels
            .map((c) => {
              const first = c.parts[0];
              const count = first ? `${first.characters} of ${first.maxCharacters} characters` : '';
              return `${channelLabel(c.channel)}: ${c.ok ? count : c.problems.join(' ')}`;
            })
            .join('. ');
          // Said only when a problem appears or goes away, not on every pause in typing.
          const problems = answer.channels.map((c) => c.problems.join(' ')).join('|');
          if (problems !== lastProblems.current) {
            lastProblems.current = problems;
            setCountAnnouncement(summary);
          }
        })
        .catch(() => undefined);
      // A bilingual post's halves are coached in their own boxes (bilingual-fields.tsx).
      if (text.trim() && !pair)
        guardrailApi
          .coach(orgId, { text, media: media.map((m) => ({ altText: m.altText })) })
          .then((advice) => live && setHints(advice.hints))
          .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [orgId, compose, chosen.length, text, media, pair]);

  // Drafts save themselves a few seconds after typing stops (use-autosave.ts).
  const autosaveContent = useMemo(() => JSON.stringify(compose()), [compose]);
  const autosave = useAutosave({
    ready: channels !== undefined,
    enabled: chosen.length > 0 && !busy && !result && (!savedPost || savedPost.state === 'draft'),
    content: autosaveContent,
    postId: savedPost?.id ?? postId,
    timeZone,
    save: async (id) =>
      (id ? await postsApi.update(orgId, id, compose()) : await postsApi.create(orgId, compose())).post,
    onSaved: (post) => {
      setSavedPost(post);
      // The address names the draft, so a reload opens it; replaceState, because navigating would reload
      // the form from the server under the person's fingers.
      if (!postId) window.history.replaceState(window.history.state, '', `/posts/${post.id}/edit`);
    },
  });

  const needsApproval = savedPost ? savedPost.approval.required : policyNeedsApproval;
  const primaryLabel = needsApproval ? 'Submit for approval' : when === 'now' ? 'Publish now' : 'Schedule';

  function toggleChannel(id: string, on: boolean) {
    setSelected((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
    // With no channel left there is nothing to check; the next choice starts from "Counting…".
    if (!on && selected.length <= 1) setValidation(undefined);
    if (on && !activeTab) setActiveTab(id);
    if (!on && activeTab === id) setActiveTab(selected.find((x) => x !== id));
  }

  function setVariantPart(channelId: string, index: number, value: string) {
    setVariants((all) => {
      const current = all[channelId]?.custom ? all[channelId].parts : [text];
      const parts = [...current];
      parts[index] = value;
      return { ...all, [channelId]: { custom: true, parts } };
    });
  }

  async function save(): Promise<Post | undefined> {
    setError(null);
    try {
      await autosave.settled();
      const id = savedPost?.id ?? autosave.latestId();
      const answer = id
        ? await postsApi.update(orgId, id, compose())
        : await postsApi.create(orgId, compose());
      autosave.markSaved(autosaveContent, answer.post.id);
      setSavedPost(answer.post);
      return answer.post;
    } catch (err) {
      setError(err);
      return undefined;
    }
  }

  async function saveDraft() {
    setBusy(true);
    setSavedMessage('');
    const post = await save();
    setBusy(false);
    if (post) {
      setSavedMessage('Draft saved. Nobody else is told until you submit or schedule it.');
      if (!postId) navigate(`/posts/${post.id}/edit`, { replace: true });
    }
  }

  async function act() {
    setBusy(true);
    const post = await save();
    if (!post) {
      setBusy(false);
      setConfirming(false);
      return;
    }
    try {
      const answer = await postsApi.submit(
        orgId,
        post.id,
        when === 'now' ? { publishNow: true } : { schedule: { date, time } },
      );
      setResult(answer);
      setConfirming(false);
    } catch (err) {
      setError(err);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <LoadFailure what="the composer" error={loadError} retry={() => void load()} />;
  if (!channels) return <Loading what="your channels" />;

  const heading = postId ? 'Edit post' : 'New post';

  if (result) {
    return (
      <>
        <PageHeading title={heading} />
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
          {result.schedule?.adjustmentText && <p>{result.schedule.adjustmentText}</p>}
        </div>
        <p className="button-row">
          <Link to={`/posts/${result.post.id}`} className="button">
            Open the post
          </Link>
          <Link to="/calendar" className="button button--secondary">
            Go to the calendar
          </Link>
        </p>
      </>
    );
  }

  const summary = summaryBeforeActing({
    networks: chosen.map((c) => c.networkName),
    date: when === 'time' ? date : undefined,
    time: when === 'time' ? time : undefined,
    timeZone,
    needsApproval,
  });
  const checkFor = (channelId: string) => validation?.channels.find((c) => c.channelId === channelId);
  const activeChannel = chosen.find((c) => c.id === activeTab) ?? chosen[0];

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const keys: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: chosen.length - 1,
    };
    if (!(event.key in keys)) return;
    event.preventDefault();
    const next = chosen[(keys[event.key] + chosen.length) % chosen.length];
    setActiveTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  return (
    <>
      <PageHeading title={heading}>
        <p>
          Write once, adapt for each channel, then {needsApproval ? 'send it for approval' : 'schedule it'}.
        </p>
      </PageHeading>
      <ErrorSummary error={error} title="The post was not sent" />
      <StatusMessage>{savedMessage}</StatusMessage>
      {policy && <ApprovalPolicyNotice policy={policy} />}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="count-announcer">
        {countAnnouncement}
      </div>

      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <div className="composer__main">
          <div className="field">
            <label className="field__label" htmlFor="post-title">
              Title (only your team sees it)
            </label>
            <input
              id="post-title"
              className="input input--full"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          {bilingual && (
            <fieldset className="fieldset">
              <legend className="field__label">Language</legend>
              <div className="checkbox">
                <input
                  id="language-one"
                  type="radio"
                  name="language"
                  checked={!pair}
                  onChange={() => setPair(null)}
                />
                <label htmlFor="language-one">One language</label>
              </div>
              <div className="checkbox">
                <input
                  id="language-pair"
                  type="radio"
                  name="language"
                  checked={!!pair}
                  onChange={() => setPair(startPair(bilingual))}
                />
                <label htmlFor="language-pair">
                  Bilingual post: two languages, approved and published together
                </label>
              </div>
            </fieldset>
          )}
          {pair && bilingual ? (
            <BilingualFields
              orgId={orgId}
              settings={bilingual}
              pair={pair}
              onChange={setPair}
              chosen={chosen}
              validation={validation}
              media={media}
            />
          ) : (
            <div className="field">
              <label className="field__label" htmlFor="post-text">
                What do you want to say?
              </label>
              <p className="field__hint" id="post-text-hint">
                Each channel starts from this text. You can adapt it for one channel below.
              </p>
              <textarea
                id="post-text"
                className="input input--full textarea"
                rows={6}
                value={text}
                aria-describedby="post-text-hint"
                onChange={(e) => setText(e.target.value)}
              />
            </div>
          )}

          <MediaPicker
            orgId={orgId}
            csrfToken={session.csrfToken}
            media={media}
            onAdd={(m) => setMedia((list) => [...list, m])}
            onRemove={(id) => setMedia((list) => list.filter((m) => m.id !== id))}
          />

          <fieldset className="fieldset">
            <legend className="field__label">Channels</legend>
            {channels.length === 0 ? (
              <p>
                There are no connected channels yet. <Link to="/channels">Connect a channel</Link> first.
              </p>
            ) : (
              <ul className="plain-list channel-picker">
                {channels.map((c) => (
                  <li key={c.id} className="checkbox">
                    <input
                      id={`channel-${c.id}`}
                      type="checkbox"
                      checked={selected.includes(c.id)}
                      onChange={(e) => toggleChannel(c.id, e.target.checked)}
                    />
                    <label htmlFor={`channel-${c.id}`}>
                      <NetworkIcon network={c.network} /> {channelLabel(c)}
                      {c.practice && <span className="tag">Practice</span>}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>

          {/* A bilingual post's halves are written above; its channels carry them as they are. */}
          {activeChannel && !pair && (
            <section aria-labelledby="variants-heading" className="variants">
              <h2 id="variants-heading">Each channel</h2>
              <div role="tablist" aria-label="Channels" className="tabs">
                {chosen.map((c, index) => {
                  const check = checkFor(c.id);
                  const selectedTab = c.id === activeChannel.id;
                  return (
                    <button
                      key={c.id}
                      id={`tab-${c.id}`}
                      type="button"
                      role="tab"
                      className="tabs__tab"
                      aria-selected={selectedTab}
                      aria-controls={`panel-${c.id}`}
                      tabIndex={selectedTab ? 0 : -1}
                      onClick={() => setActiveTab(c.id)}
                      onKeyDown={(e) => onTabKey(e, index)}
                    >
                      <NetworkIcon network={c.network} /> {channelLabel(c)}
                      {check && !check.ok && <span className="tabs__problem"> (needs a change)</span>}
                    </button>
                  );
                })}
              </div>
              <VariantPanel
                key={activeChannel.id}
                channel={activeChannel}
                parts={partsFor(activeChannel.id)}
                custom={variants[activeChannel.id]?.custom ?? false}
                check={checkFor(activeChannel.id)}
                media={media}
                orgId={orgId}
                onChangePart={(i, v) => setVariantPart(activeChannel.id, i, v)}
                onAddPart={() =>
                  setVariants((all) => ({
                    ...all,
                    [activeChannel.id]: { custom: true, parts: [...partsFor(activeChannel.id), ''] },
                  }))
                }
                onRemovePart={(i) =>
                  setVariants((all) => ({
                    ...all,
                    [activeChannel.id]: {
                      custom: true,
                      parts: partsFor(activeChannel.id).filter((_, j) => j !== i),
                    },
                  }))
                }
                onReset={() =>
                  setVariants((all) => ({ ...all, [activeChannel.id]: { custom: false, parts: [] } }))
                }
              />
            </section>
          )}

          <fieldset className="fieldset">
            <legend className="field__label">When should it go out?</legend>
            <p className="field__hint" id="when-hint">
              Times are in {zoneName(timeZone)} ({timeZone}).
            </p>
            <div className="checkbox">
              <input
                id="when-time"
                type="radio"
                name="when"
                checked={when === 'time'}
                onChange={() => setWhen('time')}
              />
              <label htmlFor="when-time">At a date and time</label>
            </div>
            {when === 'time' && (
              <div className="schedule-picker">
                <div className="field">
                  <label className="field__label" htmlFor="schedule-date">
                    Date
                  </label>
                  <input
                    id="schedule-date"
                    type="date"
                    className="input input--medium"
                    value={date}
                    aria-describedby="when-hint"
                    onChange={(e) => setDate(e.target.value)}
                  />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="schedule-time">
                    Time ({zoneName(timeZone)})
                  </label>
                  <input
                    id="schedule-time"
                    type="time"
                    className="input input--short"
                    value={time}
                    aria-describedby="when-hint"
                    onChange={(e) => setTime(e.target.value)}
                  />
                </div>
              </div>
            )}
            <div className="checkbox">
              <input
                id="when-now"
                type="radio"
                name="when"
                checked={when === 'now'}
                onChange={() => setWhen('now')}
              />
              <label htmlFor="when-now">
                {needsApproval ? 'As soon as it is approved' : 'As soon as possible'}
              </label>
            </div>
            <p className="muted">
              If the time does not exist or happens twice because the clocks change, we say what time we chose
              when you {needsApproval ? 'submit' : 'schedule'}.
            </p>
          </fieldset>

          {confirming ? (
            <div className="confirm" role="group" aria-labelledby="confirm-summary">
              <p id="confirm-summary">{summary}</p>
              <div className="button-row">
                <button type="button" className="button" disabled={busy} onClick={() => void act()}>
                  {needsApproval ? 'Yes, submit for approval' : 'Yes, schedule it'}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirming(false)}
                >
                  Go back
                </button>
              </div>
            </div>
          ) : (
            <div className="button-row">
              <button type="submit" className="button" disabled={busy || chosen.length === 0}>
                {primaryLabel}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void saveDraft()}
              >
                Save draft
              </button>
            </div>
          )}
          {chosen.length === 0 && <p className="muted">Choose at least one channel to continue.</p>}
          <p className="muted" role="status" data-testid="autosave-status">
            {autosave.status}
          </p>
        </div>

        <aside className="composer__coach" aria-labelledby="coach-heading">
          <QuietNameFlags flags={validation?.quietFlags} live />
          <h2 id="coach-heading">Writing coach</h2>
          {hints.length === 0 ? (
            <p className="muted">No suggestions. The coach reads your text as you write.</p>
          ) : (
            <ul className="coach-hints">
              {hints.map((h, i) => (
                <li key={`${h.id}-${i}`}>
                  {h.blocking && <strong>Must change: </strong>}
                  {h.message}
                  {h.suggestion && <span className="muted"> Try: {h.suggestion}</span>}
                </li>
              ))}
            </ul>
          )}
        </aside>
      </form>
    </>
  );
}

interface VariantPanelProps {
  channel: Channel;
  parts: string[];
  custom: boolean;
  check: Validation['channels'][number] | undefined;
  media: Media[];
  orgId: string;
  onChangePart: (index: number, value: string) => void;
  onAddPart: () => void;
  onRemovePart: (index: number) => void;
  onReset: () => void;
}

function VariantPanel(props: VariantPanelProps) {
  const { channel, parts, custom, check } = props;
  const threads = THREAD_NETWORKS.has(channel.network);
  return (
    <div
      role="tabpanel"
      id={`panel-${channel.id}`}
      aria-labelledby={`tab-${channel.id}`}
      className="tabs__panel"
    >
      <p className="muted">
        {custom
          ? `Adapted for ${channel.networkName}.`
          : `Uses the shared text. Change it here to adapt it for ${channel.networkName} only.`}
      </p>
      {parts.map((part, i) => {
        const count = check?.parts[i];
        const id = `variant-${channel.id}-${i}`;
        const over = count ? count.characters > count.maxCharacters : false;
        return (
          <div className="field" key={i}>
            <label className="field__label" htmlFor={id}>
              {parts.length > 1 ? `Part ${i + 1} of ${parts.length} for ` : 'Text for '}
              {channelLabel(channel)}
            </label>
            <textarea
              id={id}
              className="input input--full textarea"
              rows={4}
              value={part}
              aria-describedby={`${id}-count`}
              onChange={(e) => props.onChangePart(i, e.target.value)}
            />
            <p id={`${id}-count`} className={over ? 'counter counter--over' : 'counter'}>
              {count
                ? `${count.characters} of ${count.maxCharacters} characters${over ? ' (too long)' : ''}`
                : 'Counting…'}
            </p>
            {parts.length > 1 && (
              <button type="button" className="link-button" onClick={() => props.onRemovePart(i)}>
                Remove part {i + 1}
              </button>
            )}
          </div>
        );
      })}
      {check && check.problems.length > 0 && (
        <div className="notice notice--problem">
          <p>
            <strong>{channel.networkName} will not take this yet:</strong>
          </p>
          <ul>
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="button-row">
        {threads && (
          <button type="button" className="button button--secondary" onClick={props.onAddPart}>
            Add a thread part
          </button>
        )}
        {custom && (
          <button type="button" className="button button--secondary" onClick={props.onReset}>
            Use the shared text again
          </button>
        )}
      </div>
      <h3>Preview on {channel.networkName}</h3>
      <PostPreview
        channel={channel}
        parts={parts}
        media={props.media}
        mediaUrl={(id) => postsApi.mediaUrl(props.orgId, id)}
      />
    </div>
  );
}

function MediaPicker({
  orgId,
  csrfToken,
  media,
  onAdd,
  onRemove,
}: {
  orgId: string;
  csrfToken: string;
  media: Media[];
  onAdd: (m: Media) => void;
  onRemove: (id: string) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [altText, setAltText] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const isImage = file?.type.startsWith('image/') ?? false;

  async function upload() {
    if (!file) return;
    if (isImage && !altText.trim()) {
      setProblem('Describe the image for people who cannot see it. The alt text cannot be left empty.');
      document.getElementById('media-alt')?.focus();
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onAdd(await postsApi.upload(orgId, csrfToken, file, altText.trim()));
      setFile(null);
      setAltText('');
      if (fileInput.current) fileInput.current.value = '';
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="fieldset">
      <legend className="field__label">Images and video</legend>
      {media.length > 0 && (
        <ul className="plain-list media-list">
          {media.map((m) => (
            <li key={m.id}>
              {m.filename}
              {m.altText ? <span className="muted"> (alt text: {m.altText})</span> : null}{' '}
              <button type="button" className="link-button" onClick={() => onRemove(m.id)}>
                Remove {m.filename}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label className="field__label" htmlFor="media-file">
          Choose a file
        </label>
        <input
          id="media-file"
          ref={fileInput}
          type="file"
          accept="image/*,video/*"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      {file && (
        <div className={problem ? 'field field--error' : 'field'}>
          <label className="field__label" htmlFor="media-alt">
            Alt text{isImage ? ' (required for images)' : ' (optional)'}
          </label>
          <p className="field__hint" id="media-alt-hint">
            Say what the image shows, for people who use screen readers.
          </p>
          {problem && (
            <p className="field__error" id="media-alt-error">
              <span className="visually-hidden">Error: </span>
              {problem}
            </p>
          )}
          <textarea
            id="media-alt"
            className="input input--full textarea"
            rows={2}
            value={altText}
            required={isImage}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'media-alt-hint media-alt-error' : 'media-alt-hint'}
            onChange={(e) => setAltText(e.target.value)}
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void upload()}
          >
            Attach {file.name}
          </button>
        </div>
      )}
    </fieldset>
  );
}
