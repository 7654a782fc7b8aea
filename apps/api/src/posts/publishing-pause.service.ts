import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { networkName } from '@outside-in/channels';
import { ConflictError, InvalidInputError } from '@outside-in/common';
import {
  AuditActor,
  AuditService,
  Channel,
  Organisation,
  PublishingPause,
  returnedRows,
} from '@outside-in/database';
import { formatInZone } from '@outside-in/guardrails';
import { PublishScheduler } from '@outside-in/publishing';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { channelSummary } from './post-views';
import type { PauseEntryView, PauseStateView } from './post.dto';

/**
 * The organisation-wide and per-channel pause. The publishing engine (PostTargetRepository.gate) reads `publishing_pause`
 * and holds every due target while one is in force; lifting it makes the held targets due at once (their
 * not-before set to now, never cleared, so a post held for hours is not then taken for `missed`).
 */
@Injectable()
export class PublishingPauseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scheduler: PublishScheduler,
  ) {}

  async state(organisationId: string): Promise<PauseStateView> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    const rows = await this.dataSource.getRepository(PublishingPause).find({
      where: { organisationId, resumedAt: IsNull() },
      relations: { channel: true },
      order: { pausedAt: 'ASC' },
    });
    const active = rows;
    const entry = (row: PublishingPause): PauseEntryView => ({
      id: row.id,
      channel: row.channel ? channelSummary(row.channel) : null,
      reason: row.reason,
      pausedBy: row.pausedByLabel.replace(/\s*<[^>]*>$/, ''),
      pausedAt: row.pausedAt,
      pausedAtText: formatInZone(row.pausedAt, organisation.timeZone),
    });
    const whole = active.find((row) => row.channelId === null) ?? null;
    const channels = active.filter((row) => row.channelId !== null).map(entry);
    let banner: string | null = null;
    if (whole) {
      banner = `Publishing is paused for the whole organisation: ${whole.reason}. Nothing will be published until an admin resumes it.`;
    } else if (channels.length) {
      banner = `Publishing is paused on ${channels
        .map((c) => `${c.channel?.networkName} ${c.channel?.handle}`)
        .join(', ')}: ${channels.map((c) => c.reason).join('; ')}.`;
    }
    return { organisationPaused: !!whole, organisation: whole ? entry(whole) : null, channels, banner };
  }

  async pause(
    organisationId: string,
    input: { reason: string; channelId?: string },
    actor: AuditActor,
    ip: string | null,
  ): Promise<PauseStateView> {
    await this.dataSource.transaction(async (manager) => {
      const channel = input.channelId ? await this.channelOf(manager, organisationId, input.channelId) : null;
      const existing = await this.active(manager, organisationId, channel?.id ?? null);
      if (existing) {
        throw new ConflictError(
          channel
            ? `Publishing on ${networkName(channel.network)} ${channel.handle} is already paused: ${existing.reason}.`
            : `Publishing is already paused for the whole organisation: ${existing.reason}.`,
        );
      }
      // Two people pausing at once: the unique index lets one in; the other is told it is already paused.
      const row = await manager
        .getRepository(PublishingPause)
        .save({
          organisationId,
          channelId: channel?.id ?? null,
          reason: input.reason,
          pausedById: actor.userId,
          pausedByLabel: actor.label,
        })
        .catch((error: { code?: string }) => {
          if (error.code === '23505')
            throw new ConflictError('Someone paused it a moment ago: reload to see why.');
          throw error;
        });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'publishing.paused',
        subjectType: channel ? 'channel' : 'organisation',
        subjectId: channel?.id ?? organisationId,
        summary: { reason: input.reason, pauseId: row.id },
        ip,
      });
    });
    return this.state(organisationId);
  }

  async resume(
    organisationId: string,
    input: { channelId?: string },
    actor: AuditActor,
    ip: string | null,
  ): Promise<PauseStateView> {
    const resumed = await this.dataSource.transaction(async (manager) => {
      const channel = input.channelId ? await this.channelOf(manager, organisationId, input.channelId) : null;
      const existing = await this.active(manager, organisationId, channel?.id ?? null);
      if (!existing) {
        throw new ConflictError(
          channel
            ? `Publishing on ${networkName(channel.network)} ${channel.handle} is not paused.`
            : 'Publishing is not paused for the whole organisation.',
        );
      }
      await manager
        .getRepository(PublishingPause)
        .update(
          { id: existing.id },
          { resumedAt: new Date(), resumedById: actor.userId, resumedByLabel: actor.label },
        );
      // Held targets wait with a not-before a minute ahead: make them due now and queue them after commit.
      const rows = returnedRows<{ id: string }>(
        await manager.query(
          `UPDATE post_target SET not_before = now(), updated_at = now()
          WHERE organisation_id = $1 AND ($2::uuid IS NULL OR channel_id = $2)
            AND (state = 'scheduled' OR (state = 'approved' AND publish_now))
            AND not_before > now() AND (publish_now OR scheduled_at <= now())
        RETURNING id`,
          [organisationId, channel?.id ?? null],
        ),
      );
      for (const row of rows) await this.scheduler.schedule(manager, row.id);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'publishing.resumed',
        subjectType: channel ? 'channel' : 'organisation',
        subjectId: channel?.id ?? organisationId,
        summary: { reason: existing.reason, pauseId: existing.id, releasedTargets: rows.length },
        ip,
      });
      return rows.length;
    });
    return { ...(await this.state(organisationId)), resumedTargets: resumed };
  }

  private async active(
    manager: EntityManager,
    organisationId: string,
    channelId: string | null,
  ): Promise<PublishingPause | null> {
    return manager
      .getRepository(PublishingPause)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.organisation_id = :organisationId AND p.resumed_at IS NULL', { organisationId })
      .andWhere(channelId ? 'p.channel_id = :channelId' : 'p.channel_id IS NULL', { channelId })
      .getOne();
  }

  private async channelOf(
    manager: EntityManager,
    organisationId: string,
    channelId: string,
  ): Promise<Channel> {
    const channel = await manager.getRepository(Channel).findOneBy({ id: channelId, organisationId });
    if (!channel) {
      throw new InvalidInputError(`This organisation has no channel with the id ${channelId}.`, [
        { field: 'channelId', problem: 'is not one of this organisation’s channels' },
      ]);
    }
    return channel;
  }
}
