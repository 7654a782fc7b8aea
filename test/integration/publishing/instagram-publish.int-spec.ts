import { INestApplicationContext } from '@nestjs/common';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig, MediaUrlSigner } from '@outside-in/common';
import { MediaAsset } from '@outside-in/database';
import { PublishScheduler } from '@outside-in/publishing';
import { ALL_QUEUES, JobQueue } from '@outside-in/queue';
import { InvalidContent } from '@outside-in/platforms';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { InstagramAdapter } from '../../../libs/platforms/src/adapters/instagram/instagram.adapter';
import { DataSource } from 'typeorm';
import { startWorker } from '../../../apps/worker/src/start-worker';
import { startApi, TestApi } from '../../support/api-harness';
import { createSandboxChannel, createTestOrganisation } from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { ledgerEntries } from '../platforms/support/sandbox-controls';
import { createTestPostTarget, reload } from './support/publishing-context';

/** A small JPEG-looking file (SOI marker, random body, EOI marker): the sandbox checks the type it is served as. */
function sampleJpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(400), Buffer.from([0xff, 0xd9])]);
}

/**
 * Instagram takes no uploads: Graph downloads `image_url`. The real worker publishes an image post to a sandbox
 * Instagram channel; the runner signs a public URL for the image under PUBLIC_URL (the test API, which serves
 * it), and the sandbox fetches that URL when the container is created, as Meta does.
 */
describe('publishing: an image post to Instagram through the worker', () => {
  let api: TestApi;
  let sandbox: TestSandbox;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    [api, sandbox] = await Promise.all([startApi(), startSandbox()]);
    worker = await startWorker(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: api.database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `oitest-${uniqueSuffix()}`,
        LOG_LEVEL: 'silent',
        // Where Meta (here the sandbox) fetches our media from: the API that serves the signed links.
        PUBLIC_URL: api.url,
      }),
      { migrate: false },
    );
    dataSource = worker.get(DataSource);
  });
  afterAll(async () => {
    for (const name of ALL_QUEUES) {
      await worker
        ?.get(JobQueue)
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    }
    await worker?.close();
    await sandbox?.stop();
    await api?.stop();
  });

  it('publishes it once, with the image the sandbox downloaded from the signed URL', async () => {
    const org = await createTestOrganisation(dataSource);
    const { channel, account } = await createSandboxChannel(
      dataSource,
      worker.get(ChannelVault),
      sandbox,
      org.organisationId,
      'instagram',
    );
    const image = sampleJpeg();
    const asset = await dataSource.getRepository(MediaAsset).save({
      organisationId: org.organisationId,
      uploadedById: null,
      filename: 'library.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: image.length,
      sha256: createHash('sha256').update(image).digest('hex'),
      data: image,
      altText: 'The central library at dusk, its windows lit',
      width: null,
      height: null,
    });
    const text = `The library stays open until 8pm this week ${uniqueSuffix()}`;
    const target = await createTestPostTarget(
      dataSource,
      { ...org, channelId: channel.id },
      { parts: [{ text, mediaIds: [asset.id] }] },
    );
    await dataSource.transaction((manager) => worker.get(PublishScheduler).schedule(manager, target.id));

    const until = Date.now() + 30_000;
    let row = await reload(dataSource, target.id);
    while (!['published', 'failed'].includes(row.state) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      row = await reload(dataSource, target.id);
    }
    expect({ state: row.state, error: row.lastError ?? null }).toEqual({ state: 'published', error: null });

    const filter = { network: 'instagram', accountId: account.accountId };
    const posts = await ledgerEntries(sandbox, { ...filter, kind: 'post' });
    const containers = await ledgerEntries(sandbox, { ...filter, kind: 'media' });
    expect(posts).toHaveLength(1);
    expect(containers).toHaveLength(1);
    expect(posts[0].content).toBe(text);
    expect(posts[0].objectId).toBe(row.externalId);
    expect(posts[0].meta.containerId).toBe(containers[0].objectId);
    expect(posts[0].meta.altText).toBe('The central library at dusk, its windows lit');
    // The URL Graph was given is our signed public link, and what it served is exactly the uploaded image.
    const url = new URL(String(containers[0].meta.url));
    expect(`${url.origin}${url.pathname}`).toBe(`${api.url}/api/media/public/${asset.id}`);
    expect(url.searchParams.get('signature')).toBeTruthy();
    expect(Number(url.searchParams.get('expires')) * 1000).toBeGreaterThan(Date.now());
    expect(containers[0].meta.fetched).toEqual({
      contentType: 'image/jpeg',
      bytes: image.length,
      sha256: createHash('sha256').update(image).digest('hex'),
    });
  }, 60_000);

  it('is refused by the sandbox, as by Graph, when the URL does not serve an image', async () => {
    const { account } = await createSandboxChannel(
      dataSource,
      worker.get(ChannelVault),
      sandbox,
      (await createTestOrganisation(dataSource)).organisationId,
      'instagram',
    );
    const connection = {
      channelId: 'instagram-refusal',
      network: 'instagram' as const,
      externalAccountId: account.accountId,
      handle: account.handle,
      baseUrl: `${sandbox.url}/meta`,
      credentials: {
        pageAccessToken: String(account.credentials.pageAccessToken),
        pageId: String(account.credentials.pageId),
      },
    };
    // A genuine signature for a file that does not exist: the API answers 404, so Graph cannot download it.
    const missing = new MediaUrlSigner({ ...api.config, PUBLIC_URL: api.url }).url(randomUUID());
    const publish = new InstagramAdapter({ pollIntervalMs: 100 }).publish(connection, {
      idempotencyKey: 'refusal',
      parts: [
        {
          text: 'No image here',
          media: [{ data: sampleJpeg(), mimeType: 'image/jpeg', publicUrl: missing }],
        },
      ],
    });
    await expect(publish).rejects.toBeInstanceOf(InvalidContent);
    await expect(publish).rejects.toThrow(/could not be fetched .*HTTP 404/);
    expect(await ledgerEntries(sandbox, { network: 'instagram', accountId: account.accountId })).toEqual([]);
  });
});
