import { TestSandbox } from '../../../support/sandbox-harness';
import {
  apiError,
  expectValidXResponses,
  ledger,
  pngBytes,
  startXSandbox,
  xAccount,
  XTestAccount,
} from './x-test-kit';

describe('X sandbox: direct messages with twitter-api-v2', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;
  let resident: XTestAccount;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'powyscouncil');
    resident = await xAccount(sandbox, 'ffion_powys');
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('sends a DM: 201 with the data wrapper, a low-high conversation id, and a ledger entry', async () => {
    const sent = (await council.client.v2.sendDmToParticipant(resident.userId, {
      text: 'Thanks for your message, we have passed it to the highways team.',
    })) as unknown as { data: { dm_conversation_id: string; dm_event_id: string } };
    const [low, high] = [council.userId, resident.userId].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(sent.data).toEqual({
      dm_conversation_id: `${low}-${high}`,
      dm_event_id: expect.stringMatching(/^\d+$/),
    });
    const [entry] = await ledger(sandbox, { objectId: sent.data.dm_event_id });
    expect(entry).toMatchObject({
      kind: 'dm',
      accountId: council.userId,
      meta: expect.objectContaining({ recipientId: resident.userId }),
    });
  });

  it('lists DM events with fields, expansions and pagination_token paging', async () => {
    for (let i = 1; i <= 4; i++) {
      await resident.client.v2.sendDmToParticipant(council.userId, {
        text: `Question ${i} about the bus pass`,
      });
    }
    const defaults = await council.client.v2.listDmEvents();
    expect(defaults.events[0]).toEqual({
      id: expect.any(String),
      event_type: 'MessageCreate',
      text: 'Question 4 about the bus pass',
    });

    const first = await council.client.v2.listDmEvents({
      max_results: 3,
      'dm_event.fields': ['created_at', 'sender_id', 'dm_conversation_id'],
      expansions: ['sender_id'],
      'user.fields': ['username'],
    });
    expect(first.events.map((e) => ('text' in e ? e.text : undefined))).toEqual([
      'Question 4 about the bus pass',
      'Question 3 about the bus pass',
      'Question 2 about the bus pass',
    ]);
    expect(first.events[0]).toMatchObject({
      sender_id: resident.userId,
      dm_conversation_id: expect.stringContaining('-'),
    });
    expect(first.includes.users.map((u) => u.username)).toEqual(['ffion_powys']);
    expect(first.meta.next_token).toEqual(expect.any(String));
    const second = await first.next();
    expect(second.events.map((e) => ('text' in e ? e.text : undefined))).toEqual([
      'Question 1 about the bus pass',
      'Thanks for your message, we have passed it to the highways team.',
    ]);
    const wire = sandbox.responses.filter((r) => r.path === '/x/2/dm_events').pop();
    expect(wire?.url).toContain('pagination_token=');
  });

  it('lists one conversation’s events, and answers an empty list without data', async () => {
    const stranger = await xAccount(sandbox, 'no_messages_yet');
    const conversation = await council.client.v2.listDmEventsWithParticipant(resident.userId, {
      max_results: 50,
    });
    expect(conversation.events).toHaveLength(5);
    await stranger.client.v2.listDmEvents();
    const empty = sandbox.responses.filter((r) => r.path === '/x/2/dm_events').pop();
    expect(JSON.parse(empty!.body.toString('utf8'))).toEqual({ meta: { result_count: 0 } });
  });

  it('sends an image in a DM (dm_image upload), shown through attachments.media_keys', async () => {
    const mediaId = await council.client.v2.uploadMedia(pngBytes(10, 10), {
      media_type: 'image/png',
      media_category: 'dm_image',
    });
    await council.client.v2.sendDmToParticipant(resident.userId, { attachments: [{ media_id: mediaId }] });
    const events = await resident.client.v2.listDmEvents({
      max_results: 1,
      'dm_event.fields': ['attachments'],
      expansions: ['attachments.media_keys'],
    });
    expect(events.events[0]).toMatchObject({ text: '', attachments: { media_keys: [`3_${mediaId}`] } });
    expect(events.includes.media).toEqual([
      expect.objectContaining({ media_key: `3_${mediaId}`, type: 'photo' }),
    ]);
  });

  it('refuses a DM to yourself, to nobody, to a malformed id, or without text or attachments', async () => {
    expect((await apiError(council.client.v2.sendDmToParticipant(council.userId, { text: 'me' }))).code).toBe(
      403,
    );
    const nobody = await apiError(
      council.client.v2.sendDmToParticipant('1234567890123456789', { text: 'hello?' }),
    );
    expect(nobody.code).toBe(400);
    const blank = await apiError(
      council.client.v2.post(`dm_conversations/with/${resident.userId}/messages`, {}),
    );
    expect(blank.code).toBe(400);
    const badParticipant = await apiError(council.client.v2.sendDmToParticipant('ffion', { text: 'hi' }));
    expect(badParticipant.code).toBe(400);
  });
});
