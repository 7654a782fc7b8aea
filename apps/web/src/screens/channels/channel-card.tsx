import { useEffect, useRef, useState } from 'react';
import { channelApi } from '../../api/endpoints';
import type { Channel } from '../../api/types';
import { messageOf } from '../../components/error-summary';
import { formatDateTime } from '../../components/format';
import { VisuallyHidden } from '../../components/visually-hidden';
import { atHandle, channelName, disconnectQuestion, STATUS_ICONS } from './channel-words';
import { NetworkIcon } from './network-icon';

interface ChannelCardProps {
  channel: Channel;
  orgId: string;
  timeZone: string;
  /** Owners and admins get the actions; everyone else sees the card only. */
  manage: boolean;
  /** How this channel's network connects: app-password networks reconnect through the form below the list. */
  method: 'oauth' | 'app_password';
  /**
   * A change made from this card, with the sentence to say about it; `focusLost` when the button pressed is gone
   * (after disconnecting), so the screen moves focus to the sentence.
   */
  onChanged: (channel: Channel, message: string, focusLost: boolean) => void;
  onReconnectWithPassword: (channel: Channel) => void;
}

/** One channel: who it is, whether it works in words and icon, when it was last used, and what can be done. */
export function ChannelCard(props: ChannelCardProps) {
  const { channel, timeZone, manage } = props;
  return (
    <li className={`channel-card channel-card--${channel.status}`}>
      <h3 className="channel-card__title">
        <NetworkIcon network={channel.network} />
        <span>
          {channel.networkName} <span className="channel-card__handle">{atHandle(channel.handle)}</span>
        </span>
        {channel.practice && <span className="badge badge--practice">Practice</span>}
      </h3>
      <p className="channel-card__profile">
        {channel.profileUrl ? (
          <a href={channel.profileUrl} target="_blank" rel="noopener noreferrer">
            {channel.displayName}
            <span className="muted"> (profile on {channel.networkName}, opens in a new tab)</span>
          </a>
        ) : (
          channel.displayName
        )}
      </p>
      <dl className="channel-card__facts">
        <div>
          <dt>Status</dt>
          <dd className={`channel-status channel-status--${channel.status}`}>
            <span className="channel-status__icon" aria-hidden="true">
              {STATUS_ICONS[channel.status]}
            </span>{' '}
            {channel.statusText}
          </dd>
        </div>
        {channel.lastError && (
          <div>
            <dt>Last problem</dt>
            <dd>
              {channel.lastError}
              {channel.lastErrorAt && <> ({formatDateTime(channel.lastErrorAt, timeZone)})</>}
            </dd>
          </div>
        )}
        {channel.status === 'connected' &&
          (channel.webhookState === 'subscribed' || channel.webhookProblem) && (
            <div>
              <dt>New messages</dt>
              <dd>
                {channel.webhookState === 'subscribed'
                  ? `${channel.networkName} sends them as they happen.`
                  : channel.webhookProblem}
              </dd>
            </div>
          )}
        <div>
          <dt>Last activity</dt>
          <dd>{channel.lastActivityAt ? formatDateTime(channel.lastActivityAt, timeZone) : 'None yet'}</dd>
        </div>
        <div>
          <dt>Connected on</dt>
          <dd>
            {formatDateTime(channel.connectedAt, timeZone)}
            {channel.connectedBy && <> by {channel.connectedBy.name}</>}
          </dd>
        </div>
      </dl>
      {manage && <ChannelActions {...props} />}
    </li>
  );
}

function ChannelActions({ channel, orgId, method, onChanged, onReconnectWithPassword }: ChannelCardProps) {
  const [busy, setBusy] = useState<'' | 'check' | 'reconnect' | 'disconnect'>('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const askRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const name = channelName(channel);
  const disabled = channel.status === 'disabled';

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  // Buttons say they are busy with aria-disabled rather than disabled, which would drop keyboard focus mid-action.
  const waiting = busy !== '' || undefined;

  async function run(kind: 'check' | 'disconnect' | 'reconnect', action: () => Promise<void>) {
    if (busy) return;
    setBusy(kind);
    setProblem('');
    try {
      await action();
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy('');
    }
  }

  const check = () =>
    run('check', async () => {
      const { channel: checked } = await channelApi.check(orgId, channel.id);
      onChanged(checked, `Checked ${channelName(checked)}: ${checked.statusText}`, false);
    });

  const reconnect = () => {
    if (busy) return;
    if (method === 'app_password') {
      onReconnectWithPassword(channel);
      return;
    }
    void run('reconnect', async () => {
      const { authorizeUrl } = await channelApi.startConnect(orgId, {
        network: channel.network,
        reconnectChannelId: channel.id,
      });
      window.location.assign(authorizeUrl);
    });
  };

  const disconnect = () =>
    run('disconnect', async () => {
      const { channel: gone } = await channelApi.disconnect(orgId, channel.id);
      setConfirming(false);
      wasConfirming.current = false;
      onChanged(
        gone,
        `${channelName(gone)} is disconnected. Its history is kept; connect it again to publish to it.`,
        true,
      );
    });

  return (
    <div className="channel-card__actions">
      {!confirming && (
        <div className="button-row">
          {!disabled && (
            <button
              type="button"
              className="button button--secondary button--compact"
              aria-disabled={waiting}
              onClick={() => void check()}
            >
              {busy === 'check' ? 'Checking…' : 'Check connection'}
              <VisuallyHidden> of {name}</VisuallyHidden>
            </button>
          )}
          {disabled && channel.practice ? (
            // A disconnected practice channel is replaced, not reconnected: its sandbox account is gone.
            <p className="muted">
              To practise on {channel.networkName} again, choose “Add practice channels”.
            </p>
          ) : (
            <button
              type="button"
              className="button button--secondary button--compact"
              aria-disabled={waiting}
              onClick={reconnect}
            >
              {busy === 'reconnect' ? 'Opening…' : disabled ? 'Connect again' : 'Reconnect'}
              <VisuallyHidden> {name}</VisuallyHidden>
            </button>
          )}
          {!disabled && (
            <button
              ref={askRef}
              type="button"
              className="button button--warning button--compact"
              aria-disabled={waiting}
              onClick={() => !busy && setConfirming(true)}
            >
              Disconnect<VisuallyHidden> {name}</VisuallyHidden>
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div className="confirm">
          <p>{disconnectQuestion(channel)}</p>
          <div className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="button button--warning button--compact"
              aria-disabled={waiting}
              onClick={() => void disconnect()}
            >
              {busy === 'disconnect' ? 'Disconnecting…' : `Yes, disconnect ${name}`}
            </button>
            <button
              type="button"
              className="button button--secondary button--compact"
              onClick={() => setConfirming(false)}
            >
              Keep it connected
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
