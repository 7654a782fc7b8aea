import { ChannelVault } from '@outside-in/channels';
import { DataSource } from 'typeorm';
import { InboxReadService } from '../../../apps/api/src/inbox/inbox-read.service';
import type { ConversationListQueryDto } from '../../../apps/api/src/inbox/inbox.dto';
import { startApi, TestApi } from '../../support/api-harness';
import { signUp, SignedInClient } from '../../support/api-client';
import { insertChannel } from '../../support/inbox-fixtures';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** Sorts with the conversation table beneath them: a sort of the whole view (per-thread sorts of a few rows are fine). */
const listSorts = (all: PlanNode[]): PlanNode[] =>
  all.filter(
    (n) =>
      n['Node Type'] === 'Sort' &&
      nodes(n).some(
        (m) => m['Relation Name'] === 'conversation' || m['Index Name']?.startsWith('ix_conversation'),
      ),
  );

/**
 * The API's own list queries (joins, the latest inbound message, waiting time) on 10,000 open conversations
 * (20,000 in all, another organisation's beside them): each view walks its conversation index in order and stops
 * after a page (no Sort, no scan of the organisation), the latest message comes from the thread index, and pages
 * answer quickly through HTTP at any depth.
 */
describe('inbox API: list queries stay on their indexes with 10,000 open conversations', () => {
  let api: TestApi;
  let db: DataSource;
  let read: InboxReadService;
  let owner: SignedInClient;
  let channelId: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    read = api.app.get(InboxReadService);
    owner = await signUp(api);
    const other = await signUp(api);
    const vault = api.app.get(ChannelVault);
    for (const org of [owner.orgId, other.orgId]) {
      const channel = await insertChannel(db, vault, {
        organisationId: org,
        network: 'x',
        externalAccountId: org,
        handle: 'council',
        baseUrl: 'http://127.0.0.1:9/x',
        credentials: { accessToken: 'unused' },
      });
      if (org === owner.orgId) channelId = channel.id;
      await db.query(
        `INSERT INTO conversation (organisation_id, channel_id, kind, thread_key, status, first_message_at,
                                   last_message_at, assignee_id, tags)
         SELECT $1, $2, 'mention_thread', 't' || g, CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END,
                now() - make_interval(secs => g), now() - make_interval(secs => g),
                CASE WHEN g % 10 = 0 THEN $3::uuid END, CASE WHEN g % 7 = 0 THEN ARRAY['bins'] ELSE '{}' END
           FROM generate_series(1, 20000) g`,
        [org, channel.id, org === owner.orgId ? owner.userId : other.userId],
      );
      await db.query(
        `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, body, created_at)
         SELECT $1, c.id, c.channel_id, d.direction, d.direction || c.thread_key, 'About the bins ' || c.thread_key,
                c.last_message_at - CASE WHEN d.direction = 'in' THEN interval '1 minute' ELSE interval '0' END
           FROM conversation c CROSS JOIN (VALUES ('in'), ('out')) d(direction) WHERE c.channel_id = $2`,
        [org, channel.id],
      );
    }
    await db.query(`VACUUM ANALYZE conversation`);
    await db.query(`VACUUM ANALYZE message`);
  }, 120_000);
  afterAll(() => api?.stop());

  async function plan(query: ConversationListQueryDto): Promise<PlanNode[]> {
    const { sql, params } = read.listQuery(owner.orgId, owner.userId, query);
    const [row] = (await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{
      'QUERY PLAN': Array<{ Plan: PlanNode }>;
    }>;
    if (process.env.SHOW_PLANS) {
      const text = (await db.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>;
      console.log(JSON.stringify(query), '\n' + text.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return nodes(row['QUERY PLAN'][0].Plan);
  }

  /** The cursor after `depth` rows of the open conversations (of the caller's only, for mine). */
  async function cursorAtDepth(depth: number, mine = false): Promise<string> {
    const [row] = await db.query(
      `SELECT id, last_message_at FROM conversation
        WHERE organisation_id = $1 AND status = 'open' AND ($3::uuid IS NULL OR assignee_id = $3)
        ORDER BY last_message_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [owner.orgId, depth, mine ? owner.userId : null],
    );
    return Buffer.from(`${new Date(row.last_message_at).toISOString()}|${row.id}`).toString('base64url');
  }

  // The planner may take the status index for unassigned (most open rows are) and filter; either index walk
  // stops after a page. What must never happen is a sort of the whole view or a scan of the table.
  it.each([
    ['open', { view: 'open' }, 9000],
    ['mine', { view: 'mine' }, 1000],
    ['unassigned', { view: 'unassigned' }, 7000],
    ['closed', { view: 'closed' }, 9000],
  ] as Array<[string, ConversationListQueryDto, number]>)(
    '%s walks a conversation index with no sort, and reads the latest message from the thread index',
    async (name, query, depth) => {
      const found = await plan({ ...query, cursor: await cursorAtDepth(depth, name === 'mine') });
      const conversationScan = found.find((n) => n['Index Name']?.startsWith('ix_conversation_org_'));
      expect(conversationScan?.['Node Type']).toBe('Index Scan');
      expect(listSorts(found)).toEqual([]);
      expect(found.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).not.toContain(
        'conversation',
      );
      expect(found.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).not.toContain(
        'message',
      );
      expect(found.some((n) => n['Index Name'] === 'ix_message_conversation_time')).toBe(true);
    },
  );

  it('by channel and by tag walk a conversation index with no sort', async () => {
    for (const query of [
      { view: 'channel', channelId },
      { view: 'tag', tag: 'bins' },
    ] as ConversationListQueryDto[]) {
      const found = await plan({ ...query, cursor: await cursorAtDepth(5000) });
      expect(found.some((n) => n['Index Name']?.startsWith('ix_conversation_'))).toBe(true);
      expect(listSorts(found)).toEqual([]);
    }
  });

  it('answers a deep page as fast as the first, through HTTP', async () => {
    const base = `/api/orgs/${owner.orgId}/inbox/conversations?view=open&limit=50`;
    const time = async (path: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const response = await owner.get(path).expect(200);
        samples.push(performance.now() - started);
        expect(response.body.items).toHaveLength(50);
      }
      return samples.sort((a, b) => a - b)[2];
    };
    const first = await time(base);
    const deep = await time(`${base}&cursor=${await cursorAtDepth(9500)}`);
    // Generous bounds for a shared, loaded machine; a sort of 10,000 rows with their latest message would miss them.
    expect(deep).toBeLessThan(Math.max(first * 3, 250));
    const counts = (await owner.get(`/api/orgs/${owner.orgId}/inbox/counts`).expect(200)).body;
    expect(counts).toMatchObject({ open: 10000, closed: 10000, mine: 2000, unassigned: 8000 });
  });
});
