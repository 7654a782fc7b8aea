import { TestSandbox } from '../../../support/sandbox-harness';
import { expectValidXResponses, startXSandbox, xAccount, XTestAccount } from './x-test-kit';

/** POST /_sandbox/x/inbound/mentions: a person mentions an account with a chosen text, as an ordinary X post. */
describe('X sandbox control: a mention with a chosen text', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'powys_cc');
  });
  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('is a post by the person that X lists among the account’s mentions, with its language, and can be answered', async () => {
    const first = await sandbox.control<{ id: string; authorId: string; text: string }>(
      'POST',
      '/_sandbox/x/inbound/mentions',
      {
        accountId: council.userId,
        text: 'Ydy’r llyfrgell ar agor yn hwyr ddydd Iau?',
        citizenKey: 'nia_powys',
        citizenName: 'Nia Roberts',
        lang: 'cy',
      },
    );
    expect(first.status).toBe(201);
    expect(first.body.text).toBe('@powys_cc Ydy’r llyfrgell ar agor yn hwyr ddydd Iau?');
    const again = await sandbox.control<{ authorId: string }>('POST', '/_sandbox/x/inbound/mentions', {
      accountId: council.userId,
      text: 'Diolch!',
      citizenKey: 'nia_powys',
    });
    expect(again.body.authorId).toBe(first.body.authorId);

    const page = await council.client.v2.userMentionTimeline(council.userId, {
      expansions: ['author_id'],
      'tweet.fields': ['lang', 'author_id', 'conversation_id'],
    });
    const mention = page.data.data.find((t) => t.id === first.body.id);
    expect(mention).toMatchObject({ author_id: first.body.authorId, lang: 'cy', text: first.body.text });
    expect(page.includes.users.find((u) => u.id === first.body.authorId)).toMatchObject({
      name: 'Nia Roberts',
    });

    const reply = await council.client.v2.reply('Ydy, tan 8pm.', first.body.id);
    const read = await council.client.v2.singleTweet(reply.data.id, {
      'tweet.fields': ['conversation_id', 'in_reply_to_user_id'],
    });
    expect(read.data).toMatchObject({
      conversation_id: first.body.id,
      in_reply_to_user_id: first.body.authorId,
    });
  });

  it('says in words what is wrong with a request', async () => {
    const bad = await sandbox.control('POST', '/_sandbox/x/inbound/mentions', {
      accountId: 'powys_cc',
      text: '',
      lang: 'fr',
      colour: 'blue',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        {
          field: 'accountId',
          problem: 'accountId must be the numeric userId of an X account in this sandbox',
        },
        { field: 'lang', problem: 'lang must be en or cy' },
        expect.objectContaining({ field: 'text' }),
        expect.objectContaining({ field: 'colour' }),
      ]),
    );

    const missing = await sandbox.control('POST', '/_sandbox/x/inbound/mentions', {
      accountId: '12345',
      text: 'Hello',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(
      'accountId 12345 is not an X account in this sandbox: use the userId that POST /_sandbox/accounts answered.',
    );
  });

  it('is listed in the sandbox’s OpenAPI document', async () => {
    const docs = await sandbox.control<{ paths: Record<string, unknown> }>('GET', '/_sandbox/docs-json');
    expect(Object.keys(docs.body.paths)).toContain('/_sandbox/x/inbound/mentions');
  });
});
