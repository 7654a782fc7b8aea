import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../../core/sandbox-db';

export interface MetaPost {
  id: string;
  page_id: string;
  status_type: 'mobile_status_update' | 'added_photos' | 'shared_story';
  message: string | null;
  link: string | null;
  photo_id: string | null;
  published: boolean;
  scheduled_publish_time: Date | null;
  created_at: Date;
  seq: string;
}

export interface MetaPhoto {
  id: string;
  page_id: string;
  post_id: string | null;
  url: string | null;
  bytes: number | null;
  caption: string | null;
  alt_text: string | null;
  published: boolean;
  created_at: Date;
}

export interface MetaComment {
  id: string;
  network: 'facebook' | 'instagram';
  object_id: string;
  parent_id: string | null;
  page_id: string;
  author_id: string;
  author_name: string;
  author_username: string | null;
  message: string;
  is_hidden: boolean;
  created_at: Date;
  seq: string;
}

export interface Slice {
  after?: number;
  before?: number;
  limit: number;
}

/**
 * Page posts, photos and comments (Facebook and Instagram). Lists fetch `limit + 1` rows so the caller knows
 * whether a next page exists.
 */
@Injectable()
export class MetaContentRepository {
  constructor(private readonly db: SandboxDb) {}

  async insertPost(
    post: Omit<MetaPost, 'created_at' | 'seq'>,
    db: SandboxQueryable = this.db,
  ): Promise<MetaPost> {
    const [row] = await db.query<MetaPost>(
      `INSERT INTO meta_posts (id, page_id, status_type, message, link, photo_id, published, scheduled_publish_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        post.id,
        post.page_id,
        post.status_type,
        post.message,
        post.link,
        post.photo_id,
        post.published,
        post.scheduled_publish_time,
      ],
    );
    return row;
  }

  async findPost(id: string): Promise<MetaPost | undefined> {
    const [row] = await this.db.query<MetaPost>(
      'SELECT * FROM meta_posts WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return row;
  }

  /** A post of this page with the same message and link in the last day: Graph's (#506). */
  async findDuplicate(
    pageId: string,
    message: string | null,
    link: string | null,
  ): Promise<MetaPost | undefined> {
    const [row] = await this.db.query<MetaPost>(
      `SELECT * FROM meta_posts WHERE page_id = $1 AND deleted_at IS NULL AND message IS NOT DISTINCT FROM $2
         AND link IS NOT DISTINCT FROM $3 AND created_at > now() - interval '24 hours' LIMIT 1`,
      [pageId, message, link],
    );
    return row;
  }

  async countRecentPosts(pageId: string, seconds: number): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM meta_posts WHERE page_id = $1 AND created_at > now() - make_interval(secs => $2)`,
      [pageId, seconds],
    );
    return Number(row.n);
  }

  /**
   * The page's feed: published posts and scheduled posts whose time has come, newest first. `scheduled`
   * lists the posts still waiting instead (GET /{page-id}/scheduled_posts).
   */
  async listPosts(
    pageId: string,
    which: 'feed' | 'scheduled',
    slice: Slice,
    window: { since?: Date; until?: Date } = {},
  ): Promise<MetaPost[]> {
    const visible =
      which === 'feed'
        ? '(published OR scheduled_publish_time <= now())'
        : '(NOT published AND scheduled_publish_time > now())';
    return this.db.query<MetaPost>(
      `SELECT * FROM meta_posts WHERE page_id = $1 AND deleted_at IS NULL AND ${visible}
         AND ($2::bigint IS NULL OR seq < $2) AND ($3::bigint IS NULL OR seq > $3)
         AND ($5::timestamptz IS NULL OR created_at >= $5) AND ($6::timestamptz IS NULL OR created_at <= $6)
       ORDER BY seq ${slice.before !== undefined ? 'ASC' : 'DESC'} LIMIT $4`,
      [
        pageId,
        slice.after ?? null,
        slice.before ?? null,
        slice.limit + 1,
        window.since ?? null,
        window.until ?? null,
      ],
    );
  }

  async deletePost(id: string): Promise<boolean> {
    return (
      (await this.db.execute(
        'UPDATE meta_posts SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL',
        [id],
      )) > 0
    );
  }

