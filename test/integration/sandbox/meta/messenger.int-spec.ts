import { Page, UnifiedThread } from 'facebook-nodejs-business-sdk';
import {
  createMetaAccount,
  graphFetch,
  MetaAccount,
  startSandbox,
  TestSandbox,
} from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import {
  citizenComment,
  citizenMessage,
  ledgerFor,
  resetRateLimits,
  setRateLimit,
} from './support/sandbox-controls';
import { sdkError } from './support/sandbox-graph-api';

const HOUR = 3600_000;

describe('Meta sandbox: Messenger through facebook-nodejs-business-sdk', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;

  beforeAll(async () => {
    sandbox = await startSandbox();
    fb = await createMetaAccount(sandbox, 'facebook', {
      handle: 'gwent_police',
      displayName: 'Gwent Police',
    });
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  const page = (): Page => new Page(fb.credentials.pageId, {}, undefined, fb.pageApi);
  const send = (psid: string, params: Record<string, unknown> = {}): Promise<Page> =>
    page().createMessage([], {
      recipient: { id: psid },
      messaging_type: 'RESPONSE',
      message: { text: 'Thanks, we are on it.' },
      ...params,
    });

  it('lists conversations and their messages, and answers within the 24-hour window', async () => {
    const inbound = await citizenMessage(
      sandbox,
      fb.credentials.pageId,
      'Someone is parked across my drive',
      { citizenKey: 'rhys' },
    );
    const conversations = await page().getConversations(
      ['id', 'updated_time', 'participants', 'messages{message,from,created_time}'],
      {
        platform: 'messenger',
      },
    );
    const thread = conversations.find((c) => c.id === inbound.conversationId);
    expect(thread?.id).toMatch(/^t_\d+$/);
    expect(thread?._data.participants).toEqual({
      data: [
        { name: 'Megan Jones', email: `${inbound.senderId}@facebook.com`, id: inbound.senderId },
        { name: 'Gwent Police', email: `${fb.credentials.pageId}@facebook.com`, id: fb.credentials.pageId },
      ],
    });
    expect((thread?._data.messages as { data: Array<Record<string, unknown>> }).data[0]).toMatchObject({
      message: 'Someone is parked across my drive',
      from: { id: inbound.senderId },
    });

    const sent = await send(inbound.senderId);
    expect(sent._data).toEqual({ recipient_id: inbound.senderId, message_id: expect.stringMatching(/^m_/) });
    const messages = await new UnifiedThread(inbound.conversationId, {}, undefined, fb.pageApi).getMessages([
      'id',
      'message',
      'from',
      'to',
      'created_time',
    ]);
    expect(messages.map((m) => m._data.message)).toEqual([
      'Thanks, we are on it.',
      'Someone is parked across my drive',
    ]);
    expect(messages[0]._data.to).toEqual({ data: [expect.objectContaining({ id: inbound.senderId })] });
    const single = await graphFetch(sandbox, `/v21.0/${inbound.messageId}`, {
      token: fb.credentials.pageAccessToken,
      query: { fields: 'message,from' },
    });
    expect(single.body).toEqual({
      id: inbound.messageId,
      message: 'Someone is parked across my drive',
      from: expect.objectContaining({ id: inbound.senderId }),
    });
    expect(await ledgerFor(sandbox, { network: 'facebook', kind: 'dm' })).toEqual([
      expect.objectContaining({
        objectId: sent._data.message_id,
        parentId: inbound.conversationId,
        accountId: fb.credentials.pageId,
      }),
    ]);

    const viaMe = await graphFetch(sandbox, '/v21.0/me/messages', {
      method: 'POST',
      token: fb.credentials.pageAccessToken,
      body: {
        recipient: { id: inbound.senderId },
        messaging_type: 'RESPONSE',
        message: { text: 'Officers are on the way.' },
      },
    });
    expect(viaMe.status).toBe(200);
    expect(viaMe.body.recipient_id).toBe(inbound.senderId);
  });

  it('refuses a message outside the 24-hour window with code 10, subcode 2018278, unless a permitted tag applies', async () => {
    const old = await citizenMessage(sandbox, fb.credentials.pageId, 'Thanks for yesterday', {
      citizenKey: 'old_chat',
      sentAt: new Date(Date.now() - 25 * HOUR),
    });
    const refused = await sdkError(() => send(old.senderId));
    expect(refused.status).toBe(400);
    expect(refused.response).toMatchObject({ code: 10, error_subcode: 2018278, type: 'OAuthException' });
    expect(refused.message).toMatch(/outside of allowed window/);

    const tagged = await send(old.senderId, { messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' });
    expect(tagged._data.message_id).toMatch(/^m_/);
    const humanAgent = await send(old.senderId, { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(humanAgent._data.message_id).toMatch(/^m_/);

    const week = await citizenMessage(sandbox, fb.credentials.pageId, 'Old', {
      citizenKey: 'week_old',
      sentAt: new Date(Date.now() - 8 * 24 * HOUR),
    });
    const tooOld = await sdkError(() =>
      send(week.senderId, { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }),
    );
    expect(tooOld.response).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it('sends one private reply to a comment author, who need not have written to the page', async () => {
    const post = await page().createFeed([], { message: 'Report a pothole in the comments' });
    const comment = await citizenComment(
      sandbox,
      post.id,
      'Huge pothole on my street, 12 High St',
      'pothole',
    );
    const reply = await page().createMessage([], {
      recipient: { comment_id: comment.id },
      messaging_type: 'RESPONSE',
      message: { text: 'Thanks, could you send us a photo here?' },
    });
    expect(reply._data).toEqual({ recipient_id: comment.authorId, message_id: expect.stringMatching(/^m_/) });
    const again = await sdkError(() =>
      page().createMessage([], {
        recipient: { comment_id: comment.id },
        messaging_type: 'RESPONSE',
        message: { text: 'Again' },
      }),
    );
    expect(again.response).toMatchObject({ code: 10900 });
    const threads = await page().getConversations(['id', 'participants'], { user_id: comment.authorId });
    expect(threads).toHaveLength(1);
    const entries = await ledgerFor(sandbox, {
      network: 'facebook',
      kind: 'dm',
      objectId: String(reply._data.message_id),
    });
    expect(entries).toEqual([expect.objectContaining({ parentId: comment.id })]);
    const own = await sdkError(() =>
      page().createMessage([], {
        recipient: { comment_id: 'nope_1' },
        messaging_type: 'RESPONSE',
        message: { text: 'x' },
      }),
    );
    expect(own.response?.code).toBe(100);
  });

  it('rejects bad Send API requests with Graph errors', async () => {
    const inbound = await citizenMessage(sandbox, fb.credentials.pageId, 'Hello', { citizenKey: 'bad_req' });
    const noType = await sdkError(() =>
      page().createMessage([], { recipient: { id: inbound.senderId }, message: { text: 'x' } }),
    );
    expect(noType.response).toMatchObject({ code: 100 });
    expect(noType.message).toMatch(/messaging_type/);
    const badTag = await sdkError(() =>
      send(inbound.senderId, { messaging_type: 'MESSAGE_TAG', tag: 'PROMOTION' }),
    );
    expect(badTag.response?.code).toBe(100);
    const unknown = await sdkError(() => send('1234567890123456'));
    expect(unknown.response).toMatchObject({ code: 100, error_subcode: 2018001 });
    const noRecipient = await sdkError(() =>
      page().createMessage([], { messaging_type: 'RESPONSE', message: { text: 'x' } }),
    );
    expect(noRecipient.response?.code).toBe(100);
    const tooLong = await sdkError(() => send(inbound.senderId, { message: { text: 'x'.repeat(2001) } }));
    expect(tooLong.response?.code).toBe(100);
  });

  it('requires a page access token for conversations (#190)', async () => {
    const asUser = await sdkError(() =>
      new Page(fb.credentials.pageId, {}, undefined, fb.userApi).getConversations(['id']),
    );
    expect(asUser.response).toMatchObject({ code: 190 });
    expect(asUser.message).toMatch(/Page Access Token/);
  });

  it('answers (#613) when the Send API rate limit is reached', async () => {
    const inbound = await citizenMessage(sandbox, fb.credentials.pageId, 'Many replies please', {
      citizenKey: 'chatty',
    });
    await setRateLimit(sandbox, 'facebook', 'messages', 2, 60);
    try {
      await send(inbound.senderId);
      await send(inbound.senderId);
      const limited = await sdkError(() => send(inbound.senderId));
      expect(limited.status).toBe(400);
      expect(limited.response).toMatchObject({ code: 613, is_transient: true });
    } finally {
      await resetRateLimits(sandbox);
    }
  });
});
