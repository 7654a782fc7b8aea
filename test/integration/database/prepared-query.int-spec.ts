import { randomUUID } from 'node:crypto';
import {
  Channel,
  dataSourceOptions,
  findByIdPrepared,
  PostTarget,
  preparedQuery,
} from '@outside-in/database';
import { DataSource } from 'typeorm';
import { createTestOrganisation } from '../../support/channel-fixtures';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { createTestPostTarget } from '../publishing/support/publishing-context';

/**
 * The publishing engine reads its target and channel, and runs its claim and record, as prepared statements. A
 * row read that way must be the entity TypeORM's own findOneBy gives, to the last column (dates, JSON, nulls).
 */
describe('database: prepared statements', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('prepared_query');
    dataSource = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 2 } });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('reads a channel and a post target exactly as findOneBy does, and null for a missing id', async () => {
    const org = await createTestOrganisation(dataSource);
    const channelId = randomUUID();
    await dataSource.getRepository(Channel).insert({
      id: channelId,
      organisationId: org.organisationId,
      network: 'x',
      practice: true,
      externalAccountId: '1234',
      handle: 'council',
      displayName: 'The Council',
      baseUrl: 'http://127.0.0.1:1/x',
      credentialsKeyId: 'k1',
      credentialsSealed: 'sealed',
      status: 'connected',
      connectedAt: new Date(),
      rateLimit: { resetAt: new Date().toISOString(), remaining: 0, limit: 50, scope: null },
    });
    const target = await createTestPostTarget(
      dataSource,
      { ...org, channelId },
      {
        parts: [
          { text: 'Part one', mediaIds: [] },
          { text: 'Part two', mediaIds: [], link: 'https://example.gov.uk' },
        ],
      },
    );
    await dataSource.query(`UPDATE post_target SET published_parts = $2::jsonb WHERE id = $1`, [
      target.id,
      JSON.stringify([{ externalId: 'e1', url: 'https://x.com/e1' }]),
    ]);

    const expectedChannel = await dataSource.getRepository(Channel).findOneBy({ id: channelId });
    const expectedTarget = await dataSource.getRepository(PostTarget).findOneBy({ id: target.id });
    // Twice each: the second read runs the statement the connection has already prepared.
    for (let read = 0; read < 2; read++) {
      expect(await findByIdPrepared(dataSource, Channel, channelId)).toStrictEqual(expectedChannel);
      expect(await findByIdPrepared(dataSource, PostTarget, target.id)).toStrictEqual(expectedTarget);
    }
    const channel = await findByIdPrepared(dataSource, Channel, channelId);
    expect(channel).toBeInstanceOf(Channel);
    expect(channel!.connectedAt).toBeInstanceOf(Date);
    expect(channel!.rateLimit).toMatchObject({ limit: 50 });
    expect(await findByIdPrepared(dataSource, Channel, randomUUID())).toBeNull();
  });

  it('answers the rows of any statement kind, and the same text with other values', async () => {
    await dataSource.query(`CREATE TABLE prepared_probe (n int)`);
    const insert = `WITH added AS (INSERT INTO prepared_probe (n) VALUES ($1) RETURNING n) SELECT n FROM added`;
    expect(await preparedQuery(dataSource, insert, [1])).toEqual([{ n: 1 }]);
    expect(await preparedQuery(dataSource, insert, [2])).toEqual([{ n: 2 }]);
    const update = `UPDATE prepared_probe SET n = n * 10 WHERE n = $1 RETURNING n`;
    expect(await preparedQuery(dataSource, update, [2])).toEqual([{ n: 20 }]);
    expect(await preparedQuery(dataSource, update, [3])).toEqual([]);
  });
});
