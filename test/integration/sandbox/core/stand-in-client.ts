import { TestSandbox } from '../../../support/sandbox-harness';
import { STAND_IN } from './stand-in-network.module';

export interface StandInAccount {
  accountId: string;
  token: string;
}

export async function createStandInAccount(sandbox: TestSandbox, handle?: string): Promise<StandInAccount> {
  const account = await sandbox.createAccount<{ token: string }>(STAND_IN, handle ? { handle } : {});
  return { accountId: account.accountId, token: account.credentials.token };
}

/** POST /standin/posts as the account; returns the raw response (the caller checks the status). */
export function postAs(
  sandbox: TestSandbox,
  account: StandInAccount,
  text: string,
  init: { idempotencyKey?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${sandbox.url}/standin/posts`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${account.token}`,
      'content-type': 'application/json',
      ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
    },
    body: JSON.stringify({ text }),
    signal: init.signal,
  });
}

export function listAs(sandbox: TestSandbox, account: StandInAccount): Promise<Response> {
  return fetch(`${sandbox.url}/standin/posts`, { headers: { authorization: `Bearer ${account.token}` } });
}

export interface LedgerPage {
  items: {
    id: string;
    network: string;
    accountId: string;
    kind: string;
    objectId: string;
    idempotencyKey: string | null;
    content: string | null;
    createdAt: string;
  }[];
  nextAfterId: string | null;
}
