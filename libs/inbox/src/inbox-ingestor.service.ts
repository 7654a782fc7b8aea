import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError } from '@outside-in/common';
import type { InboundAuthor, InboundItem } from '@outside-in/platforms';
import { DataSource, EntityManager } from 'typeorm';
import { RoundRobinAssigner } from './round-robin-assigner.service';
import { InboxEventBus, type InboxEvent } from './inbox-events';
import { InboundGuardrails, type IngestedMessage } from './guardrails/inbound-guardrails.service';
import { inboundLanguage } from './guardrails/inbound-language';
import { placeItems, placementKey, type ThreadPlacement } from './threading';

export interface IngestResult {
  /** Items given (after dropping repeats of one external id within the batch, which count as duplicates). */
  received: number;
  /** New message rows. */
  inserted: number;
  /** Items already stored (delivered before by another path, a replay, or twice in this batch). */
  duplicates: number;
  /** Items that cannot be stored (an external id longer than any network uses); left out, never failing the batch. */
  skipped: number;
  /** Of the new rows, our own messages echoed back by the network (stored as direction `out`). */
  echoes: number;
  /** The new messages from the public, for "new message" notifications; echoes and duplicates are not here. */
  newInbound: Array<{ messageId: string; conversationId: string }>;
}

interface ChannelRow {
  id: string;
  organisation_id: string;
  network: string;
}

/** Postgres text and jsonb refuse U+0000, which a network may still send. */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** JSON for jsonb_to_recordset, without U+0000. */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? withoutNul(v) : v));
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Column widths of the tables (see the entities). */
const MAX_EXTERNAL_ID = 300;
const MAX_LANGUAGE = 20;

/**
 * An item as the tables can hold it, or null when it cannot be stored at all (an id no network uses). One bad
 * item must never fail its batch: the poll would fail on it forever and the channel's cursor would never move.
 */
function storable(item: InboundItem): InboundItem | null {
  if (!item.externalId || item.externalId.length > MAX_EXTERNAL_ID) return null;
  const createdAt = Number.isNaN(item.createdAt?.getTime()) ? new Date() : item.createdAt;
  return {
    ...item,
    createdAt,
    threadKey: (item.threadKey || item.externalId).slice(0, MAX_EXTERNAL_ID),
    inReplyToExternalId: item.inReplyToExternalId?.slice(0, MAX_EXTERNAL_ID),
    // The network's language tag; messages from the public without one get our guess once known to be new.
    language: item.language?.slice(0, MAX_LANGUAGE) || undefined,
    text: item.text ?? '',
  };
}

/**
 * Stores inbound items from any path (polling, webhooks, replays) as contacts, conversations and messages, in a
 * handful of set-based statements per batch whatever its size. Deduplication is the database's: messages are
 * inserted with ON CONFLICT (channel_id, external_id) DO NOTHING, so two workers ingesting the same items at
 * once still store each one once. Rows are written in a fixed order (sorted keys) so concurrent batches that
 * overlap cannot deadlock. Threading rules: see threading.ts.
 *
 * Our own messages echoed back (`fromAccount`) are recognised: one we sent through Outside In already has its
 * row (same external id) and is a duplicate; one sent from the network's own app is stored as `out`, counts as
 * a response, and is never reported as a new message. New messages from the public reopen a conversation that
 * was closed, pending or snoozed.
 */
