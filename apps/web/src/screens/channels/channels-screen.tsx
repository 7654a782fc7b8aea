import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { authApi, channelApi } from '../../api/endpoints';
import type { Channel } from '../../api/types';
import { messageOf } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { ChannelCard } from './channel-card';
import { useChannelHealth } from './channel-health';
import {
  canManageChannels,
  connectedMessage,
  practiceAddedMessage,
  readConnectReturn,
  returnOrganisation,
  withoutConnectReturn,
} from './channel-words';
import { ChooseAccounts } from './choose-accounts';
import { ConnectChannels } from './connect-channels';
import './channels.css';

/**
 * The networks send people back here after their consent page, with `org` naming the organisation the connection
 * was started in. When that is another of the person's organisations, switch to it first: the frame then
 * shows this screen again, for that organisation, with the rest of the address still to read.
 */
export function ChannelsScreen() {
  const { organisation } = useSignedIn();
  const target = returnOrganisation(useLocation().search);
  if (target && target !== organisation.organisationId)
    return <SwitchToOrganisation organisationId={target} />;
  return <ChannelsInOrganisation />;
}

function SwitchToOrganisation({ organisationId }: { organisationId: string }) {
  const { session, setSession } = useSignedIn();
  const navigate = useNavigate();
  const [problem, setProblem] = useState('');
  const membership = session.memberships.find((m) => m.organisationId === organisationId);

  useEffect(() => {
    let live = true;
    if (!membership) {
      setProblem(
        'You started connecting this channel in an organisation you are no longer a member of, so nothing was connected.',
      );
      return;
    }
    authApi
      .switchOrganisation(organisationId)
      .then((next) => live && setSession(next))
      .catch((err: unknown) => live && setProblem(messageOf(err)));
    return () => {
      live = false;
    };
  }, [membership, organisationId, setSession]);

  if (!problem)
    return <Loading what={membership ? `Channels in ${membership.organisationName}` : 'Channels'} />;
  return (
    <>
      <PageHeading title="Channels" />
      <p className="notice notice--problem" role="alert">
        {problem}
      </p>
      <button type="button" className="button" onClick={() => navigate('/channels', { replace: true })}>
        Show the channels of the organisation you are in
      </button>
    </>
  );
}

