import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { LedgerService } from '../../../core/ledger.service';
import { SandboxDb } from '../../../core/sandbox-db';
import { assertCanUseInstagram } from '../graph/graph-access';
import { GraphContext, GraphResult } from '../graph/graph-context';
import { GraphError, invalidParameter } from '../graph/graph-error';
import { selectFields } from '../graph/graph-fields';
import { graphList } from '../graph/graph-list';
import { readPageRequest } from '../graph/graph-paging';
import { containerStatus, presentContainer, presentIgMedia } from '../graph/meta-presenters';
import { metaIds } from '../meta-ids';
import { MetaIgUser, MetaPage } from '../store/meta-accounts.repository';
import { MetaContentRepository } from '../store/meta-content.repository';
import { IgContainer, IgMedia, MetaInstagramRepository } from '../store/meta-instagram.repository';
import { isHttpUrl } from './page-feed.service';

const MAX_CAPTION_LENGTH = 2200;
const MAX_HASHTAGS = 30;
const MAX_MENTIONS = 20;
const CONTAINER_LIFETIME_MS = 24 * 3600_000;
const DAY_MS = 24 * 3600_000;
const FETCH_TIMEOUT_MS = 10_000;

/** What the sandbox downloaded from an image_url, kept in the ledger as proof the URL worked. */
export interface FetchedImage {
  contentType: string;
  bytes: number;
  sha256: string;
}

/**
 * Reserved documentation names (RFC 2606/6761: example.com/.org/.net, any `example` label, .test, .invalid,
 * .example): tests use them for images that exist without serving any, so they are not fetched.
 */
export function isDocumentationHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  const labels = host.split('.');
  return labels.includes('example') || ['test', 'invalid'].includes(labels.at(-1)!);
}

function downloadFailed(url: string, reason: string): GraphError {
  return new GraphError(9004, 'Only photo or video can be accepted as media type.', {
    subcode: 2207052,
    userTitle: 'Media download has failed.',
    userMessage: `The media could not be fetched from this URI: ${url} (${reason}). Please check the URI and try again.`,
  });
}

/** Downloads an image as Graph does when a container is created: a 2xx answer with an image type, or error 9004. */
export async function fetchImage(url: string): Promise<FetchedImage> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw downloadFailed(url, error instanceof Error ? error.message : String(error));
  }
  const body = Buffer.from(await response.arrayBuffer());
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!response.ok) throw downloadFailed(url, `HTTP ${response.status}`);
  if (!contentType.startsWith('image/')) throw downloadFailed(url, `${contentType || 'no'} content type`);
  if (!body.length) throw downloadFailed(url, 'empty body');
  return { contentType, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}

/** How long the sandbox "processes" a container before it is FINISHED, and the publishing quota. */
export interface InstagramSettings {
  imageProcessingMs: number;
  videoProcessingMs: number;
  publishQuotaPer24h: number;
}

export const DEFAULT_INSTAGRAM_SETTINGS: InstagramSettings = {
  imageProcessingMs: 1500,
  videoProcessingMs: 5000,
  publishQuotaPer24h: 100,
};

/** Instagram content publishing: media containers, their status, media_publish, and published media. */
@Injectable()
export class InstagramService {
  readonly settings: InstagramSettings = { ...DEFAULT_INSTAGRAM_SETTINGS };

  constructor(
    private readonly db: SandboxDb,
    private readonly instagram: MetaInstagramRepository,
    private readonly content: MetaContentRepository,
    private readonly ledger: LedgerService,
  ) {}

  getUser(ctx: GraphContext, page: MetaPage, igUser: MetaIgUser, mediaCount: number): GraphResult {
    assertCanUseInstagram(ctx.caller, page, 'GET', igUser.id);
    const full = {
      id: igUser.id,
      ig_id: Number(igUser.id.slice(-10)),
      username: igUser.username,
      name: igUser.name,
      biography: '',
      profile_picture_url: `https://scontent.cdninstagram.com/v/${igUser.id}.jpg`,
      followers_count: 0,
      follows_count: 0,
      media_count: mediaCount,
      website: undefined,
    };
    return { body: selectFields('IGUser', full, ctx.fields, ['id']) };
  }

