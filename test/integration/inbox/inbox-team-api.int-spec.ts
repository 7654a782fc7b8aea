import { randomUUID } from 'node:crypto';
import { ChannelVault } from '@outside-in/channels';
import type { Channel } from '@outside-in/database';
import { InboxIngestor } from '@outside-in/inbox';
import type { InboundItem } from '@outside-in/platforms';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../support/api-client';
import { insertChannel } from '../../support/inbox-fixtures';

/**
 * The team's lists beside the inbox views (tags in use, replies waiting for an approver) and automatic
 * round-robin: an admin turns it on for every channel or chosen ones, and ingestion then gives each new
 * conversation from the public to the next person who opted in, in turn, never a viewer, never twice at once.
 */
describe('inbox team API: tags, replies awaiting approval, automatic round-robin', () => {
  let api: TestApi;
  let db: DataSource;
  let ingestor: InboxIngestor;
  let owner: SignedInClient;
  let admin: SignedInClient;
  let responder: SignedInClient;
  let editor: SignedInClient;
  let viewer: SignedInClient;
  let outsider: SignedInClient;
  let x: Channel;
  let mastodon: Channel;
  let base: string;

  const put = (client: SignedInClient, path: string, body: object) =>
    client.agent.put(path).set('x-csrf-token', client.session.csrfToken).send(body);

  function mention(text: string, overrides: Partial<InboundItem> = {}): InboundItem {
    const id = randomUUID();
    return {
      externalId: id,
      kind: 'mention',
      threadKey: id,
      author: {
        externalId: `citizen-${randomUUID().slice(0, 8)}`,
        handle: 'citizen',
        displayName: 'Cai',
        profileUrl: 'https://x.example/citizen',
      },
      text,
      createdAt: new Date(),
      fromAccount: false,
      raw: { id },
      ...overrides,
    };
  }

  async function conversationOf(externalId: string): Promise<{ id: string; assignee_id: string | null }> {
    const [row] = (await db.query(
      `SELECT c.id, c.assignee_id FROM conversation c JOIN message m ON m.conversation_id = c.id
        WHERE m.external_id = $1`,
      [externalId],
    )) as Array<{ id: string; assignee_id: string | null }>;
    return row;
  }

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ingestor = api.app.get(InboxIngestor);
    owner = await signUp(api);
    base = `/api/orgs/${owner.orgId}/inbox`;
    admin = await addMember(api, owner.orgId, 'admin');
    responder = await addMember(api, owner.orgId, 'responder');
    editor = await addMember(api, owner.orgId, 'editor');
    viewer = await addMember(api, owner.orgId, 'viewer');
    outsider = await signUp(api);
    const vault = api.app.get(ChannelVault);
    const channel = (network: string) =>
      insertChannel(db, vault, {
        organisationId: owner.orgId,
        network,
        externalAccountId: randomUUID(),
        handle: `council-${network}`,
        baseUrl: 'http://127.0.0.1:9/unused',
        credentials: { accessToken: 'unused' },
      });
    x = await channel('x');
    mastodon = await channel('mastodon');
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('lists the tags in use with open and total counts, and lists a tag’s conversations', async () => {
    const a = mention('Pothole on the High Street');
    const b = mention('Another pothole, by the school');
    await ingestor.ingest(x.id, [a, b]);
    const first = await conversationOf(a.externalId);
    const second = await conversationOf(b.externalId);
    await put(owner, `${base}/conversations/${first.id}/tags`, { tags: ['Roads', 'potholes'] }).expect(200);
    await put(owner, `${base}/conversations/${second.id}/tags`, { tags: ['roads'] }).expect(200);
    await put(owner, `${base}/conversations/${second.id}/status`, { status: 'closed' }).expect(200);

    const tags = (await viewer.get(`${base}/tags`).expect(200)).body as {
      items: Array<{ tag: string; open: number; total: number }>;
    };
    expect(tags.items).toEqual([
      { tag: 'potholes', open: 1, total: 1 },
      { tag: 'roads', open: 1, total: 2 },
    ]);
    const roads = (await viewer.get(`${base}/conversations?view=tag&tag=roads`).expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(roads.items.map((i) => i.id)).toEqual([first.id]);
    const closedRoads = (
      await viewer.get(`${base}/conversations?view=tag&tag=roads&status=closed`).expect(200)
    ).body as { items: Array<{ id: string }> };
    expect(closedRoads.items.map((i) => i.id)).toEqual([second.id]);

    // Another organisation sees none of them.
    expect((await outsider.get(`/api/orgs/${outsider.orgId}/inbox/tags`).expect(200)).body.items).toEqual([]);
    await outsider.get(`${base}/tags`).expect(403);
  });

  it('queues replies waiting for an approver, oldest first, paged by cursor, and drops them once approved', async () => {
    const item = mention('When is the library open?');
    await ingestor.ingest(x.id, [item]);
    const conversation = await conversationOf(item.externalId);
    const written: string[] = [];
    for (const text of ['We open at nine.', 'And on Sundays at ten.']) {
      const reply = await responder
        .post(`${base}/conversations/${conversation.id}/replies`, { text })
        .expect(201);
      expect(reply.body.outbound.state).toBe('pending_approval');
      written.push(reply.body.messageId as string);
    }
    const queue = (await viewer.get(`${base}/replies/awaiting-approval`).expect(200)).body as {
      items: Array<{
        messageId: string;
        conversationId: string;
        body: string;
        author: { id: string } | null;
        approvalReason: string | null;
        approverRoles: string[];
        contact: { handle: string } | null;
        channel: { id: string };
      }>;
      nextCursor: string | null;
    };
    expect(queue.items.map((i) => i.messageId)).toEqual(written);
    expect(queue.items[0]).toMatchObject({
      conversationId: conversation.id,
      body: 'We open at nine.',
      author: { id: responder.userId },
      contact: { handle: 'citizen' },
      channel: { id: x.id },
    });
    expect(queue.items[0].approvalReason).toEqual(expect.any(String));
    expect(queue.nextCursor).toBeNull();

    await owner.post(`${base}/replies/${written[0]}/approve`).expect(200);
    const after = (await viewer.get(`${base}/replies/awaiting-approval`).expect(200)).body as {
      items: Array<{ messageId: string }>;
    };
    expect(after.items.map((i) => i.messageId)).toEqual([written[1]]);
    await viewer.get(`${base}/replies/awaiting-approval?cursor=not-a-cursor`).expect(400);
  });

  it('lets only owners and admins turn automatic round-robin on, for known channels, and audits it', async () => {
    expect((await viewer.get(`${base}/round-robin/automatic`).expect(200)).body).toEqual({
      everyChannel: false,
      channelIds: [],
    });
    await put(responder, `${base}/round-robin/automatic`, { everyChannel: true, channelIds: [] }).expect(403);
    await put(editor, `${base}/round-robin/automatic`, { everyChannel: true, channelIds: [] }).expect(403);
    const unknown = await put(admin, `${base}/round-robin/automatic`, {
      everyChannel: false,
      channelIds: [randomUUID()],
    }).expect(400);
    expect(unknown.body.message).toMatch(/channels of this organisation/);
    await put(admin, `${base}/round-robin/automatic`, { everyChannel: 'yes', channelIds: [] }).expect(400);

    const saved = await put(admin, `${base}/round-robin/automatic`, {
      everyChannel: false,
      channelIds: [x.id],
    }).expect(200);
    expect(saved.body).toEqual({ everyChannel: false, channelIds: [x.id] });
    const [audit] = (await db.query(
      `SELECT summary FROM audit_event WHERE organisation_id = $1 AND action = 'inbox.round_robin_changed'`,
      [owner.orgId],
    )) as Array<{ summary: { to: { channelIds: string[] } } }>;
    expect(audit.summary.to.channelIds).toEqual([x.id]);
  });

  it('gives new conversations on a round-robin channel in turn to those who opted in, and leaves others alone', async () => {
    await put(responder, `${base}/round-robin/me`, { optedIn: true }).expect(200);
    await put(editor, `${base}/round-robin/me`, { optedIn: true }).expect(200);
    await put(viewer, `${base}/round-robin/me`, { optedIn: true }).expect(403);

    // Four new conversations in one batch on X (round-robin on): responder, editor, responder, editor.
    const items = [1, 2, 3, 4].map((n) =>
      mention(`Bin not collected, number ${n}`, { createdAt: new Date(Date.now() + n * 1000) }),
    );
    await ingestor.ingest(x.id, items);
    const assignees = await Promise.all(
      items.map(async (i) => (await conversationOf(i.externalId)).assignee_id),
    );
    expect(assignees).toEqual([responder.userId, editor.userId, responder.userId, editor.userId]);

    // The turn carries across batches; a repeat of a stored item changes nothing.
    const next = mention('Streetlight out');
    await ingestor.ingest(x.id, [next, items[0]]);
    expect((await conversationOf(next.externalId)).assignee_id).toBe(responder.userId);
    expect((await conversationOf(items[0].externalId)).assignee_id).toBe(responder.userId);

    // A reply in an existing thread is not a new conversation: it keeps its assignee.
    const answer = mention('It is still out', {
      inReplyToExternalId: next.externalId,
      threadKey: next.threadKey,
    });
    await ingestor.ingest(x.id, [answer]);
    expect((await conversationOf(answer.externalId)).id).toBe((await conversationOf(next.externalId)).id);
    expect((await conversationOf(answer.externalId)).assignee_id).toBe(responder.userId);

    // Mastodon is not chosen: its new conversations stay unassigned, until round-robin covers every channel.
    const quiet = mention('Toot about the park');
    await ingestor.ingest(mastodon.id, [quiet]);
    expect((await conversationOf(quiet.externalId)).assignee_id).toBeNull();
    await put(owner, `${base}/round-robin/automatic`, { everyChannel: true, channelIds: [] }).expect(200);
    const loud = mention('Toot about the pool');
    await ingestor.ingest(mastodon.id, [loud]);
    expect((await conversationOf(loud.externalId)).assignee_id).toBe(editor.userId);

    // Someone made a viewer is skipped; the assignment is in the audit log as automatic.
    await db.query(`UPDATE membership SET role = 'viewer' WHERE organisation_id = $1 AND user_id = $2`, [
      owner.orgId,
      editor.userId,
    ]);
    const two = [mention('One'), mention('Two')];
    await ingestor.ingest(mastodon.id, two);
    for (const each of two)
      expect((await conversationOf(each.externalId)).assignee_id).toBe(responder.userId);
    const [{ n }] = (await db.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE organisation_id = $1 AND action = 'inbox.assigned' AND (summary->>'automatic')::boolean`,
      [owner.orgId],
    )) as Array<{ n: number }>;
    expect(n).toBe(8);
  });
});
