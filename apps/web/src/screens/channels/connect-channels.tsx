import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { channelApi } from '../../api/endpoints';
import type { Channel, NetworkOption } from '../../api/types';
import { ErrorSummary, messageOf } from '../../components/error-summary';
import { PasswordField, TextField } from '../../components/field';
import { channelName } from './channel-words';
import { NetworkIcon } from './network-icon';

export const BLUESKY_APP_PASSWORDS_URL = 'https://bsky.app/settings/app-passwords';

interface ConnectChannelsProps {
  orgId: string;
  networks: NetworkOption[];
  /** A channel on an app-password network to reconnect: its form opens with the handle filled in. */
  reconnect: Channel | null;
  onReconnectDone: () => void;
  onConnected: (channel: Channel, message: string) => void;
}

/** "Connect a channel": one button per network, and the small forms that some networks need first. */
export function ConnectChannels({
  orgId,
  networks,
  reconnect,
  onReconnectDone,
  onConnected,
}: ConnectChannelsProps) {
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (reconnect) setOpen(reconnect.network);
  }, [reconnect]);

  return (
    <section aria-labelledby="connect-heading" className="connect-channels">
      <h2 id="connect-heading">Connect a channel</h2>
      <p>
        For most networks you sign in on the network’s own page and agree to let Outside In post for you; then
        you come back here.
      </p>
      <ul className="network-options">
        {networks.map((option) => (
          <NetworkChoice
            key={option.network}
            option={option}
            orgId={orgId}
            open={open === option.network}
            onToggle={(next) => {
              setOpen(next ? option.network : null);
              if (!next && reconnect?.network === option.network) onReconnectDone();
            }}
            reconnect={reconnect?.network === option.network ? reconnect : null}
            onConnected={(channel, message) => {
              setOpen(null);
              if (reconnect) onReconnectDone();
              onConnected(channel, message);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

interface NetworkChoiceProps {
  option: NetworkOption;
  orgId: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  reconnect: Channel | null;
  onConnected: (channel: Channel, message: string) => void;
}

function NetworkChoice({ option, orgId, open, onToggle, reconnect, onConnected }: NetworkChoiceProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const needsForm = option.method === 'app_password' || option.serverUrl !== 'none';
  const formId = `connect-${option.network}-form`;

  if (!option.available) {
    return (
      <li className="network-option network-option--unavailable">
        <p className="network-option__name">
          <NetworkIcon network={option.network} /> {option.name}
        </p>
        <p className="network-option__reason">
          <span className="channel-status__icon" aria-hidden="true">
            ⊘
          </span>{' '}
          Not available: {option.unavailableReason ?? 'this server is not set up to connect to it.'}
        </p>
      </li>
    );
  }

  async function goToNetwork() {
    if (busy) return;
    setBusy(true);
    setProblem('');
    try {
      const { authorizeUrl } = await channelApi.startConnect(orgId, { network: option.network });
      window.location.assign(authorizeUrl);
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <li className="network-option">
      <button
        type="button"
        className="button button--secondary network-option__button"
        aria-expanded={needsForm ? open : undefined}
        aria-controls={needsForm && open ? formId : undefined}
        aria-disabled={busy || undefined}
        onClick={() => (needsForm ? onToggle(!open) : void goToNetwork())}
      >
        <NetworkIcon network={option.network} />
        {busy ? `Opening ${option.name}…` : `Connect ${option.name}`}
      </button>
      {/* The app-password form explains itself, so its help is not said twice. */}
      {option.help && !(open && option.method === 'app_password') && (
        <p className="network-option__help muted">{option.help}</p>
      )}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      {needsForm && open && (
        <div id={formId} className="network-option__form">
          {option.method === 'app_password' ? (
            <AppPasswordForm option={option} orgId={orgId} reconnect={reconnect} onConnected={onConnected} />
          ) : (
            <ServerForm option={option} orgId={orgId} />
          )}
        </div>
      )}
    </li>
  );
}

/** Mastodon: which server the account is on, before going there to agree. */
function ServerForm({ option, orgId }: { option: NetworkOption; orgId: string }) {
  const [serverUrl, setServerUrl] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = `connect-${option.network}-server`;
  const fieldProblem = error instanceof ApiError ? error.problemWith('serverUrl') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { authorizeUrl } = await channelApi.startConnect(orgId, {
        network: option.network,
        serverUrl: serverUrl.trim() || undefined,
      });
      window.location.assign(authorizeUrl);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Connect ${option.name}`}>
      <ErrorSummary error={error} fieldIds={{ serverUrl: fieldId }} />
      <TextField
        id={fieldId}
        label={option.serverUrlLabel ?? 'Server address'}
        hint={option.serverUrlHint ?? undefined}
        type="url"
        autoComplete="url"
        spellCheck={false}
        value={serverUrl}
        onChange={setServerUrl}
        error={fieldProblem}
        required={option.serverUrl === 'required'}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {busy ? `Opening ${option.name}…` : `Continue to ${option.name}`}
      </button>
    </form>
  );
}

/** Bluesky: handle and app password (and a server, for people on their own), checked with the network at once. */
function AppPasswordForm({
  option,
  orgId,
  reconnect,
  onConnected,
}: {
  option: NetworkOption;
  orgId: string;
  reconnect: Channel | null;
  onConnected: (channel: Channel, message: string) => void;
}) {
  const [identifier, setIdentifier] = useState(reconnect ? reconnect.handle.replace(/^@/, '') : '');
  const [secret, setSecret] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = {
    identifier: `connect-${option.network}-identifier`,
    secret: `connect-${option.network}-secret`,
    serverUrl: `connect-${option.network}-server`,
  };
  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);
  const title = reconnect ? `Reconnect ${channelName(reconnect)}` : `Connect ${option.name}`;

  useEffect(() => {
    if (reconnect) {
      setIdentifier(reconnect.handle.replace(/^@/, ''));
      headingRef.current?.focus();
    }
  }, [reconnect]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { channel } = await channelApi.signIn(orgId, {
        network: option.network,
        identifier: identifier.trim(),
        secret,
        serverUrl: serverUrl.trim() || undefined,
        reconnectChannelId: reconnect?.id,
      });
      setSecret('');
      onConnected(
        channel,
        reconnect
          ? `Reconnected ${channelName(channel)}: ${channel.statusText}`
          : `Connected ${channelName(channel)}. It is in the list above.`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${ids.identifier}-title`}
    >
      <h3 id={`${ids.identifier}-title`} tabIndex={-1} ref={headingRef}>
        {title}
      </h3>
      {option.network === 'bluesky' ? (
        <p>
          Bluesky asks for an <strong>app password</strong>: a separate password for one app, which you can
          cancel at any time without changing your main password. Never use your main password here.{' '}
          <a href={BLUESKY_APP_PASSWORDS_URL} target="_blank" rel="noopener noreferrer">
            Make an app password in Bluesky’s settings (opens in a new tab)
          </a>
          .
        </p>
      ) : (
        <p>{option.help}</p>
      )}
      <ErrorSummary error={error} fieldIds={ids} />
      <TextField
        id={ids.identifier}
        label={option.identifierLabel ?? 'Handle'}
        hint="For example cardiffcouncil.bsky.social"
        autoComplete="username"
        spellCheck={false}
        value={identifier}
        onChange={setIdentifier}
        error={problem('identifier')}
      />
      <PasswordField
        id={ids.secret}
        label={option.secretLabel ?? 'App password'}
        hint="Four groups of four letters or numbers, like abcd-efgh-ijkl-mnop."
        autoComplete="off"
        value={secret}
        onChange={setSecret}
        error={problem('secret')}
      />
      <TextField
        id={ids.serverUrl}
        label={option.serverUrlLabel ?? 'Server (optional)'}
        hint={option.serverUrlHint ?? 'Leave this empty unless your account is on a server of its own.'}
        type="url"
        spellCheck={false}
        value={serverUrl}
        onChange={setServerUrl}
        error={problem('serverUrl')}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {busy ? `Checking with ${option.name}…` : 'Sign in and connect'}
      </button>
    </form>
  );
}
