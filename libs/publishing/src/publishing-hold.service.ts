import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery, type PostTarget } from '@outside-in/database';
import { DataSource } from 'typeorm';

/**
 * Whether a due target must wait: the organisation-wide or per-channel pause in force (`publishing_pause`,
 * managed by the API's pause routes, with a recorded reason). A held target is looked at again every
 * `holdRecheckMs` and is never `missed` while held; lifting the pause makes the held targets due at once.
 */
@Injectable()
export class PublishingHold {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reasonToHold(target: PostTarget): Promise<string | null> {
    const [pause] = await preparedQuery<{ reason: string; channel_id: string | null }>(
      this.dataSource,
      `SELECT reason, channel_id FROM publishing_pause
        WHERE organisation_id = $1 AND resumed_at IS NULL AND (channel_id IS NULL OR channel_id = $2)
        ORDER BY channel_id NULLS FIRST LIMIT 1`,
      [target.organisationId, target.channelId],
    );
    if (!pause) return null;
    return `${pause.channel_id ? 'publishing on this channel' : 'publishing'} is paused: ${pause.reason}`;
  }
}
