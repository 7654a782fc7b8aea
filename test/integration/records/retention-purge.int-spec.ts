import { DataSource } from 'typeorm';
import { RetentionPurger } from '@outside-in/records';
import { startApi, TestApi } from '../../support/api-harness';
import { signUp, SignedInClient } from '../../support/api-client';
import { RecordsFixtures } from './records-fixtures';

/**
 * The retention purge (issue 7 part 6): messages received before the organisation's cutoff go, then empty
 * conversations and contacts with nothing left; nothing a legal hold covers, nothing with an open FOI request;
 * one audit event per run; two runs at once purge once.
 */
describe('retention purge', () => {
  let api: TestApi;
  let db: DataSource;
  let purger: RetentionPurger;
  let owner: SignedInClient;
  let f: RecordsFixtures;

  const now = new Date('2026-11-27T12:00:00Z');
  const old = new Date('2024-06-01T09:00:00Z');
  const recent = new Date('2026-11-20T09:00:00Z');

  async function purgeEvents(orgId: string) {
    return db.query(
      `SELECT summary, actor_label FROM audit_event WHERE organisation_id = $1 AND action = 'records.retention_purged' ORDER BY seq`,
      [orgId],
    ) as Promise<Array<{ summary: Record<string, unknown>; actor_label: string }>>;
  }

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    purger = api.app.get(RetentionPurger);
    owner = await signUp(api);
    f = new RecordsFixtures(db, owner.orgId);
  });
  afterAll(() => api.stop());

  it('purges what is past the cutoff and keeps what a hold or an open FOI request covers', async () => {
    const channel = await f.channel();
    const base = `/api/orgs/${owner.orgId}/records`;

    // A: all old, nothing held: the messages, the conversation and the contact go.
    const a = await f.contact('@alex');
    const convA = await f.conversation(channel, a, old);
    await f.message(convA, channel, { direction: 'in', author: a, body: 'Old question', at: old });
    await f.message(convA, channel, { direction: 'out', body: 'Old answer', at: old });

    // B: an old message and a recent one: only the old one goes.
    const b = await f.contact('@bea');
    const convB = await f.conversation(channel, b, old);
    const bOld = await f.message(convB, channel, { direction: 'in', author: b, body: 'Old', at: old });
    const bNew = await f.message(convB, channel, { direction: 'in', author: b, body: 'New', at: recent });

    // C: the conversation is on hold.
    const c = await f.contact('@cai');
    const convC = await f.conversation(channel, c, old);
    const cMsg = await f.message(convC, channel, { direction: 'in', author: c, body: 'Held', at: old });
    const cReply = await f.message(convC, channel, { direction: 'out', body: 'Held reply', at: old });
    await owner.post(`${base}/legal-holds`, { conversationId: convC, reason: 'Complaint 114' }).expect(201);

    // D: the contact is on hold: their own conversation, and their message in someone else's (E).
    const d = await f.contact('@dee');
    const convD = await f.conversation(channel, d, old);
    const dMsg = await f.message(convD, channel, { direction: 'in', author: d, body: 'Mine', at: old });
    const dReply = await f.message(convD, channel, { direction: 'out', body: 'Our reply to Dee', at: old });
    const e = await f.contact('@eli');
    const convE = await f.conversation(channel, e, old, 'comment_thread');
    const eMsg = await f.message(convE, channel, { direction: 'in', author: e, body: 'Eli says', at: old });
    const dInE = await f.message(convE, channel, { direction: 'in', author: d, body: 'Dee adds', at: old });
    await owner.post(`${base}/legal-holds`, { contactId: d, reason: 'Police request 22/1' }).expect(201);

    // F: a hold placed and released: purged as if never held.
    const g = await f.contact('@gus');
    const convF = await f.conversation(channel, g, old);
    await f.message(convF, channel, { direction: 'in', author: g, body: 'Released', at: old });
    const placed = await owner
      .post(`${base}/legal-holds`, { conversationId: convF, reason: 'Briefly' })
      .expect(201);
    await owner
      .post(`${base}/legal-holds/${placed.body.id}/release`, { reason: 'Matter closed' })
      .expect(200);

    // G: an old message with an open FOI request is kept while the request is open.
    const h = await f.contact('@hal');
    // (An FOI date needs bank-holiday data, which starts in 2025: still well before the cutoff.)
    const foiAt = new Date('2025-06-02T09:00:00Z');
    const convG = await f.conversation(channel, h, foiAt);
    const foiMsg = await f.message(convG, channel, {
      direction: 'in',
      author: h,
      body: 'FOI please',
      at: foiAt,
    });
    await owner.post(`${base}/foi-requests`, { messageId: foiMsg }).expect(201);

    // Another organisation keeps everything (no retention period): untouched.
    const other = await signUp(api);
    const otherF = new RecordsFixtures(db, other.orgId);
    const otherChannel = await otherF.channel();
    const otherConv = await otherF.conversation(otherChannel, await otherF.contact('@zed'), old);
    await otherF.message(otherConv, otherChannel, { direction: 'in', body: 'Keep me', at: old });

    await f.keepMessagesForMonths(12);
    const results = await purger.runAll(now);
    const mine = results.find((r) => r.organisationId === owner.orgId)!;
    expect(mine).toMatchObject({ ran: true, messages: 5, conversations: 2, contacts: 2, more: false });
    expect(results.find((r) => r.organisationId === other.orgId)).toBeUndefined();

    // Gone: A entirely, B's old message, F entirely, Eli's message in E.
    expect(await f.exists('conversation', convA)).toBe(false);
    expect(await f.exists('contact', a)).toBe(false);
    expect(await f.exists('message', bOld)).toBe(false);
    expect(await f.exists('conversation', convF)).toBe(false);
    expect(await f.exists('contact', g)).toBe(false);
    expect(await f.exists('message', eMsg)).toBe(false);
    // Kept.
    for (const id of [bNew, cMsg, cReply, dMsg, dReply, dInE, foiMsg])
      expect(await f.exists('message', id)).toBe(true);
    for (const id of [convB, convC, convD, convE, convG])
      expect(await f.exists('conversation', id)).toBe(true);
    for (const id of [b, c, d, e, h]) expect(await f.exists('contact', id)).toBe(true);
    expect(await otherF.count('message')).toBe(1);

    const events = await purgeEvents(owner.orgId);
    expect(events).toHaveLength(1);
    expect(events[0].actor_label).toBe('system');
    expect(events[0].summary).toMatchObject({ messages: 5, conversations: 2, contacts: 2 });
    expect(new Date(events[0].summary.cutoff as string).toISOString()).toBe('2025-11-27T00:00:00.000Z');

    // Idempotent: a second run finds nothing and writes no event.
    const again = await purger.runFor(owner.orgId, now);
    expect(again).toMatchObject({ ran: true, messages: 0, conversations: 0, contacts: 0 });
    expect(await purgeEvents(owner.orgId)).toHaveLength(1);

    // Releasing the contact hold lets the next run purge Dee's old messages; the conversation hold still keeps C.
    const holds = await owner.get(`${base}/legal-holds`).expect(200);
    const deeHold = holds.body.items.find((x: { contactId: string }) => x.contactId === d);
    await owner.post(`${base}/legal-holds/${deeHold.id}/release`, { reason: 'Request answered' }).expect(200);
    const third = await purger.runFor(owner.orgId, now);
    // Dee's two messages in D and one in E go; D and E are then empty, and Dee and Eli have nothing left.
    expect(third).toMatchObject({ messages: 3, conversations: 2, contacts: 2 });
    expect(await f.exists('message', cMsg)).toBe(true);
    expect(await f.exists('contact', d)).toBe(false);
    expect(await f.exists('contact', e)).toBe(false);
    expect(await purgeEvents(owner.orgId)).toHaveLength(2);
  });

  it('two runs at once purge each message once, in batches, with one audit event', async () => {
    const org = await signUp(api);
    const g = new RecordsFixtures(db, org.orgId);
    const channel = await g.channel();
    const contact = await g.contact('@many');
    const conv = await g.conversation(channel, contact, old);
    await db.query(
      `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, author_contact_id, body, created_at, received_at)
       SELECT $1, $2, $3, 'in', 'bulk-' || n, $4, 'Message ' || n, $5, $5 FROM generate_series(1, 1234) AS n`,
      [org.orgId, conv, channel, contact, old],
    );
    await g.keepMessagesForMonths(6);

    const [first, second] = await Promise.all([purger.runFor(org.orgId, now), purger.runFor(org.orgId, now)]);
    expect(first.messages + second.messages).toBe(1234);
    expect(first.conversations + second.conversations).toBe(1);
    expect(first.contacts + second.contacts).toBe(1);
    expect(await g.count('message')).toBe(0);
    const events = await purgeEvents(org.orgId);
    expect(events).toHaveLength(1);
    expect(events[0].summary).toMatchObject({ messages: 1234, conversations: 1, contacts: 1 });
  });
});
