import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ChannelVault } from '@outside-in/channels';
import { AuditActor, Channel } from '@outside-in/database';
import {
  defaultOfficeHours,
  OfficeHoursService,
  QuietPeriodsService,
  SafeguardingService,
  type OfficeHoursSettings,
} from '@outside-in/guardrail-settings';
import {
  ChannelPoller,
  InboundGuardrails,
  InboxIngestor,
  replyReference,
  ReplySender,
  SHORT_TEXT,
} from '@outside-in/inbox';
import type { InboundItem } from '@outside-in/platforms';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../support/api-client';
import { createSandboxChannel } from '../../support/channel-fixtures';
import { SandboxAccountCredentials, startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { ledgerEntries } from '../platforms/support/sandbox-controls';

/**
 * The inbox side of issue 7's guardrails against real Postgres, Redis and the sandbox: safeguarding triage on
 * ingest (urgent, flagged, notified in the app and by e-mail, audited, runbook shown, never auto-replied), the
 * honest out-of-hours reply (once per contact per closed period, through the normal reply path, exactly once on
 * the network), quiet periods holding every reply without approval, language detection, and first-response
 * clocks that count office hours only, across a weekend and a bank holiday.
 */
describe('inbox guardrails', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let db: DataSource;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; raw: string }> = [];
  let owner: SignedInClient;
  let admin: SignedInClient;
  let approver: SignedInClient;
  let responder: SignedInClient;
  let x: { channel: Channel; account: SandboxAccountCredentials };
  let ingestor: InboxIngestor;
  let guardrails: InboundGuardrails;
  let sender: ReplySender;
  let base: string;
  let actor: AuditActor;

  const put = (client: SignedInClient, path: string, body: object) =>
    client.agent.put(path).set('x-csrf-token', client.session.csrfToken).send(body);

  /** Monday 09:00–17:00 only (so a Friday afternoon is closed), no bank holidays, the reply switched on. */
  function mondaysOnly(overrides: Partial<OfficeHoursSettings['autoReply']> = {}): OfficeHoursSettings {
    const settings = defaultOfficeHours();
    for (const day of ['tuesday', 'wednesday', 'thursday', 'friday'] as const) settings.weekly[day] = [];
    settings.bankHolidayRegion = null;
    settings.autoReply = { ...settings.autoReply, enabled: true, allChannels: true, ...overrides };
    return settings;
  }

  /** An item as the X adapter would give it, ingested directly (for instants the sandbox cannot produce). */
  function item(text: string, overrides: Partial<InboundItem> = {}): InboundItem {
    const id = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    return {
      externalId: id,
      kind: 'mention',
      threadKey: id,
      author: {
        externalId: `citizen-${randomUUID().slice(0, 8)}`,
        handle: 'citizen',
        displayName: 'Cai Citizen',
        profileUrl: 'https://x.example/citizen',
      },
      text,
      createdAt: new Date(),
      fromAccount: false,
      raw: { id },
      ...overrides,
    };
  }

  async function ingestOne(entry: InboundItem): Promise<{ messageId: string; conversationId: string }> {
    await ingestor.ingest(x.channel.id, [entry]);
    const [row] = await db.query(
      `SELECT id, conversation_id FROM message WHERE channel_id = $1 AND external_id = $2`,
      [x.channel.id, entry.externalId],
    );
    return { messageId: row.id, conversationId: row.conversation_id };
  }

  /** A real tweet by `citizen` mentioning the channel, polled in. */
  async function tweet(citizen: SandboxAccountCredentials<Record<string, string>>, text: string) {
    const words = `@${x.channel.handle} ${text} ${randomUUID().slice(0, 6)}`;
    const response = await fetch(`${sandbox.url}/x/2/tweets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${citizen.credentials.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ text: words }),
    });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: { id: string } };
    const poller = api.app.get(ChannelPoller);
    for (let i = 0; i < 20; i++) {
      const [row] = await db.query(
        `SELECT m.id, m.conversation_id, m.author_contact_id FROM message m
          WHERE m.channel_id = $1 AND m.external_id = $2`,
        [x.channel.id, data.id],
      );
      if (row)
        return {
          tweetId: data.id,
          messageId: row.id as string,
          conversationId: row.conversation_id as string,
          contactId: row.author_contact_id as string,
        };
      const outcome = await poller.poll(x.channel.id);
      if (outcome.outcome !== 'polled') await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Tweet ${data.id} was never stored`);
  }

  const autoRepliesOf = (contactId: string) =>
    db.query(
      `SELECT o.closed_period_id, o.message_id, o.answers_message_id, m.outbound_state, m.body, r.automatic,
              r.author_id, r.approval_reason
         FROM out_of_hours_reply o JOIN message m ON m.id = o.message_id
         JOIN outbound_reply r ON r.message_id = o.message_id
        WHERE o.contact_id = $1 ORDER BY o.created_at`,
      [contactId],
    ) as Promise<Array<Record<string, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any

  const repliesOnNetworkTo = async (parentId: string) =>
    (await ledgerEntries(sandbox, { network: 'x', accountId: x.account.accountId })).filter(
      (e) => e.parentId === parentId,
    );

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    sandbox = await startSandbox();
    api = await startApi({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'Outside In <oi@example.gov.uk>',
    });
    db = api.app.get(DataSource);
    ingestor = api.app.get(InboxIngestor);
    guardrails = api.app.get(InboundGuardrails);
    sender = api.app.get(ReplySender);
    owner = await signUp(api);
    base = `/api/orgs/${owner.orgId}/inbox`;
    admin = await addMember(api, owner.orgId, 'admin');
    approver = await addMember(api, owner.orgId, 'approver');
    responder = await addMember(api, owner.orgId, 'responder');
    actor = { userId: owner.userId, label: 'Test owner' };
    x = await createSandboxChannel(db, api.app.get(ChannelVault), sandbox, owner.orgId, 'x');
  }, 120_000);

  afterAll(async () => {
    guardrails.now = () => new Date();
    await api?.stop();
    await sandbox?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  describe('safeguarding triage', () => {
    it('marks a matching message urgent, notifies the named people in the app and by e-mail, audits it and shows the runbook', async () => {
      const safeguarding = api.app.get(SafeguardingService);
      const settings = (await safeguarding.get(owner.orgId)).document;
      const runbook = `Call the duty safeguarding lead on 029 2000 0000 first. ${randomUUID().slice(0, 6)}`;
      await safeguarding.update(
        owner.orgId,
        { ...settings, notifyUserIds: [approver.userId], runbook },
        actor,
        null,
      );
      const { conversationId, messageId } = await ingestOne(
        item('honestly I want to end my life, nobody at the housing office listens'),
      );

      const [conversation] = await db.query(
        `SELECT priority, safeguarding_set_ids, safeguarding_flagged_at FROM conversation WHERE id = $1`,
        [conversationId],
      );
      expect(conversation.priority).toBe('urgent');
      expect(conversation.safeguarding_set_ids).toEqual(['self-harm']);
      expect(conversation.safeguarding_flagged_at).not.toBeNull();

      const inbox = (await approver.get(`/api/orgs/${owner.orgId}/notifications`).expect(200)).body;
      const alert = inbox.items.find((n: { kind: string }) => n.kind === 'inbox.safeguarding');
      expect(alert.message).toContain('“Self-harm or suicide”');
      expect(alert.message).toMatch(new RegExp(`inbox/${conversationId}$`));
      // Nobody else was named, so nobody else is told.
      const ownerInbox = (await owner.get(`/api/orgs/${owner.orgId}/notifications`).expect(200)).body;
      expect(ownerInbox.items.filter((n: { kind: string }) => n.kind === 'inbox.safeguarding')).toEqual([]);

      const [event] = await db.query(
        `SELECT actor_label, summary FROM audit_event
          WHERE organisation_id = $1 AND action = 'inbox.safeguarding_matched' AND subject_id = $2`,
        [owner.orgId, conversationId],
      );
      expect(event.actor_label).toBe('system');
      expect(event.summary).toMatchObject({
        messageIds: [messageId],
        setIds: ['self-harm'],
        notified: [approver.userId],
      });

      const [{ email }] = await db.query(`SELECT email FROM app_user WHERE id = $1`, [approver.userId]);
      for (let i = 0; i < 50 && !mails.some((m) => m.to.includes(email)); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const mail = mails.find((m) => m.to.includes(email));
      expect(mail?.raw).toMatch(/Subject: =\?UTF-8\?Q\?Safeguarding=3A_a_message_matched/);
      expect(mail?.raw).toContain('Safeguarding: a message to @');

      const detail = (await responder.get(`${base}/conversations/${conversationId}`).expect(200)).body;
      expect(detail.priority).toBe('urgent');
      expect(detail.safeguarding).toMatchObject({
        sets: [{ id: 'self-harm', name: 'Self-harm or suicide' }],
        runbook,
        neverAutoReplied: true,
      });
      const flagged = (await responder.get(`${base}/conversations?view=flagged`).expect(200)).body;
      expect(flagged.items.map((i: { id: string }) => i.id)).toContain(conversationId);
    });

    it('tells owners and admins when nobody is named, and leaves other messages alone', async () => {
      const safeguarding = api.app.get(SafeguardingService);
      const settings = (await safeguarding.get(owner.orgId)).document;
      await safeguarding.update(owner.orgId, { ...settings, notifyUserIds: [] }, actor, null);
      const calm = await ingestOne(item('Is the tip open on Sunday?'));
      const [quiet] = await db.query(
        `SELECT priority, safeguarding_flagged_at FROM conversation WHERE id = $1`,
        [calm.conversationId],
      );
      expect(quiet).toEqual({ priority: 'normal', safeguarding_flagged_at: null });

      const risky = await ingestOne(item('I think there is a child at risk in the flat next door'));
      const [conversation] = await db.query(`SELECT safeguarding_set_ids FROM conversation WHERE id = $1`, [
        risky.conversationId,
      ]);
      expect(conversation.safeguarding_set_ids).toEqual(['child-at-risk']);
      const told = await db.query(
        `SELECT user_id FROM notification WHERE kind = 'inbox.safeguarding' AND message LIKE $1 ORDER BY user_id`,
        [`%${risky.conversationId}`],
      );
      expect(told.map((t: { user_id: string }) => t.user_id).sort()).toEqual(
        [owner.userId, admin.userId].sort(),
      );
    });
  });

  describe('out-of-hours reply', () => {
    let citizen: SandboxAccountCredentials<Record<string, string>>;
    let other: SandboxAccountCredentials<Record<string, string>>;
    let citizenContactId: string;
    beforeAll(async () => {
      citizen = await sandbox.createAccount<Record<string, string>>('x');
      other = await sandbox.createAccount<Record<string, string>>('x');
      await api.app.get(OfficeHoursService).update(owner.orgId, mondaysOnly(), actor, null);
      guardrails.now = () => new Date();
    });

    it('goes once per contact per closed period, through the reply path, exactly once on the network', async () => {
      const first = await tweet(citizen, 'Is the swimming pool open tomorrow?');
      const second = await tweet(citizen, 'Also, can I bring a guest?');
      citizenContactId = first.contactId;
      const replies = await autoRepliesOf(first.contactId);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({
        answers_message_id: first.messageId,
        outbound_state: 'approved',
        automatic: true,
        author_id: null,
      });
      // The shipped English text is longer than X allows; the short signposting text goes instead.
      expect(replies[0].body).toBe(
        `${SHORT_TEXT} (Automatic reply, reference ${replyReference(replies[0].message_id)}.)`,
      );
      expect(replies[0].body).toMatch(/999.*111.*101/);

      const outcome = await sender.deliver(replies[0].message_id);
      expect(outcome).toMatchObject({ kind: 'sent' });
      expect(await sender.deliver(replies[0].message_id)).toMatchObject({ kind: 'skipped' });
      const onNetwork = await repliesOnNetworkTo(first.tweetId);
      expect(onNetwork).toHaveLength(1);
      expect(onNetwork[0].content).toBe(replies[0].body);
      expect(await repliesOnNetworkTo(second.tweetId)).toEqual([]);

      // Recorded in the conversation as an automatic reply; not a response from a person.
      const detail = (await responder.get(`${base}/conversations/${first.conversationId}`).expect(200)).body;
      const ours = detail.timeline.find((t: { id: string }) => t.id === replies[0].message_id);
      expect(ours.outbound).toMatchObject({ state: 'sent', automatic: true, author: null });
      expect(detail.firstResponseAt).toBeNull();
      expect(detail.waitingSince).not.toBeNull();

      // Its echo, polled back, is recognised as ours: still one reply, and no reply to our own message.
      await api.app.get(ChannelPoller).poll(x.channel.id);
      expect(await autoRepliesOf(first.contactId)).toHaveLength(1);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM message WHERE channel_id = $1 AND external_id = $2`,
        [x.channel.id, onNetwork[0].objectId],
      );
      expect(n).toBe(1);

      // Someone else writing in the same closed period gets their own.
      const fromOther = await tweet(other, 'Are the libraries open at the weekend?');
      expect(await autoRepliesOf(fromOther.contactId)).toHaveLength(1);
    });

    it('goes again in the next closed period, not while open, and never to our own messages', async () => {
      const contactId = citizenContactId;
      const [{ external_id: citizenId }] = await db.query(`SELECT external_id FROM contact WHERE id = $1`, [
        contactId,
      ]);
      const author = {
        externalId: citizenId,
        handle: citizen.handle,
        displayName: citizen.handle,
        profileUrl: '',
      };
      try {
        // Monday 30 November 2026, 10:00 GMT: open. Nothing is sent.
        guardrails.now = () => new Date('2026-11-30T10:00:00Z');
        await ingestOne(item('Thanks for the help', { author, createdAt: new Date('2026-11-30T09:55:00Z') }));
        expect(await autoRepliesOf(contactId)).toHaveLength(1);

        // Written on Sunday night, read on Monday morning: a person will answer, no "we are closed".
        await ingestOne(
          item('Sunday night question', { author, createdAt: new Date('2026-11-29T22:00:00Z') }),
        );
        expect(await autoRepliesOf(contactId)).toHaveLength(1);

        // Tuesday 1 December, 12:00: the closed period that began on Monday at 17:00. One more, once.
        guardrails.now = () => new Date('2026-12-01T12:00:00Z');
        const tuesday = await ingestOne(
          item('Tuesday question', { author, createdAt: new Date('2026-12-01T11:59:00Z') }),
        );
        await ingestOne(item('Tuesday again', { author, createdAt: new Date('2026-12-01T11:59:30Z') }));
        const replies = await autoRepliesOf(contactId);
        expect(replies).toHaveLength(2);
        expect(replies[1]).toMatchObject({
          closed_period_id: '2026-11-30T17:00:00.000Z',
          answers_message_id: tuesday.messageId,
        });
        expect(replies[0].closed_period_id).not.toBe(replies[1].closed_period_id);

        // Our own message sent from the network's app is stored as ours and never answered.
        const echo = await ingestOne(
          item('Posted from the X app', { fromAccount: true, createdAt: new Date('2026-12-01T11:59:40Z') }),
        );
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM out_of_hours_reply WHERE answers_message_id = $1`,
          [echo.messageId],
        );
        expect(n).toBe(0);
      } finally {
        guardrails.now = () => new Date();
      }
    });

    it('is never sent to a safeguarding match, nor again in that conversation', async () => {
      const worried = await sandbox.createAccount<Record<string, string>>('x');
      const risky = await tweet(worried, 'I want to kill myself tonight');
      expect(await autoRepliesOf(risky.contactId)).toEqual([]);
      const [conversation] = await db.query(`SELECT priority FROM conversation WHERE id = $1`, [
        risky.conversationId,
      ]);
      expect(conversation.priority).toBe('urgent');
      // The same person writes again in that thread: still a person's job.
      const [{ external_id: authorId }] = await db.query(`SELECT external_id FROM contact WHERE id = $1`, [
        risky.contactId,
      ]);
      await ingestOne(
        item('are you there', {
          author: {
            externalId: authorId,
            handle: worried.handle,
            displayName: worried.handle,
            profileUrl: '',
          },
          inReplyToExternalId: risky.tweetId,
        }),
      );
      expect(await autoRepliesOf(risky.contactId)).toEqual([]);
      expect(await repliesOnNetworkTo(risky.tweetId)).toEqual([]);
    });

    it('answers Welsh with the Welsh text, and is off on a channel not chosen', async () => {
      const welsh = await ingestOne(item('Ydy’r ganolfan hamdden ar agor dros y penwythnos?'));
      const [reply] = await db.query(
        `SELECT m.body FROM out_of_hours_reply o JOIN message m ON m.id = o.message_id
          WHERE o.answers_message_id = $1`,
        [welsh.messageId],
      );
      expect(reply.body).toMatch(/^Diolch am eich neges\./);

      const other = await createSandboxChannel(db, api.app.get(ChannelVault), sandbox, owner.orgId, 'x');
      await api.app
        .get(OfficeHoursService)
        .update(
          owner.orgId,
          mondaysOnly({ allChannels: false, channelIds: [other.channel.id] }),
          actor,
          null,
        );
      const unchosen = await ingestOne(item('When is the next bin day?'));
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM out_of_hours_reply WHERE answers_message_id = $1`,
        [unchosen.messageId],
      );
      expect(n).toBe(0);
      await api.app.get(OfficeHoursService).update(owner.orgId, mondaysOnly(), actor, null);
    });
  });

  describe('quiet periods', () => {
    let periodId: string | null = null;
    const today = new Date().toISOString().slice(0, 10);
    afterEach(async () => {
      if (periodId) await api.app.get(QuietPeriodsService).remove(owner.orgId, periodId, actor, null);
      periodId = null;
    });

    it('holds a reply approved before the period began until the period’s roles approve it', async () => {
      const citizen = await sandbox.createAccount<Record<string, string>>('x');
      await api.app
        .get(OfficeHoursService)
        .update(
          owner.orgId,
          { ...mondaysOnly(), autoReply: { ...mondaysOnly().autoReply, enabled: false } },
          actor,
          null,
        );
      const thread = await tweet(citizen, 'Who is standing in the by-election?');
      const created = await owner
        .post(`${base}/conversations/${thread.conversationId}/replies`, {
          text: 'You can find the list on our website.',
        })
        .expect(201);
      expect(created.body.outbound.state).toBe('approved');

      const period = await api.app.get(QuietPeriodsService).create(
        owner.orgId,
        {
          name: 'By-election',
          startsOn: today,
          endsOn: today,
          channelIds: [x.channel.id],
          approverRoles: ['admin'],
        },
        actor,
        null,
      );
      periodId = period.period.id;

      const outcome = await sender.deliver(created.body.messageId);
      expect(outcome).toMatchObject({ kind: 'skipped' });
      expect(await repliesOnNetworkTo(thread.tweetId)).toEqual([]);
      const held = (await owner.post(`${base}/replies/${created.body.messageId}/approve`)).status;
      expect(held).toBe(403); // its own author
      const detail = (await responder.get(`${base}/conversations/${thread.conversationId}`).expect(200)).body;
      const ours = detail.timeline.find((t: { id: string }) => t.id === created.body.messageId);
      expect(ours.outbound).toMatchObject({ state: 'pending_approval', approverRoles: ['admin'] });
      expect(ours.outbound.approvalReason).toMatch(/quiet period “By-election”/);

      // An approver is not one of the period's roles; the admin is.
      await approver.post(`${base}/replies/${created.body.messageId}/approve`).expect(403);
      await admin.post(`${base}/replies/${created.body.messageId}/approve`).expect(200);
      expect(await sender.deliver(created.body.messageId)).toMatchObject({ kind: 'sent' });
      expect(await repliesOnNetworkTo(thread.tweetId)).toHaveLength(1);
    });

    it('refuses to send a new reply without approval, and lets the fixed out-of-hours text through', async () => {
      const period = await api.app
        .get(QuietPeriodsService)
        .create(
          owner.orgId,
          { name: 'Pre-election period', startsOn: today, endsOn: today, approverRoles: ['owner', 'admin'] },
          actor,
          null,
        );
      periodId = period.period.id;
      await api.app.get(OfficeHoursService).update(owner.orgId, mondaysOnly(), actor, null);
      const citizen = await sandbox.createAccount<Record<string, string>>('x');
      const thread = await tweet(citizen, 'What are the candidates promising on potholes?');

      const [auto] = await autoRepliesOf(thread.contactId);
      expect(auto.approval_reason).toMatch(/also during a quiet period/);
      const autoOutcome = await sender.deliver(auto.message_id);
      expect(autoOutcome).toEqual(expect.objectContaining({ kind: 'sent' }));

      const created = await admin
        .post(`${base}/conversations/${thread.conversationId}/replies`, {
          text: 'We cannot comment on candidates.',
        })
        .expect(201);
      expect(created.body.outbound.state).toBe('pending_approval');
      expect(await sender.deliver(created.body.messageId)).toMatchObject({ kind: 'skipped' });
      // A direct UPDATE past the API (a bug, a script) still cannot send it: the sender checks approval itself.
      await db.query(`UPDATE message SET outbound_state = 'approved' WHERE id = $1`, [
        created.body.messageId,
      ]);
      expect(await sender.deliver(created.body.messageId)).toMatchObject({ kind: 'skipped' });
      const network = await repliesOnNetworkTo(thread.tweetId);
      expect(network.map((e) => e.content)).toEqual([auto.body]);
      const [row] = await db.query(`SELECT outbound_state FROM message WHERE id = $1`, [
        created.body.messageId,
      ]);
      expect(row.outbound_state).toBe('pending_approval');

      await owner.post(`${base}/replies/${created.body.messageId}/approve`).expect(200);
      expect(await sender.deliver(created.body.messageId)).toMatchObject({ kind: 'sent' });
      expect(await repliesOnNetworkTo(thread.tweetId)).toHaveLength(2);
    });
  });

  describe('language', () => {
    it('detects Welsh and English when the network gives none, and keeps the network’s own tag', async () => {
      const welsh = await ingestOne(item('Pryd fydd y biniau ailgylchu yn cael eu casglu?'));
      const english = await ingestOne(item('When will the recycling bins be collected?'));
      const tagged = await ingestOne(item('Bore da pawb', { language: 'en' }));
      const languageOf = async (messageId: string) =>
        (await db.query(`SELECT language FROM message WHERE id = $1`, [messageId]))[0].language;
      expect(await languageOf(welsh.messageId)).toBe('cy');
      expect(await languageOf(english.messageId)).toBe('en');
      expect(await languageOf(tagged.messageId)).toBe('en');
      const detail = (await responder.get(`${base}/conversations/${welsh.conversationId}`).expect(200)).body;
      expect(detail.language).toBe('cy');
    });
  });

  describe('measures', () => {
    it('counts office hours only: Friday 16:30 to the Tuesday after a bank holiday Monday is one hour', async () => {
      // Office 09:00–17:00 Monday to Friday, England and Wales bank holidays (Spring bank holiday: 25 May 2026).
      const settings = defaultOfficeHours();
      await api.app.get(OfficeHoursService).update(owner.orgId, settings, actor, null);
      const author = {
        externalId: `citizen-${randomUUID().slice(0, 8)}`,
        handle: 'bethan',
        displayName: 'Bethan',
        profileUrl: '',
      };
      const asked = await ingestOne(
        item('Mae’r ffordd ar gau eto, pryd fydd hi ar agor?', {
          author,
          createdAt: new Date('2026-05-22T15:30:00Z'), // Friday 16:30 BST
        }),
      );
      // Our answer, sent from the network's own app on Tuesday 09:30 BST, is the first response.
      await ingestOne(
        item('Bydd y ffordd ar agor ddydd Iau.', {
          fromAccount: true,
          threadKey: asked.messageId,
          inReplyToExternalId: (
            await db.query(`SELECT external_id FROM message WHERE id = $1`, [asked.messageId])
          )[0].external_id,
          createdAt: new Date('2026-05-26T08:30:00Z'),
        }),
      );
      const detail = (await responder.get(`${base}/conversations/${asked.conversationId}`).expect(200)).body;
      expect(detail.firstResponseSeconds).toBe(3 * 86400 + 17 * 3600); // Friday 16:30 to Tuesday 09:30
      expect(detail.firstResponseOfficeSeconds).toBe(3600); // 30 minutes on Friday, 30 on Tuesday

      await put(responder, `${base}/conversations/${asked.conversationId}/status`, {
        status: 'closed',
      }).expect(200);
      const closed = (await responder.get(`${base}/conversations/${asked.conversationId}`).expect(200)).body;
      expect(closed.resolutionOfficeSeconds).toBeGreaterThan(3600);
      expect(closed.resolutionOfficeSeconds).toBeLessThan(closed.resolutionSeconds);
      const [stored] = await db.query(
        `SELECT first_response_seconds, first_response_office_seconds, resolution_seconds, resolution_office_seconds
           FROM conversation_measure WHERE conversation_id = $1`,
        [asked.conversationId],
      );
      expect(stored).toMatchObject({
        first_response_seconds: 3 * 86400 + 17 * 3600,
        first_response_office_seconds: 3600,
      });
      expect(stored.resolution_office_seconds).toBe(closed.resolutionOfficeSeconds);

      const window = 'from=2026-05-18T00:00:00Z&to=2026-06-01T00:00:00Z';
      const byWeek = (
        await responder.get(`${base}/reports/response-times?${window}&groupBy=week`).expect(200)
      ).body;
      expect(byWeek.timeZone).toBe('Europe/London');
      expect(byWeek.rows).toEqual([
        expect.objectContaining({
          key: '2026-05-18',
          label: 'Week of 18 May 2026',
          conversations: 1,
          answered: 1,
          resolved: 1,
          medianFirstResponseSeconds: 3 * 86400 + 17 * 3600,
          medianFirstResponseOfficeSeconds: 3600,
        }),
      ]);
      const byLanguage = (
        await responder.get(`${base}/reports/response-times?${window}&groupBy=language`).expect(200)
      ).body;
      expect(byLanguage.rows).toEqual([
        expect.objectContaining({ key: 'cy', label: 'Welsh', conversations: 1 }),
      ]);
      const byChannel = (
        await responder.get(`${base}/reports/response-times?${window}&groupBy=channel`).expect(200)
      ).body;
      expect(byChannel.rows).toEqual([
        expect.objectContaining({ key: x.channel.id, label: `@${x.channel.handle}` }),
      ]);
      const byPerson = (
        await responder.get(`${base}/reports/response-times?${window}&groupBy=assignee`).expect(200)
      ).body;
      expect(byPerson.rows).toEqual([expect.objectContaining({ key: null, label: 'Nobody (unassigned)' })]);

      const backwards = await responder
        .get(`${base}/reports/response-times?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z`)
        .expect(400);
      expect(backwards.body.message).toMatch(/start must be before its end/);
    });
  });
});