@Injectable()
export class InboxIngestor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly events?: InboxEventBus,
    @Optional() private readonly roundRobin: RoundRobinAssigner = new RoundRobinAssigner(),
    @Optional() private readonly guardrails?: InboundGuardrails,
  ) {}

  /** Ingests in its own transaction. */
  async ingest(channelId: string, items: readonly InboundItem[]): Promise<IngestResult> {
    return this.dataSource.transaction((manager) => this.ingestWith(manager, channelId, items));
  }

  /** Ingests inside the caller's transaction (the poller stores the cursor in the same one). */
  async ingestWith(
    manager: EntityManager,
    channelId: string,
    items: readonly InboundItem[],
  ): Promise<IngestResult> {
    const [channel] = (await manager.query(`SELECT id, organisation_id, network FROM channel WHERE id = $1`, [
      channelId,
    ])) as ChannelRow[];
    if (!channel) throw new NotFoundError(`No channel has the id ${channelId}.`);
    const result: IngestResult = {
      received: items.length,
      inserted: 0,
      duplicates: 0,
      skipped: 0,
      echoes: 0,
      newInbound: [],
    };
    if (!items.length) return result;

    // One item per external id; the network's clock orders the rest (threading looks at earlier items).
    const unique = new Map<string, InboundItem>();
    for (const raw of items) {
      const item = storable(raw);
      if (!item) result.skipped += 1;
      else if (!unique.has(item.externalId)) unique.set(item.externalId, item);
    }
    const ids = [...unique.keys()];

    // Most repeats are already stored: drop them before any other work (the INSERT below still decides). The
    // same lookup finds the conversations of the messages these items answer (threading rule 2).
    const parents = [...unique.values()]
      .map((item) => item.inReplyToExternalId)
      .filter((id): id is string => !!id);
    const known = await this.storedMessages(manager, channelId, [...new Set([...ids, ...parents])]);
    const stored = new Set(ids.filter((id) => known.has(id)));
    const fresh = [...unique.values()]
      .filter((item) => !stored.has(item.externalId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byText(a.externalId, b.externalId));
    if (!fresh.length) {
      result.duplicates = items.length - result.skipped;
      return result;
    }
    // Our guess (Welsh, English, Gaelic) for new messages from the public that the network did not tag: only for
    // these, so the second and third delivery of an item cost no detection.
    for (const item of fresh)
      if (!item.fromAccount && !item.language)
        item.language = inboundLanguage(item.text, null)?.slice(0, MAX_LANGUAGE) ?? undefined;

    const contacts = await this.upsertContacts(manager, channel, fresh);
    const placements = placeItems(fresh, known);
    const created: string[] = [];
    const conversations = await this.upsertConversations(
      manager,
      channel,
      fresh,
      placements,
      contacts,
      created,
    );

    const rows = fresh.map((item, i) => ({
      conversation_id: conversations.get(placementKey(placements[i]))!,
      direction: item.fromAccount ? 'out' : 'in',
      external_id: item.externalId,
      author_contact_id: item.fromAccount ? null : (contacts.get(item.author.externalId) ?? null),
      body: item.text,
      in_reply_to: item.inReplyToExternalId ?? null,
      url: item.url ?? null,
      language: item.language ?? null,
      created_at: item.createdAt.toISOString(),
      raw: item.raw ?? null,
    }));
    rows.sort((a, b) => byText(a.external_id, b.external_id));
    const inserted = (await manager.query(
      `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, author_contact_id,
                            body, in_reply_to_external_id, url, language, created_at, raw)
       SELECT $1, m.conversation_id, $2, m.direction, m.external_id, m.author_contact_id,
              m.body, m.in_reply_to, m.url, m.language, m.created_at, m.raw
         FROM jsonb_to_recordset($3::jsonb) AS m(conversation_id uuid, direction text, external_id text,
              author_contact_id uuid, body text, in_reply_to text, url text, language text,
              created_at timestamptz, raw jsonb)
       ON CONFLICT (channel_id, external_id) DO NOTHING
       RETURNING id, conversation_id, direction, external_id, author_contact_id`,
      [channel.organisation_id, channelId, json(rows)],
    )) as Array<{
      id: string;
      conversation_id: string;
      direction: 'in' | 'out';
      external_id: string;
      author_contact_id: string | null;
    }>;

    await this.touchConversations(
      manager,
      inserted.map((row) => row.id),
    );

    // New conversations from the public go to the next person in turn where automatic round-robin is on.
    await this.roundRobin.assignNew(manager, channel.organisation_id, channelId, created);

    // Safeguarding triage and the out-of-hours reply, in this transaction (see InboundGuardrails).
    // Given what was just written, so the guardrails need not read the batch back.
    if (this.guardrails) {
      const byExternalId = new Map(fresh.map((item) => [item.externalId, item]));
      await this.guardrails.afterIngest(
        manager,
        channel,
        inserted
          .filter((row) => row.direction === 'in')
          .map((row): IngestedMessage => {
            const item = byExternalId.get(row.external_id)!;
            return {
              id: row.id,
              conversation_id: row.conversation_id,
              author_contact_id: row.author_contact_id,
              external_id: row.external_id,
              body: withoutNul(item.text),
              created_at: item.createdAt,
              language: item.language ?? null,
              contact_external_id: item.author.externalId.slice(0, 200),
            };
          }),
      );
    }

    result.inserted = inserted.length;
    result.duplicates = items.length - result.skipped - inserted.length;
    result.echoes = inserted.filter((row) => row.direction === 'out').length;
    result.newInbound = inserted
      .filter((row) => row.direction === 'in')
      .map((row) => ({ messageId: row.id, conversationId: row.conversation_id }));
    // Open screens hear of it once the batch commits: one event per conversation, whatever the batch size.
    const latest = new Map<string, InboxEvent>();
    for (const row of inserted)
      latest.set(row.conversation_id, {
        type: 'message.created',
        conversationId: row.conversation_id,
        messageId: row.id,
        direction: row.direction,
      });
    if (this.events && latest.size)
      await this.events.publishAfterCommit(
        this.dataSource,
        manager,
        channel.organisation_id,
        ...latest.values(),
      );
    return result;
  }

  /**
   * Contacts of the people who wrote (not our own account). Names follow the network, except placeholders
   * (`nameUnknown`: the event named only an id), which create a contact but never overwrite a known name.
   */
  private async upsertContacts(
    manager: EntityManager,
    channel: ChannelRow,
    items: readonly InboundItem[],
  ): Promise<Map<string, string>> {
    const authors = new Map<string, InboundAuthor>();
    for (const item of items) {
      if (item.fromAccount) continue;
      const known = authors.get(item.author.externalId);
      if (!known || known.nameUnknown) authors.set(item.author.externalId, item.author);
    }
    if (!authors.size) return new Map();
    const sorted = [...authors.values()].sort((a, b) => byText(a.externalId, b.externalId));
    const toRow = (a: InboundAuthor) => ({
      external_id: a.externalId.slice(0, 200),
      handle: a.handle.slice(0, 200),
      display_name: a.displayName.slice(0, 200),
      profile_url: a.profileUrl || null,
    });
    const named = sorted.filter((a) => !a.nameUnknown).map(toRow);
    const unnamed = sorted.filter((a) => a.nameUnknown).map(toRow);
    const select = `SELECT $1::uuid, $2, c.external_id, c.handle, c.display_name, c.profile_url
                      FROM jsonb_to_recordset($3::jsonb) AS c(external_id text, handle text, display_name text, profile_url text)`;
    if (named.length) {
      await manager.query(
        `INSERT INTO contact (organisation_id, network, external_id, handle, display_name, profile_url)
         ${select}
         ON CONFLICT (organisation_id, network, external_id) DO UPDATE
            SET handle = EXCLUDED.handle, display_name = EXCLUDED.display_name,
                profile_url = COALESCE(EXCLUDED.profile_url, contact.profile_url), updated_at = now()
          WHERE (contact.handle, contact.display_name, contact.profile_url)
                IS DISTINCT FROM (EXCLUDED.handle, EXCLUDED.display_name, COALESCE(EXCLUDED.profile_url, contact.profile_url))`,
        [channel.organisation_id, channel.network, json(named)],
      );
    }
    if (unnamed.length) {
      await manager.query(
        `INSERT INTO contact (organisation_id, network, external_id, handle, display_name, profile_url)
         ${select}
         ON CONFLICT (organisation_id, network, external_id) DO NOTHING`,
        [channel.organisation_id, channel.network, json(unnamed)],
      );
    }
    const rows = (await manager.query(
      `SELECT c.id, c.external_id
         FROM unnest($3::text[]) AS x(external_id)
         CROSS JOIN LATERAL (
           SELECT id, external_id FROM contact
            WHERE organisation_id = $1 AND network = $2 AND external_id = x.external_id LIMIT 1) c`,
      [channel.organisation_id, channel.network, sorted.map((a) => a.externalId.slice(0, 200))],
    )) as Array<{ id: string; external_id: string }>;
    return new Map(rows.map((row) => [row.external_id, row.id]));
  }

  /**
   * External id -> conversation id of the messages already stored on the channel, among `externalIds`.
   *
   * Lookups by a key of several columns go through LATERAL ... LIMIT 1, one unique-index probe per key: written
   * as `external_id = ANY($ids)`, the planner may read every row of the channel (or organisation) and filter
   * them when its statistics lag behind a growing table, which made ingestion slow down as a channel grew.
   */
  private async storedMessages(
    manager: EntityManager,
    channelId: string,
    externalIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (!externalIds.length) return new Map();
    const rows = (await manager.query(
      `SELECT m.external_id, m.conversation_id
         FROM unnest($2::text[]) AS x(external_id)
         CROSS JOIN LATERAL (
           SELECT external_id, conversation_id FROM message
            WHERE channel_id = $1 AND external_id = x.external_id LIMIT 1) m`,
      [channelId, externalIds],
    )) as Array<{ external_id: string; conversation_id: string }>;
    return new Map(rows.map((row) => [row.external_id, row.conversation_id]));
  }

  /** Finds or creates the conversations the placements name; returns placement key -> conversation id. */
  private async upsertConversations(
    manager: EntityManager,
    channel: ChannelRow,
    items: readonly InboundItem[],
    placements: readonly ThreadPlacement[],
    contacts: ReadonlyMap<string, string>,
    created: string[],
  ): Promise<Map<string, string>> {
    const byKey = new Map<string, string>();
    const wanted = new Map<
      string,
      {
        kind: string;
        thread_key: string;
        contact_id: string | null;
        first_at: string;
        last_at: string;
        status: string;
        language: string | null;
      }
    >();
    items.forEach((item, i) => {
      const placement = placements[i];
      if ('conversationId' in placement) {
        byKey.set(placementKey(placement), placement.conversationId);
        return;
      }
      const key = placementKey(placement);
      const at = item.createdAt.toISOString();
      const contact = item.fromAccount ? null : (contacts.get(item.author.externalId) ?? null);
      const row = wanted.get(key);
      if (!row) {
        wanted.set(key, {
          kind: placement.kind,
          thread_key: placement.threadKey,
          contact_id: contact,
          first_at: at,
          last_at: at,
          status: item.fromAccount ? 'pending' : 'open',
          language: item.fromAccount ? null : (item.language ?? null),
        });
      } else {
        row.last_at = at;
        row.contact_id ??= contact;
        if (!item.fromAccount) {
          row.status = 'open';
          row.language ??= item.language ?? null;
        }
      }
    });
    if (!wanted.size) return byKey;
    const rows = [...wanted.values()].sort(
      (a, b) => byText(a.kind, b.kind) || byText(a.thread_key, b.thread_key),
    );
    const inserted = (await manager.query(
      `INSERT INTO conversation (organisation_id, channel_id, kind, thread_key, contact_id, status,
                                 first_message_at, last_message_at, language)
       SELECT $1, $2, c.kind, c.thread_key, c.contact_id, c.status, c.first_at, c.last_at, c.language
         FROM jsonb_to_recordset($3::jsonb) AS c(kind text, thread_key text, contact_id uuid, status text,
              first_at timestamptz, last_at timestamptz, language text)
       ON CONFLICT (channel_id, kind, thread_key) DO NOTHING
       RETURNING id`,
      [channel.organisation_id, channel.id, json(rows)],
    )) as Array<{ id: string }>;
    created.push(...inserted.map((row) => row.id));
    const found = (await manager.query(
      `SELECT c.id, c.kind, c.thread_key
         FROM jsonb_to_recordset($2::jsonb) AS k(kind text, thread_key text)
         CROSS JOIN LATERAL (
           SELECT id, kind, thread_key FROM conversation
            WHERE channel_id = $1 AND kind = k.kind AND thread_key = k.thread_key LIMIT 1) c`,
      [channel.id, json(rows.map((row) => ({ kind: row.kind, thread_key: row.thread_key })))],
    )) as Array<{ id: string; kind: string; thread_key: string }>;
    for (const row of found) byKey.set(`key:${row.kind}:${row.thread_key}`, row.id);
    return byKey;
  }

  /**
   * Brings the conversations of new messages up to date: latest activity, contact (first person from the public),
   * first response time (our first message after the public's first), and reopening on new inbound.
   */
  private async touchConversations(manager: EntityManager, messageIds: readonly string[]): Promise<void> {
    if (!messageIds.length) return;
    await manager.query(
      `WITH fresh AS (
         SELECT m.conversation_id,
                min(m.created_at) AS first_at,
                max(m.created_at) AS last_at,
                min(m.created_at) FILTER (WHERE m.direction = 'in') AS first_in_at,
                min(m.created_at) FILTER (WHERE m.direction = 'out') AS first_out_at,
                (array_agg(m.author_contact_id ORDER BY m.created_at) FILTER (WHERE m.author_contact_id IS NOT NULL))[1] AS contact_id,
                (array_agg(m.language ORDER BY m.created_at) FILTER (WHERE m.direction = 'in' AND m.language IS NOT NULL))[1] AS language
           FROM message m
          WHERE m.id = ANY($1::uuid[])
          GROUP BY m.conversation_id
          ORDER BY m.conversation_id
       )
       UPDATE conversation c SET
         last_message_at = GREATEST(c.last_message_at, f.last_at),
         first_message_at = LEAST(c.first_message_at, f.first_at),
         contact_id = COALESCE(c.contact_id, f.contact_id),
         language = COALESCE(c.language, f.language),
         status = CASE WHEN f.first_in_at IS NOT NULL THEN 'open' ELSE c.status END,
         snoozed_until = CASE WHEN f.first_in_at IS NOT NULL THEN NULL ELSE c.snoozed_until END,
         resolved_at = CASE WHEN f.first_in_at IS NOT NULL THEN NULL ELSE c.resolved_at END,
         first_response_at = CASE
           WHEN c.first_response_at IS NULL AND f.first_out_at IS NOT NULL THEN (
             SELECT min(o.created_at) FROM message o
              WHERE o.conversation_id = c.id AND o.direction = 'out'
                AND o.created_at >= (SELECT min(i.created_at) FROM message i
                                      WHERE i.conversation_id = c.id AND i.direction = 'in'))
           ELSE c.first_response_at END,
         updated_at = now()
       FROM fresh f
       WHERE c.id = f.conversation_id`,
      [messageIds],
    );
  }
}
