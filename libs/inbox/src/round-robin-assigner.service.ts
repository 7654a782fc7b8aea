import { Injectable, Optional } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@outside-in/database';
import type { EntityManager } from 'typeorm';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Round-robin assignment: the people who opted in (inbox_policy.round_robin_user_ids, in the order they joined)
 * are given conversations in turn. Used by a person ("give it to the next in turn") and by ingestion, which gives
 * each new conversation from the public to the next person when an admin has turned automatic round-robin on for
 * every channel or for the conversation's channel.
 *
 * The policy row is locked for the turn (FOR UPDATE), so two workers ingesting at once never give two
 * conversations the same turn, and the last person given one is remembered across batches. Only current
 * members who work the inbox (not viewers) are eligible: someone who left or became a viewer is skipped.
 */
@Injectable()
export class RoundRobinAssigner {
  constructor(@Optional() private readonly audit?: AuditService) {}

  /** The next person in turn, or null when nobody eligible has opted in. Moves the turn on. */
  async nextInTurn(manager: EntityManager, organisationId: string): Promise<string | null> {
    const [next] = await this.turns(manager, organisationId, 1);
    return next ?? null;
  }

  /**
   * Gives the new conversations (just created by ingestion, open, unassigned) to people in turn when automatic
   * round-robin is on for the channel. Answers conversation id -> the person it went to.
   */
  async assignNew(
    manager: EntityManager,
    organisationId: string,
    channelId: string,
    conversationIds: readonly string[],
  ): Promise<Map<string, string>> {
    const given = new Map<string, string>();
    if (!conversationIds.length) return given;
    const [policy] = (await manager.query(
      `SELECT round_robin_every_channel, round_robin_channel_ids FROM inbox_policy WHERE organisation_id = $1`,
      [organisationId],
    )) as Row[];
    const on =
      !!policy &&
      (policy.round_robin_every_channel === true ||
        (policy.round_robin_channel_ids as string[]).includes(channelId));
    if (!on) return given;
    const open = (await manager.query(
      `SELECT id FROM conversation
        WHERE id = ANY($1::uuid[]) AND status = 'open' AND assignee_id IS NULL ORDER BY first_message_at, id`,
      [conversationIds],
    )) as Row[];
    if (!open.length) return given;
    const people = await this.turns(manager, organisationId, open.length);
    if (!people.length) return given;
    open.forEach((row, i) => given.set(row.id as string, people[i]));
    await manager.query(
      `UPDATE conversation c SET assignee_id = g.assignee_id, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS g(id uuid, assignee_id uuid) WHERE c.id = g.id`,
      [JSON.stringify([...given].map(([id, assignee_id]) => ({ id, assignee_id })))],
    );
    if (this.audit)
      for (const [conversationId, to] of given)
        await this.audit.record(manager, {
          organisationId,
          actor: SYSTEM_ACTOR,
          action: 'inbox.assigned',
          subjectType: 'conversation',
          subjectId: conversationId,
          summary: { from: null, to, roundRobin: true, automatic: true },
          ip: null,
        });
    return given;
  }

  /** The next `count` turns among eligible people (repeating the circle when there are more turns than people). */
  private async turns(manager: EntityManager, organisationId: string, count: number): Promise<string[]> {
    const [row] = (await manager.query(
      `SELECT round_robin_user_ids, round_robin_last_user_id FROM inbox_policy WHERE organisation_id = $1 FOR UPDATE`,
      [organisationId],
    )) as Row[];
    const listed: string[] = row?.round_robin_user_ids ?? [];
    if (!listed.length) return [];
    const members = (await manager.query(
      `SELECT user_id FROM membership WHERE organisation_id = $1 AND user_id = ANY($2::uuid[]) AND role <> 'viewer'`,
      [organisationId, listed],
    )) as Row[];
    const eligible = listed.filter((id) => members.some((m) => m.user_id === id));
    if (!eligible.length) return [];
    const start = eligible.indexOf(row.round_robin_last_user_id) + 1;
    const picked = Array.from({ length: count }, (_, i) => eligible[(start + i) % eligible.length]);
    await manager.query(`UPDATE inbox_policy SET round_robin_last_user_id = $2 WHERE organisation_id = $1`, [
      organisationId,
      picked[picked.length - 1],
    ]);
    return picked;
  }
}
