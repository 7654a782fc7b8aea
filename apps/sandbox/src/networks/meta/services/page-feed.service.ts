import { Injectable } from '@nestjs/common';
import { LedgerService } from '../../../core/ledger.service';
import { SandboxDb } from '../../../core/sandbox-db';
import { assertActsAsPage, assertCanRead } from '../graph/graph-access';
import { graphBase, GraphContext, GraphResult } from '../graph/graph-context';
import { GraphError, invalidParameter } from '../graph/graph-error';
import { FieldRequest, selectFields } from '../graph/graph-fields';
import { graphList } from '../graph/graph-list';
import { encodeCursor, readPageRequest } from '../graph/graph-paging';
import { unixSeconds } from '../graph/graph-time';
import { presentComment, presentPhoto, presentPost } from '../graph/meta-presenters';
import { metaIds } from '../meta-ids';
import { MetaPage } from '../store/meta-accounts.repository';
import { MetaContentRepository, MetaPhoto, MetaPost } from '../store/meta-content.repository';
import { MetaUsageService } from './meta-usage.service';
import { MetaWebhooksService } from './meta-webhooks.service';

const MIN_SCHEDULE_SECONDS = 10 * 60;
const MAX_SCHEDULE_SECONDS = 30 * 24 * 3600;
/** Graph's limit on a post's message. */
const MAX_MESSAGE_LENGTH = 63_206;
export const POST_DEFAULT_FIELDS = ['created_time', 'message', 'id'];
const COMMENT_DEFAULT_FIELDS = ['created_time', 'from', 'message', 'id'];

/** Uploaded files, as multer hands them over. */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
}

/** POST/GET /{page-id}/feed, /{page-id}/photos, /{page-id}/scheduled_posts, and single posts and photos. */
@Injectable()
export class PageFeedService {
  constructor(
    private readonly db: SandboxDb,
    private readonly content: MetaContentRepository,
    private readonly ledger: LedgerService,
    private readonly usage: MetaUsageService,
    private readonly webhooks: MetaWebhooksService,
  ) {}

