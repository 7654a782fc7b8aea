import { INestApplicationContext } from '@nestjs/common';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig, randomToken, sha256Hex } from '@outside-in/common';
import { InboxIngestor } from '@outside-in/inbox';
import { ALL_QUEUES, JobQueue } from '@outside-in/queue';
import { DataSource } from 'typeorm';
import { startWorker } from '../../../apps/worker/src/start-worker';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../support/api-client';
import { createSandboxChannel } from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
import { ledgerEntries } from '../platforms/support/sandbox-controls';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** An EventSource-like reader: connects with a session cookie and collects the events it receives. */
function openStream(
  url: string,
  cookie: string,
): Promise<{ events: SseEvent[]; status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const request = http.get(url, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
      });
      resolve({ events, status: response.statusCode ?? 0, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

async function waitFor<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  withinMs = 10_000,
): Promise<T> {
  const until = Date.now() + withinMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}

/**
 * Realtime across processes: two api instances on one database and one Redis (as behind a load balancer); a
 * screen connected to the second hears what happened through the first (a new message, an assignment, a note,
 * presence), and a worker on the same queue prefix sends a reply made through the api.
 */
describe('inbox realtime and delivery across processes', () => {
  let sandbox: TestSandbox;
  let api1: TestApi;
  let api2: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let owner: SignedInClient;
  let responder: SignedInClient;
  let viewer: SignedInClient;

  async function cookieFor(userId: string): Promise<string> {
    const token = randomToken();
    await db.query(
      `INSERT INTO session (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`,
      [sha256Hex(token), userId, randomToken(24)],
    );
    return `oi_session=${token}`;
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    api1 = await startApi();
    api2 = await startApi({ DATABASE_URL: api1.database.url, QUEUE_PREFIX: api1.config.QUEUE_PREFIX });
    worker = await startWorker(
      loadConfig({
        DATABASE_URL: api1.database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: api1.config.QUEUE_PREFIX,
        LOG_LEVEL: 'silent',
      }),
      { migrate: false },
    );
    db = api1.app.get(DataSource);
    owner = await signUp(api1);
    responder = await addMember(api1, owner.orgId, 'responder');
    viewer = await addMember(api1, owner.orgId, 'viewer');
  }, 60_000);

  afterAll(async () => {
    for (const name of ALL_QUEUES)
      await worker
        ?.get(JobQueue)
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    await worker?.close();
    await api2?.stop();
    await api1?.stop();
    await sandbox?.stop();
  });

  it('refuses streams to strangers and to requests that are not EventSource', async () => {
    const path = `/api/orgs/${owner.orgId}/inbox/events`;
    expect((await openStream(`${api1.url}${path}`, '')).status).toBe(401);
    const outsider = await signUp(api1);
    const theirs = await openStream(`${api1.url}${path}`, await cookieFor(outsider.userId));
    expect(theirs.status).toBe(403);
    theirs.close();
    await owner.get(path).set('accept', 'application/json').expect(406);
  });

  it('streams a new message, an assignment, a note and presence from another process', async () => {
    const x = await createSandboxChannel(db, api1.app.get(ChannelVault), sandbox, owner.orgId, 'x');
    const stream = await openStream(
      `${api2.url}/api/orgs/${owner.orgId}/inbox/events`,
      await cookieFor(viewer.userId),
    );
    expect(stream.status).toBe(200);
    // Another organisation's stream on the same process hears nothing of ours.
    const outsider = await signUp(api1);
    const theirs = await openStream(
      `${api2.url}/api/orgs/${outsider.orgId}/inbox/events`,
      await cookieFor(outsider.userId),
    );
    try {
      const id = String(Date.now());
      await api1.app.get(InboxIngestor).ingest(x.channel.id, [
        {
          externalId: id,
          kind: 'mention',
          threadKey: id,
          author: { externalId: 'c1', handle: 'cai', displayName: 'Cai', profileUrl: '' },
          text: 'Is the tip open on Sunday?',
          createdAt: new Date(),
          fromAccount: false,
          raw: {},
        },
      ]);
      const created = await waitFor(
        () => stream.events.find((e) => e.event === 'message.created'),
        (e) => !!e,
      );
      expect(created?.data).toMatchObject({ type: 'message.created', direction: 'in' });
      const conversationId = created!.data.conversationId as string;

      await responder.agent
        .put(`/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}/assignee`)
        .set('x-csrf-token', responder.session.csrfToken)
        .send({ assigneeId: responder.userId })
        .expect(200);
      await responder
        .post(`/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}/notes`, { body: 'On it' })
        .expect(201);
      // Presence from a second client (through the first api): viewing, then typing.
      await responder
        .post(`/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}/presence`, {})
        .expect(200);
      const typing = await responder
        .post(`/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}/presence`, { typing: true })
        .expect(200);
      expect(typing.body.typing).toEqual([{ userId: responder.userId, name: 'Test responder' }]);
      // A viewer can be seen viewing, never typing.
      const viewing = await viewer
        .post(`/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}/presence`, { typing: true })
        .expect(200);
      expect(viewing.body.typing.map((p: { userId: string }) => p.userId)).toEqual([responder.userId]);

      const seen = await waitFor(
        () => stream.events.map((e) => e.event),
        (names) => names.filter((n) => n === 'presence').length >= 3,
      );
      expect(seen).toEqual(
        expect.arrayContaining(['message.created', 'conversation.updated', 'note.created', 'presence']),
      );
      const presence = stream.events.filter((e) => e.event === 'presence').map((e) => e.data);
      expect(presence[1]).toMatchObject({
        conversationId,
        typing: [{ userId: responder.userId, name: 'Test responder' }],
        viewingTtlMs: 20_000,
        typingTtlMs: 6_000,
      });
      expect(presence[2]).toMatchObject({ typing: [{ userId: responder.userId }] });
      expect((presence[2].viewing as unknown[]).length).toBe(2);
      const assigned = stream.events.find((e) => e.event === 'conversation.updated')!.data;
      expect(assigned).toMatchObject({ conversationId, change: 'assignee', by: responder.userId });

      // Any api answers presence from Redis.
      const detail = await fetch(
        `${api2.url}/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}`,
        {
          headers: { cookie: await cookieFor(viewer.userId) },
        },
      );
      expect(detail.status).toBe(200);
      const body = (await detail.json()) as { presence: { viewing: Array<{ userId: string }> } };
      expect(body.presence.viewing.map((p: { userId: string }) => p.userId).sort()).toEqual(
        [responder.userId, viewer.userId].sort(),
      );
      await responder
        .post(`/api/orgs/${owner.orgId}/inbox/conversations/${conversationId}/presence`, { left: true })
        .expect(200)
        .expect(({ body }) =>
          expect(body.viewing.map((p: { userId: string }) => p.userId)).toEqual([viewer.userId]),
        );
      expect(theirs.events).toEqual([]);
    } finally {
      stream.close();
      theirs.close();
    }
  });

  it('a reply made through the api is sent once by the worker, threaded under the citizen, and streamed', async () => {
    const x = await createSandboxChannel(db, api1.app.get(ChannelVault), sandbox, owner.orgId, 'x');
    const citizen = await sandbox.createAccount<Record<string, string>>('x');
    const tweet = await fetch(`${sandbox.url}/x/2/tweets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${citizen.credentials.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        text: `@${x.channel.handle} The swings are broken ${randomUUID().slice(0, 6)}`,
      }),
    }).then((r) => r.json() as Promise<{ data: { id: string } }>);
    const [conversation] = await waitFor(
      () =>
        db.query(`SELECT conversation_id FROM message WHERE channel_id = $1 AND external_id = $2`, [
          x.channel.id,
          tweet.data.id,
        ]) as Promise<Array<{ conversation_id: string }>>,
      (rows) => rows.length > 0,
      30_000,
    );
    expect(conversation).toBeDefined();
    const stream = await openStream(
      `${api2.url}/api/orgs/${owner.orgId}/inbox/events`,
      await cookieFor(owner.userId),
    );
    try {
      const text = `Thanks, the park team will fix them this week ${randomUUID().slice(0, 6)}`;
      const created = await owner
        .post(`/api/orgs/${owner.orgId}/inbox/conversations/${conversation.conversation_id}/replies`, {
          text,
        })
        .expect(201);
      const sent = await waitFor(
        () => stream.events.find((e) => e.event === 'reply.updated' && e.data.state === 'sent'),
        (e) => !!e,
        20_000,
      );
      expect(sent?.data.messageId).toBe(created.body.messageId);
      const ledger = (await ledgerEntries(sandbox, { network: 'x', accountId: x.account.accountId })).filter(
        (e) => e.parentId === tweet.data.id,
      );
      expect(ledger).toHaveLength(1);
      expect(ledger[0].content).toBe(text);
    } finally {
      stream.close();
    }
  });
});
