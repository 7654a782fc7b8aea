import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Inbox rows written straight into the database, so the records tests do not depend on ingestion or the inbox
 * API: a channel, contacts, conversations, messages and internal notes, with the times a test needs.
 */
export class RecordsFixtures {
  constructor(
    private readonly db: DataSource,
    readonly organisationId: string,
  ) {}

  async channel(handle = '@council'): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO channel (organisation_id, network, external_account_id, handle, display_name, base_url, connected_at)
       VALUES ($1, 'mastodon', $2, $3, 'Anytown Council', 'http://127.0.0.1:1/mastodon', now()) RETURNING id`,
      [this.organisationId, randomBytes(6).toString('hex'), handle],
    );
    return row.id as string;
  }

  async contact(handle: string, createdAt = new Date('2020-01-01T00:00:00Z')): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO contact (organisation_id, network, external_id, handle, display_name, created_at, updated_at)
       VALUES ($1, 'mastodon', $2, $3, $4, $5, $5) RETURNING id`,
      [this.organisationId, randomBytes(8).toString('hex'), handle, `Person ${handle}`, createdAt],
    );
    return row.id as string;
  }

  async conversation(
    channelId: string,
    contactId: string | null,
    at: Date,
    kind = 'direct',
  ): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO conversation (organisation_id, channel_id, contact_id, kind, thread_key, first_message_at, last_message_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      [this.organisationId, channelId, contactId, kind, randomBytes(8).toString('hex'), at],
    );
    return row.id as string;
  }

  /** A message written and received at `at`; moves its conversation's last_message_at forward as ingestion does. */
  async message(
    conversationId: string,
    channelId: string,
    m: { direction: 'in' | 'out'; author?: string | null; body: string; at: Date; outboundState?: string },
  ): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, author_contact_id,
                            body, created_at, received_at, outbound_state, url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING id`,
      [
        this.organisationId,
        conversationId,
        channelId,
        m.direction,
        randomBytes(8).toString('hex'),
        m.author ?? null,
        m.body,
        m.at,
        m.outboundState ?? (m.direction === 'out' ? 'sent' : null),
        'https://mastodon.example/@x/1',
      ],
    );
    await this.db.query(
      `UPDATE conversation SET last_message_at = greatest(last_message_at, $2) WHERE id = $1`,
      [conversationId, m.at],
    );
    return row.id as string;
  }

  async note(conversationId: string, authorId: string, body: string, at: Date): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO inbox_note (organisation_id, conversation_id, author_id, body, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [this.organisationId, conversationId, authorId, body, at],
    );
    return row.id as string;
  }

  async keepMessagesForMonths(months: number | null): Promise<void> {
    await this.db.query(
      `INSERT INTO organisation_setting (organisation_id, area, document) VALUES ($1, 'retention', $2)
       ON CONFLICT (organisation_id, area) DO UPDATE SET document = EXCLUDED.document`,
      [this.organisationId, { keepMessagesForMonths: months }],
    );
  }

  async count(table: 'message' | 'conversation' | 'contact'): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE organisation_id = $1`, [
      this.organisationId,
    ]);
    return row.n as number;
  }

  async exists(table: 'message' | 'conversation' | 'contact', id: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return rows.length === 1;
  }
}
