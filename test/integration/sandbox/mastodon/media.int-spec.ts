import { TestSandbox } from '../../../support/sandbox-harness';
import {
  expectValidMastodonResponses,
  httpError,
  isMastodonResponse,
  jsonOf,
  mastodonAccount,
  MastodonTestAccount,
  sleep,
  startMastodonSandbox,
  tinyPng,
} from './mastodon-test-kit';

interface LedgerPage {
  items: { objectId: string; kind: string; content: string | null; meta: Record<string, unknown> }[];
}

describe('Mastodon sandbox: v2 media uploads through the real masto client', () => {
  let sandbox: TestSandbox;
  let council: MastodonTestAccount;

  beforeAll(async () => {
    sandbox = await startMastodonSandbox();
    council = await mastodonAccount(sandbox, 'council');
  });
  afterEach(() => expectValidMastodonResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('answers 202 with url null, then 206 while processing and 200 when done; masto waits for it', async () => {
    expectValidMastodonResponses(sandbox); // validate and clear what setup produced
    const media = await council.masto.v2.media.create({
      file: new Blob([tinyPng(640, 480)], { type: 'image/png' }),
      description: 'A map of the road closure',
    });
    expect(media.id).toMatch(/^\d{15,19}$/);
    expect(media.type).toBe('image');
    expect(media.url).toMatch(
      new RegExp(`^${sandbox.url}/mastodon/system/media_attachments/files/${media.id}/original\\.png$`),
    );
    expect(media.description).toBe('A map of the road closure');
    expect(media.meta?.original).toMatchObject({ width: 640, height: 480 });

    const seen = sandbox.responses
      .filter(isMastodonResponse)
      .map((response) => [response.method, response.path, response.status]);
    expect(seen[0]).toEqual(['POST', '/api/v2/media', 202]);
    expect(jsonOf<{ url: string | null }>(sandbox.responses.filter(isMastodonResponse)[0]).url).toBeNull();
    expect(
      seen.slice(1, -1).every(([, path, status]) => path === `/api/v1/media/${media.id}` && status === 206),
    ).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[seen.length - 1]).toEqual(['GET', `/api/v1/media/${media.id}`, 200]);

    const file = await fetch(media.url ?? '');
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(tinyPng(640, 480))).toBe(true);

    const ledger = await sandbox.control<LedgerPage>(
      'GET',
      `/_sandbox/ledger?network=mastodon&kind=media&objectId=${media.id}`,
    );
    expect(ledger.body.items).toEqual([
      expect.objectContaining({ objectId: media.id, content: expect.stringContaining('image/png') }),
    ]);
  });

  it('refuses to attach media still processing, then attaches it with its alt text', async () => {
    const pending = await council.masto.v2.media.create({
      file: new Blob([tinyPng()], { type: 'image/png' }),
      description: 'Opening hours poster',
      skipPolling: true,
    });
    expect(pending.url).toBeNull();
    const early = await httpError(
      council.masto.v1.statuses.create({ status: 'Poster', mediaIds: [pending.id] }),
    );
    expect(early.statusCode).toBe(422);
    expect(early.message).toBe(
      'Cannot attach files that have not finished processing. Try again in a moment!',
    );

    await sleep(2700);
    const status = await council.masto.v1.statuses.create({ status: '', mediaIds: [pending.id] });
    expect(status.mediaAttachments).toHaveLength(1);
    expect(status.mediaAttachments[0]).toMatchObject({ id: pending.id, description: 'Opening hours poster' });

    const reused = await httpError(
      council.masto.v1.statuses.create({ status: 'again', mediaIds: [pending.id] }),
    );
    expect(reused.statusCode).toBe(422);
  });

  it('updates alt text before posting and hides other accounts’ media', async () => {
    const media = await council.masto.v2.media.create({ file: new Blob([tinyPng()], { type: 'image/png' }) });
    expect(media.description).toBeNull();
    const updated = await council.masto.v1.media
      .$select(media.id)
      .update({ description: 'Library entrance' });
    expect(updated.description).toBe('Library entrance');

    const other = await mastodonAccount(sandbox, 'other');
    const hidden = await httpError(other.masto.v1.media.$select(media.id).fetch());
    expect(hidden.statusCode).toBe(404);
    const notMine = await httpError(other.masto.v1.statuses.create({ status: 'x', mediaIds: [media.id] }));
    expect(notMine.statusCode).toBe(422);
  });

  it('refuses unsupported files, missing files, over-long descriptions and a fifth attachment', async () => {
    const text = await httpError(
      council.masto.v2.media.create({ file: new Blob(['hello'], { type: 'text/plain' }) }),
    );
    expect(text.statusCode).toBe(422);
    expect(text.message).toBe('Validation failed: File content type is invalid, File is invalid');

    const empty = await httpError(
      council.masto.v2.media.create({ file: new Blob([], { type: 'image/png' }) }),
    );
    expect(empty.statusCode).toBe(422);

    const long = await httpError(
      council.masto.v2.media.create({
        file: new Blob([tinyPng()], { type: 'image/png' }),
        description: 'x'.repeat(1501),
      }),
    );
    expect(long.statusCode).toBe(422);
    expect(long.message).toBe('Validation failed: Description is too long (maximum is 1500 characters)');

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await council.masto.v1.media.create({ file: new Blob([tinyPng()], { type: 'image/png' }) })).id,
      );
    }
    const five = await httpError(council.masto.v1.statuses.create({ status: 'album', mediaIds: ids }));
    expect(five.statusCode).toBe(422);
    expect(five.message).toBe('Cannot attach more than 4 files');
    const four = await council.masto.v1.statuses.create({ status: 'album', mediaIds: ids.slice(0, 4) });
    expect(four.mediaAttachments.map((m) => m.id)).toEqual(ids.slice(0, 4));
  });

  it('answers 401 to an upload without a valid token', async () => {
    const res = await fetch(`${sandbox.url}/mastodon/api/v2/media`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([tinyPng()], { type: 'image/png' }), 'a.png');
        return form;
      })(),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'The access token is invalid' });
  });
});
