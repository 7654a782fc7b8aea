import { Client } from 'pg';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  expectValidMastodonResponses,
  httpError,
  mastodonAccount,
  MastodonTestAccount,
  sleep,
  startMastodonSandbox,
  tinyPng,
} from './mastodon-test-kit';

interface LedgerPage {
  items: { objectId: string; kind: string; idempotencyKey: string | null; meta: Record<string, unknown> }[];
}

describe('Mastodon sandbox: scheduled statuses (scheduled_at) through the real masto client', () => {
  let sandbox: TestSandbox;
  let council: MastodonTestAccount;

  beforeAll(async () => {
    sandbox = await startMastodonSandbox();
    council = await mastodonAccount(sandbox, 'council');
  });
  afterEach(() => expectValidMastodonResponses(sandbox));
  afterAll(() => sandbox.stop());

  const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

  async function makeDue(scheduledId: string): Promise<void> {
    const db = new Client({ connectionString: sandbox.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE mastodon_scheduled_statuses SET scheduled_at = now() - interval '1 second' WHERE id = $1`,
        [scheduledId],
      );
    } finally {
      await db.end();
    }
  }

  async function waitForStatus(text: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const statuses = await council.masto.v1.accounts
        .$select(council.accountId)
        .statuses.list({ limit: 40 });
      const found = statuses.find((status) => status.content === `<p>${text}</p>`);
      if (found) return found.id;
      await sleep(200);
    }
    throw new Error(`"${text}" was never published`);
  }

  it('answers a ScheduledStatus, replays its Idempotency-Key, lists it, and reserves its media', async () => {
    const media = await council.masto.v2.media.create({ file: new Blob([tinyPng()], { type: 'image/png' }) });
    const headers = { 'Idempotency-Key': `scheduled-${Date.now()}` };
    const scheduledAt = inMinutes(10);
    const scheduled = await council.masto.v1.statuses.create(
      { status: 'Polling stations open at 7am', scheduledAt, mediaIds: [media.id], language: 'en' },
      { requestInit: { headers } },
    );
    expect(scheduled.id).toMatch(/^\d+$/);
    expect(scheduled.scheduledAt).toBe(scheduledAt);
    expect(scheduled.params).toMatchObject({
      text: 'Polling stations open at 7am',
      visibility: 'public',
      mediaIds: [media.id],
    });
    expect(scheduled.mediaAttachments.map((m) => m.id)).toEqual([media.id]);

    const again = await council.masto.v1.statuses.create(
      { status: 'Polling stations open at 7am', scheduledAt, mediaIds: [media.id] },
      { requestInit: { headers } },
    );
    expect(again.id).toBe(scheduled.id);

    const listed = await council.masto.v1.scheduledStatuses.list();
    expect(listed.map((s) => s.id)).toContain(scheduled.id);
    const fetched = await council.masto.v1.scheduledStatuses.$select(scheduled.id).fetch();
    expect(fetched.params.text).toBe('Polling stations open at 7am');

    const taken = await httpError(council.masto.v1.statuses.create({ status: 'now', mediaIds: [media.id] }));
    expect(taken.statusCode).toBe(422);

    const ledger = await sandbox.control<LedgerPage>(
      'GET',
      `/_sandbox/ledger?idempotencyKey=${headers['Idempotency-Key']}`,
    );
    expect(ledger.body.items).toEqual([]); // nothing is published yet
  });

  it('refuses a time less than five minutes ahead, or not a time at all (422)', async () => {
    const soon = await httpError(
      council.masto.v1.statuses.create({ status: 'soon', scheduledAt: inMinutes(4) }),
    );
    expect(soon.statusCode).toBe(422);
    expect(soon.message).toBe('Validation failed: Scheduled at The scheduled date must be in the future');
    const nonsense = await httpError(
      council.masto.v1.statuses.create({ status: 'when?', scheduledAt: 'next Tuesday' }),
    );
    expect(nonsense.statusCode).toBe(422);
  });

  it('publishes when the time comes: the status appears once, with its media, in the ledger under the key', async () => {
    const media = await council.masto.v2.media.create({
      file: new Blob([tinyPng()], { type: 'image/png' }),
      description: 'Map',
    });
    const key = `publish-${Date.now()}`;
    const scheduled = await council.masto.v1.statuses.create(
      { status: 'Count begins at 10pm', scheduledAt: inMinutes(6), mediaIds: [media.id] },
      { requestInit: { headers: { 'Idempotency-Key': key } } },
    );
    await makeDue(scheduled.id);
    const statusId = await waitForStatus('Count begins at 10pm');

    const status = await council.masto.v1.statuses.$select(statusId).fetch();
    expect(status.mediaAttachments).toEqual([expect.objectContaining({ id: media.id, description: 'Map' })]);
    const ledger = await sandbox.control<LedgerPage>('GET', `/_sandbox/ledger?idempotencyKey=${key}`);
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({
      objectId: statusId,
      kind: 'post',
      meta: expect.objectContaining({ scheduledStatusId: scheduled.id }),
    });
    expect((await council.masto.v1.scheduledStatuses.list()).map((s) => s.id)).not.toContain(scheduled.id);
    const gone = await httpError(council.masto.v1.scheduledStatuses.$select(scheduled.id).fetch());
    expect(gone.statusCode).toBe(404);
  });

  it('writes in_reply_to_id as an exact JSON integer, as Mastodon stores it', async () => {
    const parent = await council.masto.v1.statuses.create({ status: 'Thread' });
    await council.masto.v1.statuses.create({
      status: 'follow-up',
      inReplyToId: parent.id,
      scheduledAt: inMinutes(30),
    });
    const raw = sandbox.responses
      .filter((r) => r.method === 'POST' && /\/api\/v1\/statuses$/.test(r.path))
      .pop();
    expect(raw?.body.toString('utf8')).toContain(`"in_reply_to_id":${parent.id}`);
  });

  it('cancels a scheduled status with DELETE and frees its media', async () => {
    const media = await council.masto.v2.media.create({ file: new Blob([tinyPng()], { type: 'image/png' }) });
    const scheduled = await council.masto.v1.statuses.create({
      status: 'maybe',
      scheduledAt: inMinutes(60),
      mediaIds: [media.id],
    });
    await council.masto.v1.scheduledStatuses.$select(scheduled.id).remove();
    const gone = await httpError(council.masto.v1.scheduledStatuses.$select(scheduled.id).fetch());
    expect(gone.statusCode).toBe(404);
    const posted = await council.masto.v1.statuses.create({ status: 'now instead', mediaIds: [media.id] });
    expect(posted.mediaAttachments.map((m) => m.id)).toEqual([media.id]);
  });
});
