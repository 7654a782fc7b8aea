import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChannelVault, channelBinding } from '@outside-in/channels';
import { ChannelPoller, ReplySender } from '@outside-in/inbox';
import {
  DEMO_CANDIDATES,
  DEMO_MESSAGES,
  DEMO_RUNBOOK,
  DemoGuardrails,
} from '../../../apps/api/src/demo/demo-guardrails';
import { SandboxDb } from '../../../apps/sandbox/src/core/sandbox-db';
import { DemoAccount, DemoSeeder } from '../../../apps/api/src/demo/demo-seeder.service';
import { startApi, TestApi } from '../../support/api-harness';
import { signIn, signUp } from '../../support/api-client';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';
import { ledgerEntries } from '../platforms/support/sandbox-controls';

describe('the demo organisation', () => {
  let api: TestApi;
  let sandbox: TestSandbox;
  let accounts: DemoAccount[] | null;
  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ SANDBOX_URL: sandbox.url });
  });
  afterAll(async () => {
    await api.stop();
    await sandbox.stop();
  });

  it('is created once on an empty database, with one person per role who can sign in', async () => {
    const seeder = api.app.get(DemoSeeder);
    accounts = await seeder.seedIfEmpty();
    expect(accounts!.map((a) => a.role)).toEqual([
      'owner',
      'admin',
      'approver',
      'editor',
      'responder',
      'viewer',
    ]);
    expect(new Set(accounts!.map((a) => a.password)).size).toBe(6);

    for (const account of accounts!) {
      const session = await request(api.url)
        .post('/api/auth/sign-in')
        .send({ email: account.email, password: account.password })
        .expect(200);
      expect(session.body.memberships).toEqual([
        expect.objectContaining({ organisationName: 'Demo Council', role: account.role }),
      ]);
    }
    expect(await seeder.seedIfEmpty()).toBeNull();
  });

  it('starts with one practice channel per network, connected on the sandbox', async () => {
    const rows: Array<{ network: string; practice: boolean; status: string }> = await api.app
      .get(DataSource)
      .query(`SELECT network, practice, status FROM channel ORDER BY network`);
    expect(rows).toEqual(
      ['bluesky', 'facebook', 'instagram', 'mastodon', 'x'].map((network) => ({
        network,
        practice: true,
        status: 'connected',
      })),
    );
  });

  it('shows each guardrail: office hours, a runbook, a quiet period with candidates, Welsh and English messages', async () => {
    const db = api.app.get(DataSource);
    const [{ id: orgId }] = await db.query(`SELECT id FROM organisation WHERE name = 'Demo Council'`);
    const settings: Array<{ area: string; document: Record<string, unknown> }> = await db.query(
      `SELECT area, document FROM organisation_setting WHERE organisation_id = $1 ORDER BY area`,
      [orgId],
    );
    const area = (name: string) => settings.find((s) => s.area === name)?.document as Record<string, unknown>;
    expect(area('office_hours')).toMatchObject({
      bankHolidayRegion: 'england-and-wales',
      autoReply: { enabled: true },
      weekly: { monday: [{ open: '09:00', close: '17:00' }], saturday: [] },
    });
    expect(area('safeguarding')).toMatchObject({ runbook: DEMO_RUNBOOK });
    expect((area('safeguarding') as { notifyUserIds: string[] }).notifyUserIds).toHaveLength(2);

    const [period] = await db.query(
      `SELECT name, starts_on::text AS starts_on, candidate_names FROM quiet_period WHERE organisation_id = $1`,
      [orgId],
    );
    expect(period.candidate_names).toEqual(DEMO_CANDIDATES);
    expect(period.starts_on > new Date().toISOString().slice(0, 10)).toBe(true);

    const conversations: Array<{ language: string | null; priority: string; flagged: boolean }> =
      await db.query(
        `SELECT language, priority, safeguarding_flagged_at IS NOT NULL AS flagged FROM conversation
        WHERE organisation_id = $1 ORDER BY flagged DESC, language`,
        [orgId],
      );
    expect(conversations).toHaveLength(4);
    expect(conversations[0]).toMatchObject({ flagged: true, priority: 'urgent', language: 'en' });
    expect(conversations.filter((c) => c.language === 'cy')).toHaveLength(2);
    expect(conversations.filter((c) => c.flagged)).toHaveLength(1);
  });

  describe('its inbox', () => {
    interface Seeded {
      conversation_id: string;
      channel_id: string;
      network: string;
      account_id: string;
      external_id: string;
      body: string;
      contact_external_id: string;
    }
    let db: DataSource;
    let seeded: Seeded[];
    const inbound = (): Promise<Seeded[]> =>
      db.query(
        `SELECT m.conversation_id, m.channel_id, ch.network, ch.external_account_id AS account_id, m.external_id,
                m.body, ct.external_id AS contact_external_id
           FROM message m JOIN channel ch ON ch.id = m.channel_id JOIN contact ct ON ct.id = m.author_contact_id
          WHERE m.direction = 'in' ORDER BY m.created_at`,
      );
    /** How many posts and Messenger messages the sandbox networks hold. */
    const sandboxMessages = async () =>
      (
        await sandbox.app
          .get(SandboxDb)
          .query(
            `SELECT (SELECT count(*) FROM x_tweets)::int AS posts, (SELECT count(*) FROM meta_messages)::int AS messages`,
          )
      )[0];
    const seededFor = (text: string) => seeded.find((m) => m.body.endsWith(text))!;

    beforeAll(async () => {
      db = api.app.get(DataSource);
      seeded = await inbound();
    });

    it('holds the four messages as the networks delivered them, once, the urgent one flagged', async () => {
      expect(seeded).toHaveLength(DEMO_MESSAGES.length);
      expect(new Set(seeded.map((m) => m.conversation_id)).size).toBe(DEMO_MESSAGES.length);
      for (const message of DEMO_MESSAGES) {
        const row = seededFor(message.text);
        expect(row.network).toBe(message.network);
        // Ids the sandbox gave them (an X post id, a Messenger message id), not made up by the seed.
        expect(row.external_id).toMatch(message.network === 'x' ? /^\d+$/ : /^m_/);
      }
      const [handle] = await db.query(`SELECT handle FROM channel WHERE network = 'x'`);
      expect(seededFor(DEMO_MESSAGES[0].text).body).toBe(`@${handle.handle} ${DEMO_MESSAGES[0].text}`);

      // Later polls (and a second start) bring nothing twice.
      expect(await api.app.get(DemoSeeder).seedIfEmpty()).toBeNull();
      const poller = api.app.get(ChannelPoller);
      for (const channelId of new Set(seeded.map((m) => m.channel_id))) {
        for (let i = 0; i < 3; i++) expect((await poller.poll(channelId)).inserted).toBe(0);
      }
      // Writing them again finds each already in the inbox and leaves the sandbox alone.
      const [{ id: orgId }] = await db.query(`SELECT id FROM organisation WHERE name = 'Demo Council'`);
      const onSandbox = await sandboxMessages();
      await (
        api.app.get(DemoGuardrails) as unknown as { seedConversations(id: string): Promise<void> }
      ).seedConversations(orgId);
      expect(await sandboxMessages()).toEqual(onSandbox);
      expect(await inbound()).toHaveLength(DEMO_MESSAGES.length);
      const flagged: Array<{ id: string; priority: string }> = await db.query(
        `SELECT id, priority FROM conversation WHERE safeguarding_flagged_at IS NOT NULL`,
      );
      expect(flagged).toEqual([{ id: seededFor(DEMO_MESSAGES[3].text).conversation_id, priority: 'urgent' }]);
    });

    it('takes a reply that goes out on the sandbox, threaded under the person’s message', async () => {
      const person = (role: string) => accounts!.find((a) => a.role === role)!;
      const responder = await signIn(api, person('responder').email, person('responder').password);
      const approver = await signIn(api, person('approver').email, person('approver').password);
      const base = `/api/orgs/${responder.orgId}/inbox`;
      const sender = api.app.get(ReplySender);
      // Demo Council's responders write and an approver approves (its reply policy), then the worker sends.
      const reply = async (conversationId: string, text: string): Promise<string> => {
        const created = await responder
          .post(`${base}/conversations/${conversationId}/replies`, { text })
          .expect(201);
        const { messageId } = created.body as { messageId: string };
        if (created.body.outbound.state === 'pending_approval') {
          await approver.post(`${base}/replies/${messageId}/approve`).expect(200);
        }
        expect(await sender.deliver(messageId)).toMatchObject({ kind: 'sent' });
        return messageId;
      };
      const stored = async (messageId: string) =>
        (await db.query(`SELECT external_id, outbound_state FROM message WHERE id = $1`, [messageId]))[0] as {
          external_id: string;
          outbound_state: string;
        };

      // The X mention: our post replies to the citizen's post.
      const bins = seededFor(DEMO_MESSAGES[0].text);
      const onX = `Sorry about that, Sam: the crew will come back tomorrow. ${randomUUID().slice(0, 6)}`;
      const xReply = await reply(bins.conversation_id, onX);
      const xEntries = (await ledgerEntries(sandbox, { network: 'x', accountId: bins.account_id })).filter(
        (e) => e.content?.endsWith(onX),
      );
      expect(xEntries).toHaveLength(1);
      expect(xEntries[0]).toMatchObject({ kind: 'reply', parentId: bins.external_id });
      expect(await stored(xReply)).toEqual({ external_id: xEntries[0].objectId, outbound_state: 'sent' });

      // The Messenger message: our answer goes to the same person, in the same conversation on the page.
      const parking = seededFor(DEMO_MESSAGES[2].text);
      const onFacebook = `Bore da Dafydd, mae’r peiriant wedi ei drwsio. ${randomUUID().slice(0, 6)}`;
      const fbReply = await reply(parking.conversation_id, onFacebook);
      const fbEntries = (
        await ledgerEntries(sandbox, { network: 'facebook', accountId: parking.account_id })
      ).filter((e) => e.content === onFacebook);
      expect(fbEntries).toHaveLength(1);
      expect(fbEntries[0]).toMatchObject({
        kind: 'dm',
        meta: expect.objectContaining({ recipientId: parking.contact_external_id }),
      });
      expect(await stored(fbReply)).toEqual({ external_id: fbEntries[0].objectId, outbound_state: 'sent' });
      const [page] = await db.query(
        `SELECT id, credentials_key_id, credentials_sealed FROM channel WHERE id = $1`,
        [parking.channel_id],
      );
      const { pageAccessToken } = api.app
        .get(ChannelVault)
        .open<{ pageAccessToken: string }>(
          page.credentials_key_id,
          page.credentials_sealed,
          channelBinding(page.id),
        );
      const thread = await fetch(
        `${sandbox.url}/meta/v21.0/${fbEntries[0].parentId}/messages?fields=id,message&access_token=${pageAccessToken}`,
      );
      expect(thread.status).toBe(200);
      const { data } = (await thread.json()) as { data: Array<{ id: string; message: string }> };
      expect(data.map((m) => m.id)).toEqual(
        expect.arrayContaining([parking.external_id, fbEntries[0].objectId]),
      );
    });
  });

  it('is not created when the deployment already has an organisation', async () => {
    const other = await startApi();
    try {
      await signUp(other);
      expect(await other.app.get(DemoSeeder).seedIfEmpty()).toBeNull();
    } finally {
      await other.stop();
    }
  });
});