function ChannelsInOrganisation() {
  const { organisation } = useSignedIn();
  const { timeZone } = useOrganisationDetails();
  const { report } = useChannelHealth();
  const orgId = organisation.organisationId;
  const manage = canManageChannels(organisation.role);
  const channels = useApiData(() => channelApi.list(orgId), orgId);
  // Only owners and admins connect channels, so only they need to know the networks.
  const networks = useApiData(
    () => (manage ? channelApi.networks(orgId) : Promise.resolve({ networks: [] })),
    `${orgId}/${manage}`,
  );
  const location = useLocation();
  const navigate = useNavigate();

  // What the network said on the way back from its consent page: read once, then taken off the address so
  // that reloading the page does not say it again.
  const [returned] = useState(() => readConnectReturn(location.search));
  const [choosing, setChoosing] = useState(returned?.kind === 'choose' ? returned.attemptId : null);
  const [status, setStatus] = useState(
    returned?.kind === 'connected' ? connectedMessage(returned.count) : '',
  );
  const [problem, setProblem] = useState(returned?.kind === 'error' ? returned.message : '');
  const [practiceBusy, setPracticeBusy] = useState(false);
  const [reconnect, setReconnect] = useState<Channel | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!returned) return;
    navigate(
      { pathname: location.pathname, search: withoutConnectReturn(location.search) },
      { replace: true },
    );
    // After the router has moved focus to the heading: the news comes first.
    const timer = window.setTimeout(() => messageRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
    // Only on arrival: `returned` never changes, and the address changes because of this very effect.
  }, []);

  useEffect(() => {
    if (channels.data) report(channels.data.channels);
  }, [channels.data, report]);

  /**
   * Says what happened and reloads the list. Focus moves to the sentence only when the control that was used has
   * gone (a form closed, a card's buttons replaced); otherwise the live region announces it where the person is.
   */
  async function afterChange(message: string, moveFocus: boolean, tone: 'status' | 'problem' = 'status') {
    if (tone === 'status') {
      setStatus(message);
      setProblem('');
    } else {
      setProblem(message);
      setStatus('');
    }
    await channels.reload();
    if (moveFocus) messageRef.current?.focus();
  }

  async function addPractice() {
    if (practiceBusy) return;
    setPracticeBusy(true);
    try {
      const result = await channelApi.addPractice(orgId);
      await afterChange(practiceAddedMessage(result.created, result.channels), false);
    } catch (err) {
      await afterChange(messageOf(err), false, 'problem');
    } finally {
      setPracticeBusy(false);
    }
  }

  const methodOf = (channel: Channel) =>
    networks.data?.networks.find((n) => n.network === channel.network)?.method ?? 'oauth';
  const list = channels.data?.channels;

  return (
    <>
      <PageHeading title="Channels">
        <p>
          The social media accounts {organisation.organisationName} posts to and answers from, and whether
          each one is working.
          {!manage && ' Only owners and admins can connect or change channels.'}
        </p>
      </PageHeading>

      <div ref={messageRef} tabIndex={-1} className="focus-target">
        <StatusMessage>{status}</StatusMessage>
        {problem && (
          <p className="notice notice--problem" role="alert">
            {problem}
          </p>
        )}
      </div>

      {manage && choosing && (
        <ChooseAccounts
          orgId={orgId}
          attemptId={choosing}
          onConnected={(_, message) => {
            setChoosing(null);
            void afterChange(message, true);
          }}
          onCancel={() => {
            setChoosing(null);
            void afterChange('Nothing was connected.', true);
          }}
        />
      )}

      <section aria-labelledby="channels-heading">
        <h2 id="channels-heading">Your channels</h2>
        {channels.error !== null && list === undefined && (
          <LoadFailure what="your channels" error={channels.error} retry={() => void channels.reload()} />
        )}
        {list === undefined && channels.loading && <Loading what="your channels" />}
        {list && list.length === 0 && (
          <p>
            {organisation.organisationName} has no channels yet.
            {manage
              ? ' Connect one below, or add practice channels to try Outside In without posting for real.'
              : ' Ask an owner or admin to connect one.'}
          </p>
        )}
        {list && list.length > 0 && (
          <ul className="channel-list">
            {list.map((c) => (
              <ChannelCard
                key={c.id}
                channel={c}
                orgId={orgId}
                timeZone={timeZone}
                manage={manage}
                method={methodOf(c)}
                onChanged={(_, message, focusLost) => void afterChange(message, focusLost)}
                onReconnectWithPassword={setReconnect}
              />
            ))}
          </ul>
        )}
      </section>

      {manage && (
        <section aria-labelledby="practice-heading">
          <h2 id="practice-heading">Practice channels</h2>
          <p>
            Practice channels post to Outside In’s sandbox networks instead of the real ones, so you can try
            everything without anyone outside seeing it. They are marked “Practice” wherever they appear.
          </p>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={practiceBusy || undefined}
            onClick={() => void addPractice()}
          >
            {practiceBusy ? 'Adding practice channels…' : 'Add practice channels'}
          </button>
        </section>
      )}

      {manage && networks.error !== null && networks.data === undefined && (
        <LoadFailure
          what="the networks you can connect"
          error={networks.error}
          retry={() => void networks.reload()}
        />
      )}
      {manage && networks.data && (
        <ConnectChannels
          orgId={orgId}
          networks={networks.data.networks}
          reconnect={reconnect}
          onReconnectDone={() => setReconnect(null)}
          onConnected={(_, message) => void afterChange(message, true)}
        />
      )}
    </>
  );
}
