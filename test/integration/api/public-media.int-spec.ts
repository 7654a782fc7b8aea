import { MediaUrlSigner } from '@outside-in/common';
import { MediaAsset } from '@outside-in/database';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { createTestOrganisation } from '../../support/channel-fixtures';

/** GET /api/media/public/:id?expires&signature: what Instagram downloads, open to anyone holding a valid link. */
describe('signed public media links', () => {
  let api: TestApi;
  let signer: MediaUrlSigner;
  let assetId: string;
  const image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]);

  beforeAll(async () => {
    api = await startApi();
    signer = new MediaUrlSigner(api.config);
    const dataSource = api.app.get(DataSource);
    const org = await createTestOrganisation(dataSource);
    const asset = await dataSource.getRepository(MediaAsset).save({
      organisationId: org.organisationId,
      uploadedById: null,
      filename: 'park map.png',
      mimeType: 'image/png',
      sizeBytes: image.length,
      sha256: createHash('sha256').update(image).digest('hex'),
      data: image,
      altText: 'A map of the park',
      width: null,
      height: null,
    });
    assetId = asset.id;
  });
  afterAll(() => api?.stop());

  /** Fetches a link as Meta would: no cookie, no token. */
  async function get(url: string) {
    const response = await fetch(url);
    const type = response.headers.get('content-type') ?? '';
    const body = type.startsWith('application/json')
      ? ((await response.json()) as { message?: string })
      : Buffer.from(await response.arrayBuffer());
    return { status: response.status, type, body };
  }

  it('serves the file with its type to anyone holding a valid link', async () => {
    const url = signer.url(assetId);
    expect(url.startsWith(`${api.url}/api/media/public/${assetId}?expires=`)).toBe(true);
    const { status, type, body } = await get(url);
    expect(status).toBe(200);
    expect(type).toBe('image/png');
    expect(Buffer.compare(body as Buffer, image)).toBe(0);
  });

  it('refuses an expired link with 403, saying so', async () => {
    const url = signer.url(assetId, new Date(Date.now() - 2 * 3600_000));
    const { status, body } = await get(url);
    expect(status).toBe(403);
    expect((body as { message: string }).message).toMatch(/has expired/);
  });

  it('refuses a tampered link with 403, in words', async () => {
    const url = new URL(signer.url(assetId));
    const later = String(Number(url.searchParams.get('expires')) + 86_400);
    const longer = `${url.origin}${url.pathname}?expires=${later}&signature=${url.searchParams.get('signature')}`;
    const forged = `${url.origin}${url.pathname}?expires=${url.searchParams.get('expires')}&signature=${'A'.repeat(43)}`;
    const otherId = `${url.origin}/api/media/public/${randomUUID()}${url.search}`;
    for (const link of [longer, forged, otherId]) {
      const { status, body } = await get(link);
      expect(status).toBe(403);
      expect((body as { message: string }).message).toMatch(/signature does not match/);
    }
  });

  it('answers 404 for a genuine link to a file that does not exist, and 400 for a link missing its signature', async () => {
    const unknown = await get(signer.url(randomUUID()));
    expect(unknown.status).toBe(404);
    expect((unknown.body as { message: string }).message).toMatch(/no longer exists/);
    const incomplete = await get(`${api.url}/api/media/public/${assetId}`);
    expect(incomplete.status).toBe(400);
    expect((incomplete.body as { message: string }).message).toMatch(/needs both expires and signature/);
  });
});
