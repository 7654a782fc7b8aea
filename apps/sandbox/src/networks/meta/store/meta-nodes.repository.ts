import { Injectable } from '@nestjs/common';
import { SandboxDb } from '../../../core/sandbox-db';

export type MetaNodeKind =
  | 'app'
  | 'user'
  | 'page'
  | 'ig_user'
  | 'post'
  | 'photo'
  | 'comment'
  | 'ig_comment'
  | 'conversation'
  | 'message'
  | 'ig_container'
  | 'ig_media';

/** What a Graph id refers to, and the page that owns it (for permission checks). */
export interface MetaNode {
  kind: MetaNodeKind;
  id: string;
  pageId: string | null;
}

/**
 * Graph ids are opaque, so `/{id}/{edge}` needs a lookup to learn what the id is. One UNION over the
 * node tables answers it in one round trip.
 */
@Injectable()
export class MetaNodesRepository {
  constructor(private readonly db: SandboxDb) {}

  async resolve(id: string): Promise<MetaNode | undefined> {
    const [row] = await this.db.query<{ kind: MetaNodeKind; page_id: string | null }>(
      `SELECT 'page' AS kind, id AS page_id FROM meta_pages WHERE id = $1
       UNION ALL SELECT 'post', page_id FROM meta_posts WHERE id = $1 AND deleted_at IS NULL
       UNION ALL SELECT 'photo', page_id FROM meta_photos WHERE id = $1
       UNION ALL SELECT CASE WHEN network = 'instagram' THEN 'ig_comment' ELSE 'comment' END, page_id
                 FROM meta_comments WHERE id = $1 AND deleted_at IS NULL
       UNION ALL SELECT 'ig_user', page_id FROM meta_ig_users WHERE id = $1
       UNION ALL SELECT 'ig_container', u.page_id FROM meta_ig_containers c JOIN meta_ig_users u ON u.id = c.ig_user_id
                 WHERE c.id = $1
       UNION ALL SELECT 'ig_media', u.page_id FROM meta_ig_media m JOIN meta_ig_users u ON u.id = m.ig_user_id
                 WHERE m.id = $1 AND m.deleted_at IS NULL
       UNION ALL SELECT 'conversation', page_id FROM meta_conversations WHERE id = $1
       UNION ALL SELECT 'message', c.page_id FROM meta_messages m JOIN meta_conversations c ON c.id = m.conversation_id
                 WHERE m.id = $1
       UNION ALL SELECT 'user', NULL FROM meta_users WHERE id = $1
       UNION ALL SELECT 'app', NULL FROM meta_apps WHERE id = $1
       LIMIT 1`,
      [id],
    );
    return row ? { kind: row.kind, id, pageId: row.page_id } : undefined;
  }
}
