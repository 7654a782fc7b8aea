import { useId, useState, type FormEvent } from 'react';
import { channelApi } from '../../api/endpoints';
import type { Channel } from '../../api/types';
import { messageOf } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { useApiData } from '../../components/use-api-data';
import { atHandle, channelName, listInWords } from './channel-words';

interface ChooseAccountsProps {
  orgId: string;
  attemptId: string;
  onConnected: (channels: Channel[], message: string) => void;
  onCancel: () => void;
}

/**
 * After agreeing on Facebook or Instagram, the person may manage several pages: they choose which ones become
 * channels here. Nothing is chosen for them.
 */
export function ChooseAccounts({ orgId, attemptId, onConnected, onCancel }: ChooseAccountsProps) {
  const attempt = useApiData(() => channelApi.attempt(orgId, attemptId), `${orgId}/${attemptId}`);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setProblem('');
    if (chosen.length === 0) {
      setProblem('Choose at least one account to connect, or choose Cancel.');
      return;
    }
    setBusy(true);
    try {
      const { channels } = await channelApi.choose(orgId, attemptId, chosen);
      const names = listInWords(channels.map(channelName));
      onConnected(
        channels,
        channels.length === 1 ? `Connected ${names}.` : `Connected ${channels.length} channels: ${names}.`,
      );
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  if (attempt.error !== null && attempt.data === undefined) {
    return (
      <LoadFailure
        what="the accounts to choose from"
        error={attempt.error}
        retry={() => void attempt.reload()}
      />
    );
  }
  if (attempt.data === undefined) return <Loading what="the accounts to choose from" />;
  const { networkName, accounts } = attempt.data;

  return (
    <section className="choose-accounts notice" aria-labelledby="choose-heading">
      <h2 id="choose-heading">Choose the {networkName} accounts to connect</h2>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="fieldset" aria-describedby={problem ? errorId : undefined}>
          <legend>
            You can post as these {networkName} accounts. Choose the ones your team should use in Outside In.
          </legend>
          {problem && (
            <p className="field__error" id={errorId} role="alert">
              {problem}
            </p>
          )}
          {accounts.length === 0 && <p>{networkName} did not give us any accounts to connect.</p>}
          {accounts.map((account) => {
            const id = `choose-${account.key}`;
            return (
              <div className="checkbox checkbox--list" key={account.key}>
                <input
                  id={id}
                  type="checkbox"
                  checked={chosen.includes(account.key)}
                  onChange={(e) =>
                    setChosen((now) =>
                      e.target.checked ? [...now, account.key] : now.filter((k) => k !== account.key),
                    )
                  }
                />
                <label htmlFor={id}>
                  {account.displayName} ({atHandle(account.handle)})
                  {account.alreadyConnected && <strong> Already connected</strong>}
                </label>
              </div>
            );
          })}
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? 'Connecting…' : 'Connect selected'}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
