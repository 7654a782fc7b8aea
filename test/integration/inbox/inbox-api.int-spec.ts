import { randomUUID } from 'node:crypto';
import { ChannelVault } from '@outside-in/channels';
import { Channel } from '@outside-in/database';
import { ChannelPoller, InboxIngestor, ReplySender, replySettleJobId } from '@outside-in/inbox';
import { JobQueue, QueueName } from '@outside-in/queue';
import type { InboundItem } from '@outside-in/platforms';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../support/api-client';
import { createSandboxChannel } from '../../support/channel-fixtures';
import { createFacebookChannel, MetaCredentials } from '../../support/inbox-fixtures';
import { SandboxAccountCredentials, startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { crowdBurst, injectFault, ledgerEntries } from '../platforms/support/sandbox-controls';

/**
 * The inbox API (issue 6) against real Postgres, Redis and the sandbox: views and keyset pages, search ranking,
 * working a conversation, replies delivered exactly once (also after commit-then-drop and when the echo wins the
 * race), the approval policy, hiding a Facebook comment, and permissions.
 */
describe('inbox API', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let db: DataSource;
  let owner: SignedInClient;
  let approver: SignedInClient;
  let responder: SignedInClient;
  let viewer: SignedInClient;
  let outsider: SignedInClient;
  let x: { channel: Channel; account: SandboxAccountCredentials };
  let sender: ReplySender;
  let base: string;

  const put = (client: SignedInClient, path: string, body: object) =>
    client.agent.put(path).set('x-csrf-token', client.session.csrfToken).send(body);

  /** A citizen's mention on the X channel, ingested as the poller or a webhook would. */
  function mention(text: string, overrides: Partial<InboundItem> = {}): InboundItem {
    const id = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
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

  /** Polls the X channel until the query finds the row (an X poll round sweeps mentions and DMs in turns). */
  async function storedAfterPolls(sql: string, params: unknown[]): Promise<Record<string, string>> {
    const poller = api.app.get(ChannelPoller);
    for (let i = 0; i < 20; i++) {
      const [row] = (await db.query(sql, params)) as Array<Record<string, string>>;
      if (row) return row;
      const outcome = await poller.poll(x.channel.id);
      if (outcome.outcome !== 'polled') await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Never stored: ${JSON.stringify(params)}`);
  }

  async function pollUntilQuiet(channelId: string): Promise<void> {
    const poller = api.app.get(ChannelPoller);
    for (let i = 0; i < 10; i++) if ((await poller.poll(channelId)).inserted === 0) return;
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi();
    db = api.app.get(DataSource);
    sender = api.app.get(ReplySender);
    owner = await signUp(api);
    base = `/api/orgs/${owner.orgId}/inbox`;
    approver = await addMember(api, owner.orgId, 'approver');
    responder = await addMember(api, owner.orgId, 'responder');
    viewer = await addMember(api, owner.orgId, 'viewer');
    outsider = await signUp(api);
    x = await createSandboxChannel(db, api.app.get(ChannelVault), sandbox, owner.orgId, 'x');
    await crowdBurst(sandbox, 'x', [x.account.accountId], 12, `inbox-api-${randomUUID()}`);
    await pollUntilQuiet(x.channel.id);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  it('pages every view by keyset without repeats, and counts agree', async () => {
    const [{ open }] = await db.query(
      `SELECT count(*)::int AS open FROM conversation WHERE organisation_id = $1 AND status = 'open'`,
      [owner.orgId],
    );
    expect(open).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await viewer
        .get(`${base}/conversations?view=open&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      const page = response.body as {
        items: Array<{ id: string; lastMessageAt: string }>;
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toHaveLength(open);
    expect(new Set(seen).size).toBe(open);

    const first = (await viewer.get(`${base}/conversations?view=open&limit=50`).expect(200)).body;
    const item = first.items[0];
    expect(item.channel).toMatchObject({ id: x.channel.id, network: 'x' });
    expect(item.contact).toMatchObject({ network: 'x' });
    expect(typeof item.preview).toBe('string');
    expect(item.waitingSince).not.toBeNull();
    const times = first.items.map((i: { lastMessageAt: string }) => new Date(i.lastMessageAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const counts = (await viewer.get(`${base}/counts`).expect(200)).body;
    expect(counts).toMatchObject({ open, unassigned: open, mine: 0 });

    await viewer.get(`${base}/conversations?view=open&cursor=not-a-cursor`).expect(400);
    await viewer.get(`${base}/conversations?view=channel`).expect(400);
    const byChannel = (
      await viewer.get(`${base}/conversations?view=channel&channelId=${x.channel.id}&limit=100`)
    ).body;
    expect(byChannel.items).toHaveLength(open);
  });

  it('ranks search results: more matches first, and finds contacts by name', async () => {
    const ingestor = api.app.get(InboxIngestor);
    const word = `pothole${randomUUID().slice(0, 6)}`;
    await ingestor.ingest(x.channel.id, [
      mention(`There is a ${word} on the high street`),
      mention(`${word} ${word} ${word}: the ${word} by the school is dangerous`, {
        author: { externalId: 'p-owen', handle: 'parent_owen', displayName: 'Owen Parent', profileUrl: '' },
      }),
      mention('Nothing to see here'),
    ]);
    const result = (await viewer.get(`${base}/search?q=${word}`).expect(200)).body;
    expect(result.messages).toHaveLength(2);
    expect(result.messages[0].body).toContain('dangerous');
    expect(result.messages[0].rank).toBeGreaterThan(result.messages[1].rank);
    const people = (await viewer.get(`${base}/search?q=parent_owen`).expect(200)).body;
    expect(people.contacts.map((c: { handle: string }) => c.handle)).toContain('parent_owen');
    await viewer.get(`${base}/search`).expect(400);
  });

  it('assigns, snoozes and wakes, tags, notes with @mentions that notify, all audited where it matters', async () => {
    const [{ id }] = await db.query(
      `SELECT id FROM conversation WHERE channel_id = $1 AND status = 'open' ORDER BY last_message_at DESC LIMIT 1`,
      [x.channel.id],
    );
    const conversation = `${base}/conversations/${id}`;
    await put(viewer, `${conversation}/assignee`, { assigneeId: responder.userId }).expect(403);
    await put(responder, `${conversation}/assignee`, { assigneeId: viewer.userId }).expect(400);
    const assigned = await put(responder, `${conversation}/assignee`, {
      assigneeId: responder.userId,
    }).expect(200);
    expect(assigned.body.assignee).toEqual({ id: responder.userId, name: 'Test responder' });
    expect((await responder.get(`${base}/counts`)).body.mine).toBe(1);
    const mine = (await responder.get(`${base}/conversations?view=mine`).expect(200)).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([id]);

    await put(responder, `${conversation}/status`, { status: 'snoozed' }).expect(400);
    await put(responder, `${conversation}/status`, {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() - 1000).toISOString(),
    }).expect(400);
    const until = new Date(Date.now() + 60_000);
    await put(responder, `${conversation}/status`, {
      status: 'snoozed',
      snoozedUntil: until.toISOString(),
    }).expect(200);
    const snoozed = (await viewer.get(`${base}/conversations?view=snoozed`).expect(200)).body;
    expect(snoozed.items.map((i: { id: string }) => i.id)).toContain(id);
    const woken = await sender.reconcile(new Date(until.getTime() + 1000));
    expect(woken.woken).toBe(1);
    expect((await viewer.get(conversation).expect(200)).body.status).toBe('open');

    const tagged = await put(responder, `${conversation}/tags`, {
      tags: ['Bins', 'street lights', 'bins'],
    }).expect(200);
    expect(tagged.body.tags).toEqual(['bins', 'street-lights']);
    const byTag = (await viewer.get(`${base}/conversations?view=tag&tag=bins`).expect(200)).body;
    expect(byTag.items.map((i: { id: string }) => i.id)).toEqual([id]);
    await put(responder, `${conversation}/priority`, { priority: 'urgent' }).expect(200);
    // The crowd's safeguarding messages (when the seed sends any) are urgent too, made so on ingest.
    const bySafeguarding = (
      await db.query(
        `SELECT id FROM conversation WHERE organisation_id = $1 AND status = 'open' AND safeguarding_flagged_at IS NOT NULL AND id <> $2`,
        [owner.orgId, id],
      )
    ).map((row: { id: string }) => row.id);
    expect(
      (await viewer.get(`${base}/conversations?view=flagged`)).body.items
        .map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([id, ...bySafeguarding].sort());

    const note = await responder
      .post(`${conversation}/notes`, {
        body: 'Approver, can you check this?',
        mentionedUserIds: [approver.userId],
      })
      .expect(201);
    expect(note.body.mentioned).toEqual([{ id: approver.userId, name: 'Test approver' }]);
    await responder
      .post(`${conversation}/notes`, { body: 'x', mentionedUserIds: [outsider.userId] })
      .expect(400);
    const notifications = (await approver.get(`/api/orgs/${owner.orgId}/notifications`).expect(200)).body;
    expect(
      notifications.items.find((n: { kind: string }) => n.kind === 'inbox.mentioned')?.message,
    ).toContain(id);
    const detail = (await viewer.get(conversation).expect(200)).body;
    expect(detail.timeline.filter((t: { type: string }) => t.type === 'note')).toHaveLength(1);
    expect(detail.contactPanel.conversations.map((c: { id: string }) => c.id)).toContain(id);

    await put(responder, `${conversation}/status`, { status: 'closed' }).expect(200);
    expect((await viewer.get(conversation)).body.resolvedAt).not.toBeNull();
    const audit = await db.query(
      `SELECT action FROM audit_event WHERE organisation_id = $1 AND subject_id = $2 ORDER BY seq`,
      [owner.orgId, id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'inbox.assigned',
      'inbox.status_changed',
      'inbox.status_changed',
    ]);
  });

  it('round-robin gives conversations in turn to the people who opted in', async () => {
    const ids = (
      await db.query(
        `SELECT id FROM conversation WHERE channel_id = $1 AND status = 'open' AND assignee_id IS NULL
          ORDER BY last_message_at DESC LIMIT 3`,
        [x.channel.id],
      )
    ).map((r: { id: string }) => r.id);
    await put(responder, `${base}/conversations/${ids[0]}/assignee`, { roundRobin: true }).expect(409);
    await put(viewer, `${base}/round-robin/me`, { optedIn: true }).expect(403);
    await put(responder, `${base}/round-robin/me`, { optedIn: true }).expect(200);
    const policy = await put(approver, `${base}/round-robin/me`, { optedIn: true }).expect(200);
    expect(policy.body.roundRobin.map((p: { id: string }) => p.id)).toEqual([
      responder.userId,
      approver.userId,
    ]);
    const given: string[] = [];
    for (const id of ids)
      given.push(
        (await put(owner, `${base}/conversations/${id}/assignee`, { roundRobin: true }).expect(200)).body
          .assignee.id,
      );
    expect(given).toEqual([responder.userId, approver.userId, responder.userId]);
    await put(approver, `${base}/round-robin/me`, { optedIn: false }).expect(200);
    expect((await viewer.get(`${base}/policy`).expect(200)).body.roundRobin).toEqual([
      { id: responder.userId, name: 'Test responder' },
    ]);
  });

  it('bulk-closes and tags in one go, and keeps other organisations out', async () => {
    const ids = (
      await db.query(`SELECT id FROM conversation WHERE channel_id = $1 AND status = 'open' LIMIT 3`, [
        x.channel.id,
      ])
    ).map((r: { id: string }) => r.id);
    const stranger = randomUUID();
    const tagged = await responder
      .post(`${base}/conversations/bulk`, { ids: [...ids, stranger], action: 'tag', tag: 'bulk' })
      .expect(200);
    expect(tagged.body).toEqual({ changed: 3, notFound: [stranger] });
    await responder.post(`${base}/conversations/bulk`, { ids, action: 'close' }).expect(200);
    const rows = await db.query(`SELECT status, tags FROM conversation WHERE id = ANY($1::uuid[])`, [ids]);
    expect(
      rows.every((r: { status: string; tags: string[] }) => r.status === 'closed' && r.tags.includes('bulk')),
    ).toBe(true);
    await viewer.post(`${base}/conversations/bulk`, { ids, action: 'close' }).expect(403);

    // Another organisation: its own routes do not show ours; ours refuse its people.
    await outsider.get(`${base}/conversations`).expect(403);
    await outsider.get(`/api/orgs/${outsider.orgId}/inbox/conversations/${ids[0]}`).expect(404);
    expect(
      (await outsider.get(`/api/orgs/${outsider.orgId}/inbox/conversations`).expect(200)).body.items,
    ).toEqual([]);
    await outsider
      .post(`/api/orgs/${outsider.orgId}/inbox/conversations/bulk`, { ids, action: 'close' })
      .expect(200)
      .expect(({ body }) => expect(body.changed).toBe(0));
  });

  it('canned replies fill their variables', async () => {
    const created = await responder
      .post(`${base}/canned-replies`, {
        title: `Thanks ${randomUUID().slice(0, 4)}`,
        body: 'Hello {{contact.name}}, {{agent.name}} from {{organisation.name}} here. {{unknown}}',
      })
      .expect(201);
    const [{ id }] = await db.query(`SELECT id FROM conversation WHERE channel_id = $1 LIMIT 1`, [
      x.channel.id,
    ]);
    const rendered = await responder
      .post(`${base}/canned-replies/${created.body.id}/render`, { conversationId: id })
      .expect(200);
    expect(rendered.body.text).toMatch(/^Hello .+, Test responder from .+ here\. \{\{unknown\}\}$/);
    await viewer.post(`${base}/canned-replies`, { title: 'No', body: 'No' }).expect(403);
    await responder.post(`${base}/canned-replies`, { title: created.body.title, body: 'again' }).expect(409);
  });

  describe('replies', () => {
    let citizen: SandboxAccountCredentials<Record<string, string>>;
    beforeAll(async () => {
      citizen = await sandbox.createAccount<Record<string, string>>('x');
    });

    /** A citizen's real tweet mentioning the channel on the sandbox, polled into its own conversation. */
    async function citizenThread(text = 'When will the bins be collected?') {
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
      const row = await storedAfterPolls(
        `SELECT conversation_id FROM message WHERE channel_id = $1 AND external_id = $2`,
        [x.channel.id, data.id],
      );
      return { conversationId: row.conversation_id as string, citizenId: data.id };
    }
    const replies = () => ledgerEntries(sandbox, { network: 'x', accountId: x.account.accountId });
    const repliesTo = async (parentId: string) => (await replies()).filter((e) => e.parentId === parentId);

    it('goes out once, threaded under the citizen, and records the first response', async () => {
      const { conversationId, citizenId } = await citizenThread();
      const text = `Thanks, the crew is on the way ${randomUUID().slice(0, 6)}`;
      const created = await owner
        .post(`${base}/conversations/${conversationId}/replies`, { text })
        .expect(201);
      expect(created.body.outbound.state).toBe('approved');
      const { messageId } = created.body;
      await viewer.post(`${base}/conversations/${conversationId}/replies`, { text }).expect(403);

      const outcome = await sender.deliver(messageId);
      expect(outcome).toMatchObject({ kind: 'sent', settledByReadBack: false });
      expect(await sender.deliver(messageId)).toMatchObject({ kind: 'skipped' });
      const onNetwork = await repliesTo(citizenId);
      expect(onNetwork).toHaveLength(1);
      expect(onNetwork[0].content).toBe(text);

      const detail = (await viewer.get(`${base}/conversations/${conversationId}`).expect(200)).body;
      const ours = detail.timeline.find((t: { id: string }) => t.id === messageId);
      expect(ours).toMatchObject({ direction: 'out', externalId: onNetwork[0].objectId });
      expect(ours.outbound).toMatchObject({ state: 'sent', mode: 'public', error: null });
      expect(detail.firstResponseAt).not.toBeNull();
      expect(detail.firstResponseSeconds).toBeGreaterThanOrEqual(0);
      expect(detail.waitingSince).toBeNull();
    });

    it('answers a direct message with a direct message, once', async () => {
      const words = `Can I pay my council tax in instalments? ${randomUUID().slice(0, 6)}`;
      const dm = await fetch(`${sandbox.url}/x/2/dm_conversations/with/${x.account.accountId}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${citizen.credentials.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ text: words }),
      });
      expect(dm.status).toBe(201);
      const row = await storedAfterPolls(
        `SELECT m.conversation_id, c.kind FROM message m JOIN conversation c ON c.id = m.conversation_id
          WHERE m.channel_id = $1 AND m.body = $2`,
        [x.channel.id, words],
      );
      expect(row.kind).toBe('direct');
      const text = `Yes: ten monthly payments ${randomUUID().slice(0, 6)}`;
      const created = await owner
        .post(`${base}/conversations/${row.conversation_id}/replies`, { text })
        .expect(201);
      expect(created.body.outbound.mode).toBe('direct');
      expect(await sender.deliver(created.body.messageId)).toMatchObject({ kind: 'sent' });
      const sent = (await replies()).filter((e) => e.kind === 'dm' && e.content === text);
      expect(sent).toHaveLength(1);
    });

    it('settles a commit-then-drop on a direct message by reading the conversation back', async () => {
      const words = `Is my bin day changing? ${randomUUID().slice(0, 6)}`;
      await fetch(`${sandbox.url}/x/2/dm_conversations/with/${x.account.accountId}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${citizen.credentials.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ text: words }),
      });
      const row = await storedAfterPolls(
        `SELECT conversation_id FROM message WHERE channel_id = $1 AND body = $2`,
        [x.channel.id, words],
      );
      const text = `From next week it is Tuesday ${randomUUID().slice(0, 6)}`;
      const { messageId } = (
        await owner.post(`${base}/conversations/${row.conversation_id}/replies`, { text }).expect(201)
      ).body;
      await injectFault(sandbox, {
        network: 'x',
        route: '^POST /x/2/dm_conversations/with/[^/]+/messages$',
        accountId: x.account.accountId,
        count: 1,
        action: { kind: 'commit-then-drop' },
      });
      expect(await sender.deliver(messageId)).toEqual({ kind: 'unknown' });
      const [claim] = await db.query(`SELECT claim_token FROM outbound_reply WHERE message_id = $1`, [
        messageId,
      ]);
      expect(await sender.settle(messageId, claim.claim_token)).toMatchObject({
        kind: 'sent',
        settledByReadBack: true,
      });
      expect((await replies()).filter((e) => e.kind === 'dm' && e.content === text)).toHaveLength(1);
    });

    it('settles a commit-then-drop by reading back: one reply on the network', async () => {
      const { conversationId, citizenId } = await citizenThread('Streetlight out on Elm Road');
      const text = `Reported to the lighting team ${randomUUID().slice(0, 6)}`;
      const { messageId } = (
        await owner.post(`${base}/conversations/${conversationId}/replies`, { text }).expect(201)
      ).body;
      await injectFault(sandbox, {
        network: 'x',
        route: '^POST /x/2/tweets$',
        accountId: x.account.accountId,
        count: 1,
        action: { kind: 'commit-then-drop' },
      });
      expect(await sender.deliver(messageId)).toEqual({ kind: 'unknown' });
      const [claim] = await db.query(
        `SELECT claim_token, outcome FROM outbound_reply WHERE message_id = $1`,
        [messageId],
      );
      expect(claim.outcome).toBe('unknown');
      expect(await sender.deliver(messageId)).toMatchObject({ kind: 'skipped' });
      // A claim nobody renewed (its worker died) is handed to a settle job by the reconciler.
      await db.query(
        `UPDATE outbound_reply SET claimed_at = now() - interval '2 minutes' WHERE message_id = $1`,
        [messageId],
      );
      expect((await sender.reconcile()).settling).toBeGreaterThanOrEqual(1);
      const queued = await api.app
        .get(JobQueue)
        .queue(QueueName.Inbox)
        .getJob(replySettleJobId(messageId, claim.claim_token));
      expect(queued?.data).toEqual({ messageId, claimToken: claim.claim_token });
      const settled = await sender.settle(messageId, claim.claim_token);
      expect(settled).toMatchObject({ kind: 'sent', settledByReadBack: true });
      const onNetwork = await repliesTo(citizenId);
      expect(onNetwork).toHaveLength(1);
      const [row] = await db.query(`SELECT external_id, outbound_state FROM message WHERE id = $1`, [
        messageId,
      ]);
      expect(row).toEqual({ external_id: onNetwork[0].objectId, outbound_state: 'sent' });
    });

    it('takes over the echo of our reply when it was stored first', async () => {
      const { conversationId, citizenId } = await citizenThread('Is the pool open?');
      const text = `Yes, until 8pm today ${randomUUID().slice(0, 6)}`;
      const { messageId } = (
        await owner.post(`${base}/conversations/${conversationId}/replies`, { text }).expect(201)
      ).body;
      await injectFault(sandbox, {
        network: 'x',
        route: '^POST /x/2/tweets$',
        accountId: x.account.accountId,
        count: 1,
        action: { kind: 'commit-then-drop' },
      });
      expect(await sender.deliver(messageId)).toEqual({ kind: 'unknown' });
      const [sent] = await repliesTo(citizenId);
      // The echo arrives (polling or a webhook) before the outcome is settled.
      const echo = await api.app.get(InboxIngestor).ingest(x.channel.id, [
        mention(text, {
          externalId: sent.objectId,
          kind: 'reply',
          inReplyToExternalId: citizenId,
          fromAccount: true,
          author: {
            externalId: x.account.accountId,
            handle: x.channel.handle,
            displayName: 'Us',
            profileUrl: '',
          },
          raw: { echoed: true },
        }),
      ]);
      expect(echo.echoes).toBe(1);
      const [claim] = await db.query(`SELECT claim_token FROM outbound_reply WHERE message_id = $1`, [
        messageId,
      ]);
      expect(await sender.settle(messageId, claim.claim_token)).toMatchObject({
        kind: 'sent',
        adoptedEcho: true,
      });
      const rows = await db.query(
        `SELECT id, outbound_state, raw FROM message WHERE channel_id = $1 AND external_id = $2`,
        [x.channel.id, sent.objectId],
      );
      expect(rows).toEqual([{ id: messageId, outbound_state: 'sent', raw: { echoed: true } }]);
      expect(await repliesTo(citizenId)).toHaveLength(1);
      // A later echo of the same reply is a duplicate.
      const again = await api.app
        .get(InboxIngestor)
        .ingest(x.channel.id, [
          mention(text, { externalId: sent.objectId, fromAccount: true, inReplyToExternalId: citizenId }),
        ]);
      expect(again.duplicates).toBe(1);
    });

    it('a failed reply says why in words and can be retried', async () => {
      const { conversationId, citizenId } = await citizenThread('Parking permit question');
      const text = `Permits are renewed online ${randomUUID().slice(0, 6)}`;
      const { messageId } = (
        await owner.post(`${base}/conversations/${conversationId}/replies`, { text }).expect(201)
      ).body;
      await injectFault(sandbox, {
        network: 'x',
        route: '^POST /x/2/tweets$',
        accountId: x.account.accountId,
        count: 1,
        action: { kind: 'status', status: 503 },
      });
      const timings = sender.timings;
      sender.timings = { ...timings, maxAttempts: 1 };
      const failed = await sender.deliver(messageId).finally(() => (sender.timings = timings));
      expect(failed.kind).toBe('failed');
      const shown = (await owner.get(`${base}/conversations/${conversationId}`)).body.timeline.find(
        (t: { id: string }) => t.id === messageId,
      );
      expect(shown.outbound.state).toBe('failed');
      expect(shown.outbound.error).toMatch(/^The reply could not be sent: .+ Retry it\.$/);
      await owner.post(`${base}/replies/${messageId}/retry`).expect(200);
      expect(await sender.deliver(messageId)).toMatchObject({ kind: 'sent' });
      expect(await repliesTo(citizenId)).toHaveLength(1);
      await owner.post(`${base}/replies/${messageId}/retry`).expect(409);
    });

    it('waits for a rate limit to reset instead of sending early', async () => {
      const { conversationId, citizenId } = await citizenThread('Library hours?');
      const text = `Open 9 to 5 ${randomUUID().slice(0, 6)}`;
      const { messageId } = (
        await owner.post(`${base}/conversations/${conversationId}/replies`, { text }).expect(201)
      ).body;
      await injectFault(sandbox, {
        network: 'x',
        route: '^POST /x/2/tweets$',
        accountId: x.account.accountId,
        count: 1,
        action: { kind: 'status', status: 429, resetInSeconds: 600 },
      });
      try {
        const waiting = await sender.deliver(messageId);
        expect(waiting.kind).toBe('retry');
        const [row] = await db.query(
          `SELECT r.not_before, r.attempts, m.outbound_state FROM outbound_reply r JOIN message m ON m.id = r.message_id
            WHERE r.message_id = $1`,
          [messageId],
        );
        expect(row.outbound_state).toBe('approved');
        expect(row.attempts).toBe(0);
        expect(new Date(row.not_before).getTime()).toBeGreaterThan(Date.now() + 500_000);
        // Neither the reconciler nor a second job sends it before the reset; nothing reached the network.
        expect((await sender.reconcile()).queued).toBe(0);
        expect((await sender.deliver(messageId)).kind).toBe('retry');
        expect(await repliesTo(citizenId)).toHaveLength(0);
      } finally {
        await db.query(`UPDATE channel SET rate_limit = NULL WHERE id = $1`, [x.channel.id]);
      }
      await db.query(
        `UPDATE outbound_reply SET not_before = now() - interval '1 second' WHERE message_id = $1`,
        [messageId],
      );
      expect(await sender.deliver(messageId)).toMatchObject({ kind: 'sent' });
      expect(await repliesTo(citizenId)).toHaveLength(1);
    });

    it('follows the approval policy: responders need an approver, nobody approves their own', async () => {
      const { conversationId } = await citizenThread('Council tax question');
      const byResponder = await responder
        .post(`${base}/conversations/${conversationId}/replies`, { text: 'We will call you back' })
        .expect(201);
      expect(byResponder.body.outbound).toMatchObject({ state: 'pending_approval' });
      expect(byResponder.body.outbound.approvalReason).toMatch(/responder/);
      expect((await owner.get(`${base}/counts`)).body.awaitingApproval).toBeGreaterThanOrEqual(1);
      expect(await sender.deliver(byResponder.body.messageId)).toMatchObject({ kind: 'skipped' });
      await responder.post(`${base}/replies/${byResponder.body.messageId}/approve`).expect(403);
      const approved = await approver
        .post(`${base}/replies/${byResponder.body.messageId}/approve`)
        .expect(200);
      expect(approved.body.outbound).toMatchObject({
        state: 'approved',
        approvedBy: { id: approver.userId, name: 'Test approver' },
      });

      await put(owner, `${base}/policy`, { replyApprovalRoles: ['responder', 'approver'] }).expect(200);
      await put(responder, `${base}/policy`, { replyApprovalRoles: [] }).expect(403);
      const byApprover = await approver
        .post(`${base}/conversations/${conversationId}/replies`, { text: 'Approver writing' })
        .expect(201);
      expect(byApprover.body.outbound.state).toBe('pending_approval');
      await approver.post(`${base}/replies/${byApprover.body.messageId}/approve`).expect(403);
      await owner
        .post(`${base}/replies/${byApprover.body.messageId}/send-back`, { reason: 'Add the phone number' })
        .expect(200);
      const back = (await owner.get(`${base}/conversations/${conversationId}`)).body.timeline.find(
        (t: { id: string }) => t.id === byApprover.body.messageId,
      );
      expect(back.outbound).toMatchObject({
        state: 'draft',
        error: 'Sent back by Olivia Owen: Add the phone number',
      });
      // Its author changes it and submits it again: it waits for approval again; nobody else may change it.
      await put(owner, `${base}/replies/${byApprover.body.messageId}`, { text: 'Not mine' }).expect(403);
      const edited = await put(approver, `${base}/replies/${byApprover.body.messageId}`, {
        text: 'Call us on 029 2087 2087',
      }).expect(200);
      expect(edited.body.outbound.state).toBe('draft');
      const resubmitted = await approver
        .post(`${base}/replies/${byApprover.body.messageId}/submit`)
        .expect(200);
      expect(resubmitted.body.outbound.state).toBe('pending_approval');
      await owner.post(`${base}/replies/${byApprover.body.messageId}/approve`).expect(200);
      await put(approver, `${base}/replies/${byApprover.body.messageId}`, { text: 'Too late' }).expect(409);
      await put(owner, `${base}/policy`, { replyApprovalRoles: ['responder'] }).expect(200);
    });

    it('during a quiet period every reply needs approval by the period’s roles', async () => {
      const { conversationId } = await citizenThread('Who should I vote for?');
      const today = new Date().toISOString().slice(0, 10);
      await db.query(
        `INSERT INTO quiet_period (organisation_id, name, starts_on, ends_on, approver_roles, explainer_template)
         VALUES ($1, 'Local elections', $2::date - 1, $2::date + 1, '{admin}', 'We are in a quiet period.')`,
        [owner.orgId, today],
      );
      try {
        const reply = await owner
          .post(`${base}/conversations/${conversationId}/replies`, { text: 'We cannot advise on voting' })
          .expect(201);
        expect(reply.body.outbound).toMatchObject({ state: 'pending_approval', approverRoles: ['admin'] });
        expect(reply.body.outbound.approvalReason).toMatch(/Local elections/);
        await approver.post(`${base}/replies/${reply.body.messageId}/approve`).expect(403);
      } finally {
        await db.query(`DELETE FROM quiet_period WHERE organisation_id = $1`, [owner.orgId]);
      }
    });
  });

  it('reports first response and resolution times by channel, person and week', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const byChannel = (
      await viewer.get(`${base}/reports/response-times?from=${from}&to=${to}&groupBy=channel`).expect(200)
    ).body;
    const row = byChannel.rows.find((r: { key: string }) => r.key === x.channel.id);
    expect(row.label).toBe(`@${x.channel.handle}`);
    expect(row.answered).toBeGreaterThanOrEqual(3);
    expect(row.conversations).toBeGreaterThan(row.answered);
    expect(row.medianFirstResponseSeconds).toBeGreaterThanOrEqual(0);
    const byWeek = (await viewer.get(`${base}/reports/response-times?from=${from}&to=${to}&groupBy=week`))
      .body;
    expect(byWeek.rows[0].label).toMatch(/^Week of \d{1,2} [A-Z][a-z]+ \d{4}$/);
    const byPerson = (
      await viewer.get(`${base}/reports/response-times?from=${from}&to=${to}&groupBy=assignee`)
    ).body;
    expect(byPerson.rows.map((r: { label: string }) => r.label)).toContain('Test responder');
    await viewer.get(`${base}/reports/response-times?from=${to}&to=${from}`).expect(400);
    await viewer.get(`${base}/reports/response-times?from=yesterday&to=${to}`).expect(400);
  });

  it('hides a Facebook comment on the network with a recorded reason, keeping the original', async () => {
    const { channel, account } = await createFacebookChannel(
      db,
      api.app.get(ChannelVault),
      sandbox,
      owner.orgId,
      await sandbox.createAccount<MetaCredentials>('facebook'),
    );
    const page = account.credentials;
    const post = await fetch(
      `${sandbox.url}/meta/v24.0/${page.pageId}/feed?access_token=${page.pageAccessToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'The library reopens on Monday' }),
      },
    ).then((r) => r.json() as Promise<{ id: string }>);
    const { status } = await sandbox.control('POST', '/_sandbox/meta/inbound/comments', {
      objectId: post.id,
      message: 'You are all useless idiots',
      citizenKey: 'angry',
      citizenName: 'Angry Person',
    });
    expect(status).toBeLessThan(300);
    await pollUntilQuiet(channel.id);
    const [comment] = await db.query(
      `SELECT id, external_id, body FROM message WHERE channel_id = $1 AND direction = 'in'`,
      [channel.id],
    );
    expect(comment.body).toBe('You are all useless idiots');

    await responder.post(`${base}/messages/${comment.id}/hide`, {}).expect(400);
    await viewer.post(`${base}/messages/${comment.id}/hide`, { reason: 'Abusive to staff' }).expect(403);
    await responder.post(`${base}/messages/${comment.id}/hide`, { reason: 'Abusive to staff' }).expect(204);
    const onNetwork = await fetch(
      `${sandbox.url}/meta/v24.0/${comment.external_id}?fields=is_hidden&access_token=${page.pageAccessToken}`,
    ).then((r) => r.json() as Promise<{ is_hidden?: boolean }>);
    expect(onNetwork.is_hidden).toBe(true);
    const [stored] = await db.query(`SELECT body FROM message WHERE id = $1`, [comment.id]);
    expect(stored.body).toBe('You are all useless idiots');
    const [record] = await db.query(
      `SELECT action, reason, actor_id FROM message_moderation WHERE message_id = $1`,
      [comment.id],
    );
    expect(record).toEqual({ action: 'hide', reason: 'Abusive to staff', actor_id: responder.userId });
    const [audit] = await db.query(`SELECT action FROM audit_event WHERE subject_id = $1`, [comment.id]);
    expect(audit.action).toBe('inbox.comment_hidden');
    // Deleting needs an approver, owner or admin; the stored copy stays as evidence.
    await responder
      .post(`${base}/messages/${comment.id}/delete-on-network`, { reason: 'Threats' })
      .expect(403);
    await approver
      .post(`${base}/messages/${comment.id}/delete-on-network`, { reason: 'Threats' })
      .expect(204);
    const gone = await fetch(
      `${sandbox.url}/meta/v24.0/${comment.external_id}?fields=message&access_token=${page.pageAccessToken}`,
    );
    expect(gone.status).toBeGreaterThanOrEqual(400);
    expect((await db.query(`SELECT body FROM message WHERE id = $1`, [comment.id]))[0].body).toBe(
      'You are all useless idiots',
    );
    const shownAfter = (
      await viewer
        .get(
          `${base}/conversations/${(await db.query(`SELECT conversation_id FROM message WHERE id = $1`, [comment.id]))[0].conversation_id}`,
        )
        .expect(200)
    ).body;
    expect(
      shownAfter.timeline
        .find((t: { id: string }) => t.id === comment.id)
        .moderation.map((m: { action: string }) => m.action),
    ).toEqual(['hide', 'delete']);
    // X cannot hide replies through the API: said in words.
    const [xMessage] = await db.query(
      `SELECT id FROM message WHERE channel_id = $1 AND direction = 'in' LIMIT 1`,
      [x.channel.id],
    );
    const refused = await responder
      .post(`${base}/messages/${xMessage.id}/hide`, { reason: 'Spam' })
      .expect(409);
    expect(refused.body.message).toMatch(/does not let us hide/);
  });

  it('blurs messages matching the organisation’s abuse list, in the list and the thread', async () => {
    await db.query(
      `INSERT INTO organisation_setting (organisation_id, area, document) VALUES ($1, 'safeguarding', $2)
       ON CONFLICT (organisation_id, area) DO UPDATE SET document = EXCLUDED.document`,
      [owner.orgId, JSON.stringify({ abusePhrases: ['idiot*'] })],
    );
    const item = mention(`You idiots never fix anything ${randomUUID().slice(0, 4)}`);
    await api.app.get(InboxIngestor).ingest(x.channel.id, [item]);
    const [row] = await db.query(`SELECT id, conversation_id FROM message WHERE external_id = $1`, [
      item.externalId,
    ]);
    const detail = (await viewer.get(`${base}/conversations/${row.conversation_id}`).expect(200)).body;
    expect(detail.previewAbusive).toBe(true);
    expect(detail.timeline.find((t: { id: string }) => t.id === row.id).abusive).toBe(true);
    const polite = mention(`Thank you for fixing the lights ${randomUUID().slice(0, 4)}`);
    await api.app.get(InboxIngestor).ingest(x.channel.id, [polite]);
    const [other] = await db.query(`SELECT conversation_id FROM message WHERE external_id = $1`, [
      polite.externalId,
    ]);
    const list = (await viewer.get(`${base}/conversations?view=open&limit=100`)).body;
    const flagged = (conversationId: string) =>
      list.items.find((i: { id: string }) => i.id === conversationId).previewAbusive;
    expect(flagged(row.conversation_id)).toBe(true);
    expect(flagged(other.conversation_id)).toBe(false);
  });
});
