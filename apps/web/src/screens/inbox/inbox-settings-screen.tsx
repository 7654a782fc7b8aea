import { useState } from 'react';
import { channelApi } from '../../api/endpoints';
import { inboxApi, type InboxPolicy, type RoundRobinAuto } from '../../api/inbox';
import type { Channel } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { RadioGroup, ReadOnlyNotice, useCanEditSettings, useSave } from '../guardrails/settings-controls';
import { namesInWords } from './inbox-words';
import '../guardrails/guardrails.css';

const REPLY_ROLES: [string, string][] = [
  ['responder', 'Responders'],
  ['editor', 'Editors'],
  ['approver', 'Approvers'],
  ['admin', 'Admins'],
  ['owner', 'Owners'],
];

/**
 * Settings → Inbox: whose replies need an approver, whether new conversations are given out in turn (on every
 * channel or chosen ones; owners and admins decide), and whether I take part in the turns (each person decides).
 */
export function InboxSettingsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const policy = useApiData(() => inboxApi.policy(orgId), `policy:${orgId}`);
  const auto = useApiData(() => inboxApi.roundRobinAuto(orgId), `round-robin:${orgId}`);
  const channels = useApiData(() => channelApi.list(orgId), `channels:${orgId}`);
  const failed = policy.error ?? auto.error ?? channels.error;
  return (
    <>
      <PageHeading title="Inbox settings">
        <p>How replies are checked and how new conversations are shared out in your team.</p>
      </PageHeading>
      {failed && !(policy.data && auto.data && channels.data) ? (
        <LoadFailure
          what="the inbox settings"
          error={failed}
          retry={() => {
            void policy.reload();
            void auto.reload();
            void channels.reload();
          }}
        />
      ) : !(policy.data && auto.data && channels.data) ? (
        <Loading what="the inbox settings" />
      ) : (
        <>
          <TakingPart orgId={orgId} policy={policy.data} onChanged={() => void policy.reload()} />
          <RoundRobinForm orgId={orgId} initial={auto.data} channels={channels.data.channels} />
          <ApprovalForm orgId={orgId} initial={policy.data} />
        </>
      )}
    </>
  );
}

function TakingPart({
  orgId,
  policy,
  onChanged,
}: {
  orgId: string;
  policy: InboxPolicy;
  onChanged: () => void;
}) {
  const { organisation, session } = useSignedIn();
  const inTurn = policy.roundRobin.some((p) => p.id === session.user.id);
  const save = useSave(
    () => inboxApi.setRoundRobinMe(orgId, !inTurn),
    inTurn ? 'You no longer take part in round-robin.' : 'You take part in round-robin now.',
    onChanged,
  );
  return (
    <section aria-labelledby="taking-part-heading" className="gr-form">
      <h2 id="taking-part-heading">Round-robin: who takes part</h2>
      <p>
        {policy.roundRobin.length === 0
          ? 'Nobody takes part yet.'
          : `${capitalised(namesInWords(policy.roundRobin.map((p) => (p.id === session.user.id ? 'you' : p.name))))} ${policy.roundRobin.length === 1 && !inTurn ? 'takes' : 'take'} part, in this order.`}
      </p>
      <ErrorSummary error={save.error} />
      <StatusMessage>{save.status}</StatusMessage>
      {organisation.role !== 'viewer' && (
        <button
          type="button"
          className="button button--secondary"
          disabled={save.busy}
          onClick={() => void save.submit()}
        >
          {inTurn ? 'Stop taking part in round-robin' : 'Take part in round-robin'}
        </button>
      )}
    </section>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function RoundRobinForm({
  orgId,
  initial,
  channels,
}: {
  orgId: string;
  initial: RoundRobinAuto;
  channels: Channel[];
}) {
  const canEdit = useCanEditSettings();
  const [mode, setMode] = useState(
    initial.everyChannel ? 'every' : initial.channelIds.length ? 'chosen' : 'off',
  );
  const [chosen, setChosen] = useState(new Set(initial.channelIds));
  const save = useSave(
    () =>
      inboxApi.setRoundRobinAuto(orgId, {
        everyChannel: mode === 'every',
        channelIds: mode === 'chosen' ? [...chosen] : [],
      }),
    mode === 'off'
      ? 'Saved: new conversations are not given out automatically.'
      : 'Saved: new conversations are given in turn to the people taking part.',
  );
  return (
    <section aria-labelledby="round-robin-heading">
      <h2 id="round-robin-heading">Round-robin: give out new conversations</h2>
      {!canEdit && <ReadOnlyNotice what="how conversations are given out" />}
      <ErrorSummary error={save.error} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <RadioGroup
          name="round-robin-mode"
          legend="When a new conversation arrives"
          value={mode}
          disabled={!canEdit}
          onChange={setMode}
          options={[
            { value: 'off', label: 'Leave it unassigned for someone to pick up' },
            { value: 'every', label: 'Give it to the next person in turn, on every channel' },
            { value: 'chosen', label: 'Give it to the next person in turn, on the channels I choose' },
          ]}
        />
        {mode === 'chosen' && (
          <fieldset className="gr-fieldset">
            <legend>Channels</legend>
            {channels.length === 0 && <p className="muted">No channels yet.</p>}
            {channels.map((c) => (
              <div className="gr-check" key={c.id}>
                <input
                  id={`round-robin-${c.id}`}
                  type="checkbox"
                  checked={chosen.has(c.id)}
                  disabled={!canEdit}
                  onChange={(event) =>
                    setChosen((old) => {
                      const next = new Set(old);
                      if (event.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      return next;
                    })
                  }
                />
                <label htmlFor={`round-robin-${c.id}`}>
                  {c.networkName} {c.handle.startsWith('@') ? '' : '@'}
                  {c.handle}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save round-robin'}
          </button>
        )}
      </form>
    </section>
  );
}

function ApprovalForm({ orgId, initial }: { orgId: string; initial: InboxPolicy }) {
  const canEdit = useCanEditSettings();
  const [roles, setRoles] = useState(new Set(initial.replyApprovalRoles));
  const save = useSave(() => inboxApi.setPolicy(orgId, [...roles]), 'Saved: who needs approval for replies.');
  return (
    <section aria-labelledby="approval-heading">
      <h2 id="approval-heading">Replies that need an approver</h2>
      {!canEdit && <ReadOnlyNotice what="who needs approval" />}
      <ErrorSummary error={save.error} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <fieldset className="gr-fieldset">
          <legend>Replies written by these roles wait for an approver, owner or admin</legend>
          {REPLY_ROLES.map(([role, label]) => (
            <div className="gr-check" key={role}>
              <input
                id={`approval-${role}`}
                type="checkbox"
                checked={roles.has(role)}
                disabled={!canEdit}
                onChange={(event) =>
                  setRoles((old) => {
                    const next = new Set(old);
                    if (event.target.checked) next.add(role);
                    else next.delete(role);
                    return next;
                  })
                }
              />
              <label htmlFor={`approval-${role}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <p className="muted">During a quiet period every reply needs approval, whatever is chosen here.</p>
        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save approval'}
          </button>
        )}
      </form>
    </section>
  );
}