  /** POST /{ig-user-id}/media: image_url (JPEG), or video_url with media_type REELS/VIDEO; caption; alt_text. */
  async createContainer(ctx: GraphContext, page: MetaPage, igUser: MetaIgUser): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'POST', igUser.id);
    const p = ctx.params;
    const imageUrl = p.string('image_url');
    const videoUrl = p.string('video_url');
    const mediaType = (p.string('media_type') ?? (videoUrl ? 'VIDEO' : 'IMAGE')).toUpperCase();
    if (!['IMAGE', 'VIDEO', 'REELS', 'STORIES'].includes(mediaType)) {
      throw invalidParameter(
        'Param media_type must be one of {IMAGE, VIDEO, REELS, STORIES} (CAROUSEL is not simulated)',
      );
    }
    const url = mediaType === 'IMAGE' ? imageUrl : (videoUrl ?? imageUrl);
    if (!url) {
      throw invalidParameter(
        mediaType === 'IMAGE'
          ? 'The parameter image_url is required.'
          : 'The parameter video_url is required.',
      );
    }
    if (!isHttpUrl(url)) {
      throw new GraphError(9004, 'Only photo or video can be accepted as media type.', {
        subcode: 2207052,
        userTitle: 'Media download has failed.',
        userMessage: `The media could not be fetched from this URI: ${url}. Please check the URI and try again.`,
      });
    }
    const caption = p.string('caption') ?? null;
    if (caption) this.checkCaption(caption);
    const altText = p.string('alt_text') ?? null;
    if (altText && mediaType !== 'IMAGE')
      throw invalidParameter('alt_text is only supported for image posts');
    // Graph downloads the image when the container is created; an unreachable URL is refused there and then.
    const fetched = mediaType === 'IMAGE' && !isDocumentationHost(url) ? await fetchImage(url) : null;
    const now = Date.now();
    const processing =
      mediaType === 'IMAGE' ? this.settings.imageProcessingMs : this.settings.videoProcessingMs;
    const container = await this.db.transaction(async (tx) => {
      const row = await this.instagram.insertContainer(
        {
          id: metaIds.instagram('container'),
          ig_user_id: igUser.id,
          media_type: mediaType === 'STORIES' ? 'IMAGE' : (mediaType as IgContainer['media_type']),
          media_url: url,
          caption,
          alt_text: altText,
          ready_at: new Date(now + processing),
          expires_at: new Date(now + CONTAINER_LIFETIME_MS),
        },
        tx,
      );
      await this.ledger.record(
        {
          network: 'instagram',
          accountId: igUser.id,
          kind: 'media',
          objectId: row.id,
          content: caption,
          meta: { mediaType, url, altText, fetched },
        },
        tx,
      );
      return row;
    });
    return { body: { id: container.id }, created: true };
  }

  /** GET /{container-id}?fields=status_code: IN_PROGRESS until processed, then FINISHED, then PUBLISHED. */
  getContainer(ctx: GraphContext, page: MetaPage, container: IgContainer): GraphResult {
    assertCanUseInstagram(ctx.caller, page, 'GET', container.id);
    return { body: selectFields('ShadowIGMediaBuilder', presentContainer(container), ctx.fields, ['id']) };
  }

  /** POST /{ig-user-id}/media_publish with creation_id. */
  async publish(ctx: GraphContext, page: MetaPage, igUser: MetaIgUser): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'POST', igUser.id);
    const creationId = ctx.params.string('creation_id');
    if (!creationId) throw invalidParameter('The parameter creation_id is required.');
    const container = await this.instagram.findContainer(creationId);
    if (!container || container.ig_user_id !== igUser.id) {
      throw invalidParameter(
        `Param creation_id ${creationId} is not a media container of this Instagram account`,
        { subcode: 2207006 },
      );
    }
    const status = containerStatus(container);
    if (status === 'IN_PROGRESS') {
      throw new GraphError(9007, 'Media ID is not available', {
        subcode: 2207027,
        userTitle: 'Media Not Ready For Publishing',
        userMessage: 'The media is not ready for publishing, please wait for a moment',
      });
    }
    if (status === 'EXPIRED') {
      throw invalidParameter(
        'The media container has expired: containers must be published within 24 hours',
        { subcode: 2207008 },
      );
    }
    if (status === 'PUBLISHED') {
      throw invalidParameter(
        `The media container ${creationId} has already been published as ${container.media_id}`,
      );
    }
    const used = await this.instagram.countPublishedSince(igUser.id, new Date(Date.now() - DAY_MS));
    if (used >= this.settings.publishQuotaPer24h) {
      throw new GraphError(9, 'Application request limit reached', {
        subcode: 2207042,
        userTitle: 'Max number of posts reached',
        userMessage: `You have reached the maximum of ${this.settings.publishQuotaPer24h} posts allowed in 24 hours.`,
      });
    }
    const media = await this.db.transaction(async (tx) => {
      const mediaId = metaIds.instagram('media');
      if (!(await this.instagram.claimContainer(container.id, mediaId, tx))) {
        throw invalidParameter(`The media container ${creationId} has already been published`);
      }
      const row = await this.instagram.insertMedia(
        {
          id: mediaId,
          ig_user_id: igUser.id,
          container_id: container.id,
          media_type: container.media_type === 'REELS' ? 'VIDEO' : container.media_type,
          media_url: container.media_url,
          caption: container.caption,
          alt_text: container.alt_text,
          shortcode: randomBytes(8).toString('base64url').slice(0, 11),
        },
        tx,
      );
      await this.ledger.record(
        {
          network: 'instagram',
          accountId: igUser.id,
          kind: 'post',
          objectId: row.id,
          content: container.caption,
          parentId: null,
          meta: { containerId: container.id, altText: container.alt_text },
        },
        tx,
      );
      return row;
    });
    return { body: { id: media.id }, created: true };
  }

  async listMedia(ctx: GraphContext, page: MetaPage, igUser: MetaIgUser): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'GET', igUser.id);
    const request = readPageRequest(ctx.req);
    const rows = await this.instagram.listMedia(igUser.id, request);
    const counts = new Map<string, number>();
    for (const row of rows)
      counts.set(row.id, await this.content.countComments({ objectId: row.id, topLevelOnly: false }));
    return {
      body: graphList(ctx.req, rows, request, (row) =>
        selectFields('IGMedia', presentIgMedia(row, igUser.username, counts.get(row.id) ?? 0), ctx.fields, [
          'id',
        ]),
      ),
    };
  }

  async getMedia(
    ctx: GraphContext,
    page: MetaPage,
    igUser: MetaIgUser,
    media: IgMedia,
  ): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'GET', media.id);
    const count = await this.content.countComments({ objectId: media.id, topLevelOnly: false });
    return {
      body: selectFields('IGMedia', presentIgMedia(media, igUser.username, count), ctx.fields, ['id']),
    };
  }

  async publishingLimit(ctx: GraphContext, page: MetaPage, igUser: MetaIgUser): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'GET', igUser.id);
    const used = await this.instagram.countPublishedSince(igUser.id, new Date(Date.now() - DAY_MS));
    return {
      body: {
        data: [
          {
            quota_usage: used,
            config: { quota_total: this.settings.publishQuotaPer24h, quota_duration: 86400 },
          },
        ],
      },
    };
  }

  private checkCaption(caption: string): void {
    if (caption.length > MAX_CAPTION_LENGTH) {
      throw invalidParameter(`Param caption must be at most ${MAX_CAPTION_LENGTH} characters long`);
    }
    if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > MAX_HASHTAGS) {
      throw invalidParameter(`A caption may contain at most ${MAX_HASHTAGS} hashtags`);
    }
    if ((caption.match(/@[A-Za-z0-9_.]+/g) ?? []).length > MAX_MENTIONS) {
      throw invalidParameter(`A caption may mention at most ${MAX_MENTIONS} accounts`);
    }
  }
}