  async createPost(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'POST', page.id);
    const p = ctx.params;
    const message = p.string('message') ?? null;
    const link = p.string('link') ?? null;
    const attached = this.attachedMedia(ctx);
    if (!message && !link && attached.length === 0) {
      throw invalidParameter('Missing message or attachment: send `message`, `link` or `attached_media`');
    }
    if (message && message.length > MAX_MESSAGE_LENGTH) {
      throw invalidParameter(`Param message must be at most ${MAX_MESSAGE_LENGTH} characters long`);
    }
    if (link && !isHttpUrl(link)) throw invalidParameter('Param link must be a valid URL (http or https)');
    const published = p.boolean('published', true);
    const scheduled = this.scheduledTime(ctx, published);
    const photos: MetaPhoto[] = [];
    for (const id of attached) {
      const photo = await this.content.findPhoto(id);
      if (!photo || photo.page_id !== page.id || photo.published || photo.post_id) {
        throw invalidParameter(
          `attached_media: ${id} is not an unpublished photo of this Page (upload it with published=false)`,
        );
      }
      photos.push(photo);
    }
    if (!this.usage.consumeSpecific('facebook', page.id, 'feed_posts').allowed) {
      throw new GraphError(
        368,
        "(#368) It looks like you were misusing this feature by going too fast. You've been temporarily blocked from using it.",
        {
          subcode: 1390008,
          userTitle: "You Can't Use This Feature Right Now",
          userMessage: 'It looks like you were misusing this feature by going too fast.',
        },
      );
    }
    if (await this.content.findDuplicate(page.id, message, link)) {
      throw new GraphError(506, '(#506) Duplicate status message', {
        userTitle: 'Duplicate Status Update',
        userMessage:
          'This status update is identical to the last one you posted. Try posting something different, or delete your previous update.',
      });
    }
    const post = await this.db.transaction(async (tx) => {
      const row = await this.content.insertPost(
        {
          id: metaIds.post(page.id),
          page_id: page.id,
          status_type: photos.length ? 'added_photos' : link ? 'shared_story' : 'mobile_status_update',
          message,
          link,
          photo_id: photos[0]?.id ?? null,
          published,
          scheduled_publish_time: scheduled,
        },
        tx,
      );
      for (const photo of photos)
        await tx.execute('UPDATE meta_photos SET post_id = $2 WHERE id = $1', [photo.id, row.id]);
      await this.ledger.record(
        {
          network: 'facebook',
          accountId: page.id,
          kind: 'post',
          objectId: row.id,
          content: message,
          meta: {
            link,
            published,
            scheduledPublishTime: scheduled?.toISOString() ?? null,
            attachedMedia: attached,
          },
        },
        tx,
      );
      return row;
    });
    if (published) this.emitPostEvent(page, post);
    return { body: { id: post.id }, created: true };
  }

  async createPhoto(ctx: GraphContext, page: MetaPage, files: UploadedFile[]): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'POST', page.id);
    const p = ctx.params;
    const url = p.string('url');
    const source = files.find((file) => file.fieldname === 'source');
    if (!url && !source)
      throw new GraphError(324, '(#324) Requires upload file: send `url` or a multipart `source` file');
    if (url && !isHttpUrl(url)) throw invalidParameter('url should represent a valid URL (http or https)');
    if (source && !source.mimetype.startsWith('image/')) {
      throw invalidParameter(`source must be an image (JPEG, PNG, GIF, BMP or TIFF), got ${source.mimetype}`);
    }
    const caption = p.string('caption') ?? p.string('message') ?? null;
    // Graph's parameter for a photo's custom alt text is `alt_text_custom`.
    const altText = p.string('alt_text_custom') ?? null;
    const published = p.boolean('published', true);
    const photoId = metaIds.numeric();
    const storedUrl = url ?? `https://scontent.xx.fbcdn.net/v/t39.30808-6/${photoId}_n.jpg`;
    const result = await this.db.transaction(async (tx) => {
      const postId = published ? metaIds.post(page.id, photoId) : null;
      const photo = await this.content.insertPhoto(
        {
          id: photoId,
          page_id: page.id,
          post_id: postId,
          url: storedUrl,
          bytes: source?.size ?? null,
          caption,
          alt_text: altText,
          published,
        },
        tx,
      );
      let post: MetaPost | undefined;
      if (postId) {
        post = await this.content.insertPost(
          {
            id: postId,
            page_id: page.id,
            status_type: 'added_photos',
            message: caption,
            link: null,
            photo_id: photoId,
            published: true,
            scheduled_publish_time: null,
          },
          tx,
        );
      }
      await this.ledger.record(
        {
          network: 'facebook',
          accountId: page.id,
          kind: published ? 'post' : 'media',
          objectId: postId ?? photoId,
          content: caption ?? (source ? `${source.mimetype} ${source.size} bytes` : (url ?? null)),
          meta: { photoId, url: storedUrl, altText, published },
        },
        tx,
      );
      return { photo, post };
    });
    if (result.post) this.emitPostEvent(page, result.post);
    return { body: result.post ? { id: photoId, post_id: result.post.id } : { id: photoId }, created: true };
  }

  async listPosts(ctx: GraphContext, page: MetaPage, which: 'feed' | 'scheduled'): Promise<GraphResult> {
    if (which === 'scheduled') assertActsAsPage(ctx.caller, page, 'GET', page.id);
    else assertCanRead(ctx.caller, page, 'GET', page.id);
    const request = readPageRequest(ctx.req);
    const window = { since: this.timeParam(ctx, 'since'), until: this.timeParam(ctx, 'until') };
    const rows = await this.content.listPosts(page.id, which, request, window);
    const presented = new Map<string, Record<string, unknown>>();
    for (const post of rows) presented.set(post.id, await this.present(ctx, page, post));
    return {
      body: graphList(ctx.req, rows, request, (post) =>
        selectFields('Post', presented.get(post.id) ?? {}, ctx.fields, POST_DEFAULT_FIELDS),
      ),
    };
  }

  async getPost(ctx: GraphContext, page: MetaPage, post: MetaPost): Promise<GraphResult> {
    assertCanRead(ctx.caller, page, 'GET', post.id);
    return {
      body: selectFields('Post', await this.present(ctx, page, post), ctx.fields, POST_DEFAULT_FIELDS),
    };
  }

  /** A post with its photo and, when `comments{...}` is requested, a first page of its comments. */
  private async present(ctx: GraphContext, page: MetaPage, post: MetaPost): Promise<Record<string, unknown>> {
    const photos = await this.photosOf([post]);
    const full = presentPost(post, page, photos.get(post.photo_id ?? ''));
    const nested = ctx.fields?.find((field) => field.name === 'comments');
    if (nested) full.comments = await this.nestedComments(ctx, page, post, nested);
    return full;
  }

  /** `comments.limit(n).summary(true){...}` inside a post: top-level comments, oldest first, with an absolute next. */
  private async nestedComments(
    ctx: GraphContext,
    page: MetaPage,
    post: MetaPost,
    field: FieldRequest,
  ): Promise<Record<string, unknown>> {
    const limit = Math.min(field.limit ?? 25, 100);
    const scope = { objectId: post.id, topLevelOnly: true };
    const rows = limit > 0 ? await this.content.listComments(scope, 'chronological', { limit }) : [];
    const slice = rows.slice(0, limit);
    const out: Record<string, unknown> = {
      data: slice.map((row) =>
        selectFields('Comment', presentComment(row, page), field.children, COMMENT_DEFAULT_FIELDS),
      ),
    };
    if (slice.length > 0) {
      const cursors = {
        before: encodeCursor(slice[0].seq),
        after: encodeCursor(slice[slice.length - 1].seq),
      };
      const paging: Record<string, unknown> = { cursors };
      if (rows.length > limit) {
        const next = new URL(`${graphBase(ctx)}/${post.id}/comments`);
        next.searchParams.set('access_token', ctx.caller.token);
        if (field.children)
          next.searchParams.set('fields', field.children.map((child) => child.name).join(','));
        next.searchParams.set('limit', String(limit));
        next.searchParams.set('after', cursors.after);
        paging.next = next.toString();
      }
      out.paging = paging;
    }
    if (field.summary) {
      out.summary = {
        order: 'chronological',
        total_count: await this.content.countComments(scope),
        can_comment: true,
      };
    }
    return out;
  }

  /** `since` / `until` on the feed: Unix seconds or an ISO 8601 time. */
  private timeParam(ctx: GraphContext, name: 'since' | 'until'): Date | undefined {
    const raw = ctx.params.string(name);
    if (raw === undefined) return undefined;
    const at = /^\d+$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
    if (Number.isNaN(at.getTime()))
      throw invalidParameter(`Param ${name} must be a Unix timestamp (seconds) or an ISO 8601 time`);
    return at;
  }

  async deletePost(ctx: GraphContext, page: MetaPage, post: MetaPost): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'DELETE', post.id);
    await this.content.deletePost(post.id);
    return { body: { success: true } };
  }

  async getPhoto(ctx: GraphContext, page: MetaPage, photo: MetaPhoto): Promise<GraphResult> {
    assertCanRead(ctx.caller, page, 'GET', photo.id);
    return { body: selectFields('Photo', presentPhoto(photo, page), ctx.fields, ['created_time', 'id']) };
  }

  private attachedMedia(ctx: GraphContext): string[] {
    const raw = ctx.params.raw('attached_media');
    if (raw === undefined || raw === null || raw === '') return [];
    let list: unknown = raw;
    if (typeof raw === 'string') {
      try {
        list = JSON.parse(raw);
      } catch {
        throw invalidParameter(
          'Param attached_media must be a JSON array like [{"media_fbid":"<photo-id>"}]',
        );
      }
    }
    if (list && typeof list === 'object' && !Array.isArray(list)) list = Object.values(list);
    if (!Array.isArray(list))
      throw invalidParameter('Param attached_media must be an array like [{"media_fbid":"<photo-id>"}]');
    return list.map((item: unknown) => {
      const parsed = typeof item === 'string' ? (JSON.parse(item) as unknown) : item;
      const id =
        parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).media_fbid : undefined;
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw invalidParameter(
          'Each attached_media item needs a media_fbid, e.g. {"media_fbid":"<photo-id>"}',
        );
      }
      return String(id);
    });
  }

  /** `scheduled_publish_time`: Unix seconds or an ISO 8601 time, 10 minutes to 30 days ahead, unpublished only. */
  private scheduledTime(ctx: GraphContext, published: boolean): Date | null {
    const raw = ctx.params.string('scheduled_publish_time');
    if (raw === undefined) return null;
    const at = /^\d+$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
    if (Number.isNaN(at.getTime())) {
      throw invalidParameter(
        'Param scheduled_publish_time must be a Unix timestamp (seconds) or an ISO 8601 time',
      );
    }
    if (published) {
      throw invalidParameter(
        'Cannot specify a scheduled publish time on a published post: also send published=false',
        {
          userTitle: 'Invalid Scheduled Publish Time',
          userMessage: 'A scheduled post must be created with published set to false.',
        },
      );
    }
    const ahead = unixSeconds(at) - unixSeconds(new Date());
    if (ahead < MIN_SCHEDULE_SECONDS || ahead > MAX_SCHEDULE_SECONDS) {
      throw invalidParameter('The specified scheduled publish time is invalid.', {
        userTitle: 'Invalid Scheduled Publish Time',
        userMessage: 'The scheduled publish time must be between 10 minutes and 30 days from now.',
      });
    }
    return at;
  }

  private async photosOf(posts: MetaPost[]): Promise<Map<string, MetaPhoto>> {
    const map = new Map<string, MetaPhoto>();
    for (const post of posts) {
      if (post.photo_id && !map.has(post.photo_id)) {
        const photo = await this.content.findPhoto(post.photo_id);
        if (photo) map.set(photo.id, photo);
      }
    }
    return map;
  }

  private emitPostEvent(page: MetaPage, post: MetaPost): void {
    this.webhooks.emit(page.id, 'page', 'feed', {
      id: page.id,
      time: unixSeconds(new Date()),
      changes: [
        {
          field: 'feed',
          value: {
            from: { id: page.id, name: page.name },
            item: post.photo_id ? 'photo' : 'status',
            post_id: post.id,
            verb: 'add',
            published: 1,
            created_time: unixSeconds(post.created_at),
            message: post.message ?? undefined,
          },
        },
      ],
    });
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
