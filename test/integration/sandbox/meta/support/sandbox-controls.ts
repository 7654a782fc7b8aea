import type { TestSandbox } from '../../../../support/sandbox-harness';

async function post<T>(sandbox: TestSandbox, path: string, body: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A person comments on a post or media, or replies to a comment (webhooks fire). */
export function citizenComment(
  sandbox: TestSandbox,
  objectId: string,
  message: string,
  citizenKey = 'megan',
): Promise<{ id: string; authorId: string }> {
  return post(sandbox, '/_sandbox/meta/inbound/comments', {
    objectId,
    message,
    citizenKey,
    citizenName: `Citizen ${citizenKey}`,
  });
}

/** A person writes to a page (Messenger) or an Instagram account (Direct), optionally in the past. */
export function citizenMessage(
  sandbox: TestSandbox,
  accountId: string,
  message: string,
  options: { citizenKey?: string; sentAt?: Date } = {},
): Promise<{ messageId: string; conversationId: string; senderId: string }> {
  return post(sandbox, '/_sandbox/meta/inbound/messages', {
    accountId,
    message,
    citizenKey: options.citizenKey ?? 'megan',
    citizenName: 'Megan Jones',
    sentAt: options.sentAt?.toISOString(),
  });
}

export function setRateLimit(
  sandbox: TestSandbox,
  network: string,
  endpoint: string,
  limit: number,
  windowSeconds = 3600,
): Promise<unknown> {
  return post(sandbox, '/_sandbox/rate-limits', { network, endpoint, limit, windowSeconds }, 'PUT');
}

export async function resetRateLimits(sandbox: TestSandbox): Promise<void> {
  await fetch(`${sandbox.url}/_sandbox/rate-limits`, { method: 'DELETE' });
}

export function addFault(sandbox: TestSandbox, fault: Record<string, unknown>): Promise<{ id: string }> {
  return post(sandbox, '/_sandbox/faults', fault);
}

export async function clearFaults(sandbox: TestSandbox): Promise<void> {
  await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
}

export async function ledgerFor(
  sandbox: TestSandbox,
  query: Record<string, string>,
): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${sandbox.url}/_sandbox/ledger?${new URLSearchParams(query).toString()}`);
  return ((await res.json()) as { items: Array<Record<string, unknown>> }).items;
}
