import {
  auditAppendCtes,
  AuditEvent,
  AuditService,
  dataSourceOptions,
  Organisation,
  SqlInteger,
  SYSTEM_ACTOR,
  verifyChain,
} from '@outside-in/database';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/**
 * The audit appender that runs inside a caller's single statement (the publishing engine's hot path) computes the
 * event hash in SQL: it must write exactly the chain AuditService.record writes, also when both race on one
 * organisation.
 */
describe('audit: appending inside one statement', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let organisationId: string;

  beforeAll(async () => {
    database = await createTestDatabase('audit_append');
    dataSource = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 12 } });
    await dataSource.initialize();
    [{ id: organisationId }] = await dataSource.query(
      `INSERT INTO organisation (name) VALUES ('Append Council') RETURNING id`,
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** One statement: a change (here a counter on the organisation's name) and its event, or neither. */
  async function changeAndAudit(happens: boolean, note: string): Promise<number> {
    const audit = auditAppendCtes(
      'changed',
      {
        actor: { userId: null, label: 'Sam <sam@example.gov.uk> «test»' },
        action: 'test.changed',
        subjectType: 'organisation',
        subjectId: organisationId,
        summary: {
          note,
          attempt: new SqlInteger('s.n'),
          nested: { b: [1, 'two'], a: null },
          unicode: 'Côte ✓',
        },
        ip: '127.0.0.1',
      },
      4,
    );
    const rows: Array<{ n: number }> = await dataSource.query(
      `WITH changed AS (SELECT id AS organisation_id, 41 + length($2::text) AS n FROM organisation
                         WHERE id = $1 AND $3::boolean),
       ${audit.sql.replace(/^\s*/, '')}
       SELECT n FROM changed`,
      [organisationId, note, happens, ...audit.params],
    );
    return rows.length;
  }

  it('writes events the verifier accepts, interleaved with AuditService.record under concurrency', async () => {
    const service = new AuditService();
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 40; i++) {
      work.push(changeAndAudit(true, `in one statement ${i}`));
      if (i % 4 === 0) {
        work.push(
          dataSource.transaction((manager) =>
            service.record(manager, {
              organisationId,
              actor: SYSTEM_ACTOR,
              action: 'test.recorded',
              subjectType: 'organisation',
              subjectId: organisationId,
              summary: { i },
            }),
          ),
        );
      }
    }
    await Promise.all(work);
    expect(await changeAndAudit(false, 'no change, no event')).toBe(0);

    const events = await dataSource
      .getRepository(AuditEvent)
      .find({ where: { organisationId }, order: { seq: 'ASC' } });
    const head = await dataSource.getRepository(Organisation).findOneByOrFail({ id: organisationId });
    expect(events).toHaveLength(50);
    expect(verifyChain(events, { seq: head.auditHeadSeq, hash: head.auditHeadHash })).toEqual([]);
    // Times follow the chain: each event's time is taken once its organisation's row is locked.
    for (let i = 1; i < events.length; i++) {
      expect(events[i].createdAt.getTime()).toBeGreaterThanOrEqual(events[i - 1].createdAt.getTime());
    }
    const appended = events.find((event) => event.action === 'test.changed')!;
    expect(appended.summary).toEqual({
      note: expect.stringMatching(/^in one statement/),
      attempt: 41 + (appended.summary.note as string).length,
      nested: { a: null, b: [1, 'two'] },
      unicode: 'Côte ✓',
    });
    expect(appended.actorLabel).toBe('Sam <sam@example.gov.uk> «test»');
  });
});
