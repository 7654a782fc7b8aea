import { createTestOrganisation } from '../../support/channel-fixtures';
import { InboxContext, insertChannel, startInboxContext } from '../../support/inbox-fixtures';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The inbox lists are keyset pages, newest activity first. These plans must walk an index in order and stop
 * after one page (no Sort of the whole organisation), or a page deep in a large inbox gets slow; the benchmark
 * of issue 6 measures the times, this checks the shape on a seeded table.
 */
describe('inbox: list and search queries use their indexes', () => {
  let ctx: InboxContext;
  let organisationId: string;
  let userId: string;
  let conversationId: string;

  beforeAll(async () => {
    ctx = await startInboxContext();
    ({ organisationId, userId } = await createTestOrganisation(ctx.dataSource));
    const other = await createTestOrganisation(ctx.dataSource);
    const channel = await insertChannel(ctx.dataSource, ctx.vault, {
      organisationId,
      network: 'x',
      externalAccountId: '1',
      handle: 'council',
      baseUrl: 'http://127.0.0.1:9/x',
      credentials: { accessToken: 'unused' },
    });
    const otherChannel = await insertChannel(ctx.dataSource, ctx.vault, {
      organisationId: other.organisationId,
      network: 'x',
      externalAccountId: '2',
      handle: 'other',
      baseUrl: 'http://127.0.0.1:9/x',
      credentials: { accessToken: 'unused' },
    });
    for (const [org, ch] of [
      [organisationId, channel.id],
      [other.organisationId, otherChannel.id],
    ])
      await ctx.dataSource.query(
        `INSERT INTO conversation (organisation_id, channel_id, kind, thread_key, status, first_message_at, last_message_at)
         SELECT $1, $2, 'mention_thread', 't' || g,
                (ARRAY['open', 'open', 'pending', 'closed'])[1 + g % 4],
                now() - make_interval(secs => g), now() - make_interval(secs => g)
           FROM generate_series(1, 20000) g`,
        [org, ch],
      );
    const [first] = await ctx.dataSource.query(
      `SELECT id FROM conversation WHERE channel_id = $1 ORDER BY last_message_at DESC LIMIT 1`,
      [channel.id],
    );
    conversationId = first.id;
    await ctx.dataSource.query(
      `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, body, created_at)
       SELECT $1, c.id, c.channel_id, 'in', 'm' || c.thread_key,
              'Message about ' || (ARRAY['bins', 'potholes', 'parking', 'libraries'])[1 + (hashtext(c.thread_key) & 3)]
                || CASE WHEN c.thread_key = 't77' THEN ' and the unusual word llanfairpwll' ELSE '' END,
              c.last_message_at
         FROM conversation c WHERE c.channel_id = $2`,
      [organisationId, channel.id],
    );
    // Some conversations are someone's ("mine").
    await ctx.dataSource.query(
      `UPDATE conversation SET assignee_id = $2 WHERE organisation_id = $1 AND thread_key LIKE '%7'`,
      [organisationId, userId],
    );
    // As autovacuum would: statistics, and the GIN index's pending list merged (its rows are costed as a scan).
    await ctx.dataSource.query(`VACUUM ANALYZE conversation`);
    await ctx.dataSource.query(`VACUUM ANALYZE message`);
  });
  afterAll(() => ctx?.stop());

  async function plan(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const [row] = await ctx.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes(row['QUERY PLAN'][0].Plan);
  }

  it('pages "all open" deep in the list from the index, without sorting', async () => {
    const [middle] = await ctx.dataSource.query(
      `SELECT last_message_at, id FROM conversation WHERE organisation_id = $1 AND status = 'open'
        ORDER BY last_message_at DESC, id DESC OFFSET 5000 LIMIT 1`,
      [organisationId],
    );
    const steps = await plan(
      `SELECT id FROM conversation
        WHERE organisation_id = $1 AND status = 'open' AND (last_message_at, id) < ($2, $3)
        ORDER BY last_message_at DESC, id DESC LIMIT 50`,
      [organisationId, middle.last_message_at, middle.id],
    );
    expect(steps.map((s) => s['Node Type'])).not.toContain('Sort');
    expect(steps.find((s) => s['Index Name'] === 'ix_conversation_org_status_recent')).toMatchObject({
      'Scan Direction': 'Backward',
    });
  });

  it('pages "mine" from the assignee index', async () => {
    const steps = await plan(
      `SELECT id FROM conversation
        WHERE organisation_id = $1 AND assignee_id = $2 AND status = 'open'
        ORDER BY last_message_at DESC, id DESC LIMIT 50`,
      [organisationId, userId],
    );
    expect(steps.map((s) => s['Node Type'])).not.toContain('Sort');
    expect(steps.map((s) => s['Index Name'])).toContain('ix_conversation_org_assignee_recent');
  });

  it('reads a thread in order from the conversation index', async () => {
    const steps = await plan(
      `SELECT id FROM message WHERE conversation_id = $1 ORDER BY created_at, id LIMIT 100`,
      [conversationId],
    );
    expect(steps.map((s) => s['Node Type'])).not.toContain('Sort');
    expect(steps.map((s) => s['Index Name'])).toContain('ix_message_conversation_time');
  });

  it('searches message text through the GIN index', async () => {
    const steps = await plan(
      `SELECT id FROM message WHERE organisation_id = $1 AND search @@ plainto_tsquery('simple', $2)`,
      [organisationId, 'llanfairpwll'],
    );
    expect(steps.map((s) => s['Index Name'])).toContain('ix_message_search');
    const found = await ctx.dataSource.query(
      `SELECT external_id FROM message WHERE organisation_id = $1 AND search @@ plainto_tsquery('simple', $2)`,
      [organisationId, 'llanfairpwll'],
    );
    expect(found).toEqual([{ external_id: 'mt77' }]);
  });
});
