import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InboundChange } from '@outside-in/platforms';
import { DataSource } from 'typeorm';
import { InboxEventBus, type InboxEvent } from './inbox-events';

export interface ChangeResult {
  /** Messages whose text changed (their earlier text kept in previous_versions). */
  edited: number;
  /** Messages newly marked as deleted by their author. */
  deleted: number;
  /** Changes that changed nothing: a repeat, an edit older than one applied, or a message we do not hold. */
  unchanged: number;
}

/** Postgres text and jsonb refuse U+0000, which a network may still send. */
const clean = (text: string): string => text.replaceAll('\u0000', '');

/**
 * Applies what a network says happened to messages it delivered before (webhook `changes`):
 *
 * - **edited**: the message takes the new text; the text it replaces is appended to `previous_versions` with the
 *   time it was replaced, so what was first said is never lost. A repeat of the same edit, or an edit older than
 *   the one already applied (deliveries can arrive out of order), changes nothing.
 * - **deleted**: `author_deleted_at` is set once. The row, its text and its raw payload stay, as evidence; screens
 *   show it as deleted by the author. Meta's `remove` does not say who removed a comment, so one that we deleted
 *   ourselves (a `message_moderation` delete, with its reason) is not put down to its author.
 *
 * A change for a message we never stored changes nothing (it may predate the channel). Each statement is one
 * conditional UPDATE, so webhooks, replays and two workers racing apply each change at most once.
 */
@Injectable()
export class MessageChanges {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly events?: InboxEventBus,
  ) {}

  async apply(channelId: string, changes: readonly InboundChange[]): Promise<ChangeResult> {
    const result: ChangeResult = { edited: 0, deleted: 0, unchanged: 0 };
    const touched = new Map<string, { organisationId: string; change: string }>();
    for (const change of changes) {
      const at = Number.isNaN(change.at?.getTime()) ? new Date() : change.at;
      const rows =
        change.change === 'edited'
          ? await this.edit(channelId, change.externalId, clean(change.text ?? ''), at)
          : await this.markDeleted(channelId, change.externalId, at);
      if (!rows.length) {
        result.unchanged += 1;
        continue;
      }
      if (change.change === 'edited') result.edited += 1;
      else result.deleted += 1;
      touched.set(rows[0].conversation_id, {
        organisationId: rows[0].organisation_id,
        change: change.change === 'edited' ? 'message_edited' : 'message_deleted_by_author',
      });
    }
    if (this.events) {
      const byOrganisation = new Map<string, InboxEvent[]>();
      for (const [conversationId, { organisationId, change }] of touched) {
        const list = byOrganisation.get(organisationId) ?? [];
        list.push({ type: 'conversation.updated', conversationId, change, by: null });
        byOrganisation.set(organisationId, list);
      }
      for (const [organisationId, list] of byOrganisation) await this.events.publish(organisationId, ...list);
    }
    return result;
  }

  private async edit(
    channelId: string,
    externalId: string,
    text: string,
    at: Date,
  ): Promise<Array<{ conversation_id: string; organisation_id: string }>> {
    const [rows] = (await this.dataSource.query(
      `UPDATE message
          SET previous_versions = coalesce(previous_versions, '[]'::jsonb)
                || jsonb_build_array(jsonb_build_object('body', body, 'replacedAt', $4::timestamptz)),
              body = $3,
              edited_at = $4
        WHERE channel_id = $1 AND external_id = $2
          AND body IS DISTINCT FROM $3
          AND (edited_at IS NULL OR edited_at < $4)
        RETURNING conversation_id, organisation_id`,
      [channelId, externalId, text, at.toISOString()],
    )) as [Array<{ conversation_id: string; organisation_id: string }>, number];
    return rows;
  }

  private async markDeleted(
    channelId: string,
    externalId: string,
    at: Date,
  ): Promise<Array<{ conversation_id: string; organisation_id: string }>> {
    const [rows] = (await this.dataSource.query(
      `UPDATE message SET author_deleted_at = $3
        WHERE channel_id = $1 AND external_id = $2 AND author_deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM message_moderation mm
                           WHERE mm.message_id = message.id AND mm.action = 'delete')
        RETURNING conversation_id, organisation_id`,
      [channelId, externalId, at.toISOString()],
    )) as [Array<{ conversation_id: string; organisation_id: string }>, number];
    return rows;
  }
}
