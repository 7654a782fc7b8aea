import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../../core/sandbox-db';
import { Slice } from './meta-content.repository';

export interface IgContainer {
  id: string;
  ig_user_id: string;
  media_type: 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL';
  media_url: string;
  caption: string | null;
  alt_text: string | null;
  ready_at: Date;
  expires_at: Date;
  media_id: string | null;
  created_at: Date;
}

export interface IgMedia {
  id: string;
  ig_user_id: string;
  container_id: string;
  media_type: string;
  media_url: string;
  caption: string | null;
  alt_text: string | null;
  shortcode: string;
  created_at: Date;
  seq: string;
}

/** Instagram media containers and published media. */
@Injectable()
export class MetaInstagramRepository {
  constructor(private readonly db: SandboxDb) {}

  async insertContainer(
    container: Omit<IgContainer, 'created_at' | 'media_id'>,
    db: SandboxQueryable = this.db,
  ): Promise<IgContainer> {
    const [row] = await db.query<IgContainer>(
      `INSERT INTO meta_ig_containers (id, ig_user_id, media_type, media_url, caption, alt_text, ready_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        container.id,
        container.ig_user_id,
        container.media_type,
        container.media_url,
        container.caption,
        container.alt_text,
        container.ready_at,
        container.expires_at,
      ],
    );
    return row;
  }

  async findContainer(id: string): Promise<IgContainer | undefined> {
    const [row] = await this.db.query<IgContainer>('SELECT * FROM meta_ig_containers WHERE id = $1', [id]);
    return row;
  }

  /**
   * Publishes a container exactly once: the UPDATE claims it, so two concurrent media_publish calls cannot
   * both create media.
   */
  async claimContainer(id: string, mediaId: string, db: SandboxQueryable): Promise<boolean> {
    return (
      (await db.execute('UPDATE meta_ig_containers SET media_id = $2 WHERE id = $1 AND media_id IS NULL', [
        id,
        mediaId,
      ])) > 0
    );
  }

  async insertMedia(
    media: Omit<IgMedia, 'created_at' | 'seq'>,
    db: SandboxQueryable = this.db,
  ): Promise<IgMedia> {
    const [row] = await db.query<IgMedia>(
      `INSERT INTO meta_ig_media (id, ig_user_id, container_id, media_type, media_url, caption, alt_text, shortcode)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        media.id,
        media.ig_user_id,
        media.container_id,
        media.media_type,
        media.media_url,
        media.caption,
        media.alt_text,
        media.shortcode,
      ],
    );
    return row;
  }

  async findMedia(id: string): Promise<IgMedia | undefined> {
    const [row] = await this.db.query<IgMedia>(
      'SELECT * FROM meta_ig_media WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return row;
  }

  async listMedia(igUserId: string, slice: Slice): Promise<IgMedia[]> {
    return this.db.query<IgMedia>(
      `SELECT * FROM meta_ig_media WHERE ig_user_id = $1 AND deleted_at IS NULL
         AND ($2::bigint IS NULL OR seq < $2) AND ($3::bigint IS NULL OR seq > $3)
       ORDER BY seq ${slice.before !== undefined ? 'ASC' : 'DESC'} LIMIT $4`,
      [igUserId, slice.after ?? null, slice.before ?? null, slice.limit + 1],
    );
  }

  async countPublishedSince(igUserId: string, since: Date): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM meta_ig_media WHERE ig_user_id = $1 AND created_at > $2',
      [igUserId, since],
    );
    return Number(row.n);
  }
}
