import type { TestSandbox } from '../../../support/sandbox-harness';

/** One row of GET /_sandbox/ledger: what clients really created on a network. */
export interface LedgerEntry {
  id: string;
  network: string;
  accountId: string;
  kind: 'post' | 'reply' | 'comment' | 'dm' | 'media';
  objectId: string;
  idempotencyKey: string | null;
  content: string | null;
  parentId: string | null;
  meta: Record<string, unknown>;
}

/** GET /_sandbox/ledger with these filters (network, accountId, kind, objectId, ...). */
export async function ledgerEntries(
  sandbox: TestSandbox,
  query: Record<string, string>,
): Promise<LedgerEntry[]> {
  const response = await fetch(
    `${sandbox.url}/_sandbox/ledger?${new URLSearchParams({ limit: '1000', ...query })}`,
  );
  if (response.status !== 200)
    throw new Error(`GET /_sandbox/ledger answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { items: LedgerEntry[] }).items;
}

/** POST /_sandbox/faults (see apps/sandbox/src/core/fault.types.ts); throws unless 201. */
export async function injectFault(sandbox: TestSandbox, fault: Record<string, unknown>): Promise<void> {
  const { status, body } = await sandbox.control('POST', '/_sandbox/faults', fault);
  if (status !== 201) throw new Error(`POST /_sandbox/faults answered ${status}: ${JSON.stringify(body)}`);
}

export async function clearFaults(sandbox: TestSandbox, network: string): Promise<void> {
  await sandbox.control('DELETE', `/_sandbox/faults?network=${encodeURIComponent(network)}`);
}

/**
 * Makes the sandbox crowd send `count` items (mentions, replies, DMs) to these accounts only, and waits for
 * the burst to finish. Returns how many were delivered (a crowd item the network refused is not).
 */
export async function crowdBurst(
  sandbox: TestSandbox,
  network: string,
  accountIds: string[],
  count: number,
  seed = `contract-${Date.now()}`,
): Promise<number> {
  const configured = await sandbox.control('POST', '/_sandbox/crowd', {
    seed,
    ratePerMinute: 0,
    networks: [network],
    accountIds,
  });
  if (configured.status >= 300)
    throw new Error(`POST /_sandbox/crowd answered ${configured.status}: ${JSON.stringify(configured.body)}`);
  const burst = await sandbox.control<{ burst?: { delivered: number } | null; delivered?: number }>(
    'POST',
    '/_sandbox/crowd/burst',
    { count, wait: true },
  );
  if (burst.status >= 300)
    throw new Error(`POST /_sandbox/crowd/burst answered ${burst.status}: ${JSON.stringify(burst.body)}`);
  return burst.body.burst?.delivered ?? burst.body.delivered ?? count;
}

/** A small valid PNG header the sandboxes can read width and height from. */
export function samplePng(width = 4, height = 3, totalBytes = 120): Buffer {
  const png = Buffer.alloc(Math.max(totalBytes, 33));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'latin1');
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}