  async insertPhoto(
    photo: Omit<MetaPhoto, 'created_at'>,
    db: SandboxQueryable = this.db,
  ): Promise<MetaPhoto> {
    const [row] = await db.query<MetaPhoto>(
      `INSERT INTO meta_photos (id, page_id, post_id, url, bytes, caption, alt_text, published)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        photo.id,
        photo.page_id,
        photo.post_id,
        photo.url,
        photo.bytes,
        photo.caption,
        photo.alt_text,
        photo.published,
      ],
    );
    return row;
  }

  async findPhoto(id: string): Promise<MetaPhoto | undefined> {
    const [row] = await this.db.query<MetaPhoto>('SELECT * FROM meta_photos WHERE id = $1', [id]);
    return row;
  }

  async insertComment(
    comment: Omit<MetaComment, 'created_at' | 'seq' | 'is_hidden'> & { created_at?: Date },
    db: SandboxQueryable = this.db,
  ): Promise<MetaComment> {
    const [row] = await db.query<MetaComment>(
      `INSERT INTO meta_comments (id, network, object_id, parent_id, page_id, author_id, author_name, author_username, message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, now())) RETURNING *`,
      [
        comment.id,
        comment.network,
        comment.object_id,
        comment.parent_id,
        comment.page_id,
        comment.author_id,
        comment.author_name,
        comment.author_username,
        comment.message,
        comment.created_at ?? null,
      ],
    );
    return row;
  }

  /** Many comments in one statement, in the given order (crowd bursts). */
  async insertComments(
    rows: Array<Omit<MetaComment, 'created_at' | 'seq' | 'is_hidden'>>,
    db: SandboxQueryable = this.db,
  ): Promise<MetaComment[]> {
    if (rows.length === 0) return [];
    const column = <K extends keyof (typeof rows)[number]>(key: K): Array<(typeof rows)[number][K]> =>
      rows.map((row) => row[key]);
    const inserted = await db.query<MetaComment>(
      `INSERT INTO meta_comments (id, network, object_id, parent_id, page_id, author_id, author_name, author_username, message)
       SELECT id, network, object_id, parent_id, page_id, author_id, author_name, author_username, message
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         WITH ORDINALITY AS t(id, network, object_id, parent_id, page_id, author_id, author_name, author_username, message, ord)
       ORDER BY ord
       RETURNING *`,
      [
        column('id'),
        column('network'),
        column('object_id'),
        column('parent_id'),
        column('page_id'),
        column('author_id'),
        column('author_name'),
        column('author_username'),
        column('message'),
      ],
    );
    // RETURNING does not promise the input order: answer in it.
    const byId = new Map(inserted.map((comment) => [comment.id, comment]));
    return rows.map((row) => byId.get(row.id)!);
  }

  async existingObjects(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM meta_posts WHERE id = ANY($1) AND deleted_at IS NULL
       UNION ALL SELECT id FROM meta_ig_media WHERE id = ANY($1) AND deleted_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  async findComment(id: string): Promise<MetaComment | undefined> {
    const [row] = await this.db.query<MetaComment>(
      'SELECT * FROM meta_comments WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return row;
  }

  /**
   * Comments on an object (`parent_id IS NULL` for top level) or replies to a comment, in `order`.
   * `stream` lists every comment on the object, replies included, chronologically.
   */
  async listComments(
    scope: { objectId: string; topLevelOnly: boolean } | { parentId: string },
    order: 'chronological' | 'reverse_chronological',
    slice: Slice,
  ): Promise<MetaComment[]> {
    const where =
      'parentId' in scope
        ? 'parent_id = $1'
        : `object_id = $1 ${scope.topLevelOnly ? 'AND parent_id IS NULL' : ''}`;
    const ascending = order === 'chronological';
    // Cursors are positions in the list's own order, so "after" means later in that order.
    const afterOp = ascending ? '>' : '<';
    const beforeOp = ascending ? '<' : '>';
    const direction = (ascending ? 1 : -1) * (slice.before !== undefined ? -1 : 1) > 0 ? 'ASC' : 'DESC';
    return this.db.query<MetaComment>(
      `SELECT * FROM meta_comments WHERE ${where} AND deleted_at IS NULL
         AND ($2::bigint IS NULL OR seq ${afterOp} $2) AND ($3::bigint IS NULL OR seq ${beforeOp} $3)
       ORDER BY seq ${direction} LIMIT $4`,
      [
        'parentId' in scope ? scope.parentId : scope.objectId,
        slice.after ?? null,
        slice.before ?? null,
        slice.limit + 1,
      ],
    );
  }

  async countComments(
    scope: { objectId: string; topLevelOnly: boolean } | { parentId: string },
  ): Promise<number> {
    const [row] =
      'parentId' in scope
        ? await this.db.query<{ n: string }>(
            'SELECT count(*) AS n FROM meta_comments WHERE parent_id = $1 AND deleted_at IS NULL',
            [scope.parentId],
          )
        : await this.db.query<{ n: string }>(
            `SELECT count(*) AS n FROM meta_comments WHERE object_id = $1 AND deleted_at IS NULL
               ${scope.topLevelOnly ? 'AND parent_id IS NULL' : ''}`,
            [scope.objectId],
          );
    return Number(row.n);
  }

  /** Records the private reply to a comment; false if the comment already has one. */
  async claimPrivateReply(commentId: string, messageId: string, db: SandboxQueryable): Promise<boolean> {
    return (
      (await db.execute(
        'UPDATE meta_comments SET private_reply_id = $2 WHERE id = $1 AND private_reply_id IS NULL',
        [commentId, messageId],
      )) > 0
    );
  }

  async setCommentHidden(id: string, hidden: boolean): Promise<void> {
    await this.db.execute('UPDATE meta_comments SET is_hidden = $2 WHERE id = $1', [id, hidden]);
  }

  async updateCommentMessage(id: string, message: string): Promise<void> {
    await this.db.execute('UPDATE meta_comments SET message = $2 WHERE id = $1', [id, message]);
  }

  async deleteComment(id: string): Promise<boolean> {
    return (
      (await this.db.execute(
        'UPDATE meta_comments SET deleted_at = now() WHERE (id = $1 OR parent_id = $1) AND deleted_at IS NULL',
        [id],
      )) > 0
    );
  }
}
