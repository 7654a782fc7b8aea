import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { LedgerService } from '../../core/ledger.service';
import { initializeMediaSchema, parseBody } from './x-body';
import { X_NETWORK } from './x-gate.service';
import { mediaKeyFor, nextSnowflake } from './x-ids';
import { MEDIA_HEAD_BYTES, sniffMedia } from './x-media-sniff';
import { invalidRequest, notFoundProblem } from './x-problem';
import { XMediaRow } from './x-rows';
import { XRepository } from './x.repository';

/** X's limit for image descriptions. */
const MAX_ALT_TEXT = 1000;

const SESSION_SECONDS = 86_400;
/** How long the sandbox "processes" a video or GIF before STATUS says succeeded. */
const PROCESSING_MS = 1_000;
const MB = 1024 * 1024;

/** X's size limits per kind of media. */
function maxBytes(category: string, mediaType: string): number {
  if (category.endsWith('video')) return 512 * MB;
  if (category.endsWith('gif') || mediaType === 'image/gif') return 15 * MB;
  if (category === 'subtitles') return 1 * MB;
  return 5 * MB;
}

function inferCategory(mediaType: string): string {
  if (mediaType === 'image/gif') return 'tweet_gif';
  if (mediaType.startsWith('image/')) return 'tweet_image';
  if (mediaType.startsWith('video/')) return 'tweet_video';
  if (mediaType.startsWith('text/')) return 'subtitles';
  return 'tweet_image';
}

function categoryFits(category: string, mediaType: string): boolean {
  if (category.endsWith('_image')) return mediaType.startsWith('image/');
  if (category.endsWith('_gif')) return mediaType === 'image/gif';
  if (category.endsWith('_video')) return mediaType.startsWith('video/');
  if (category === 'subtitles') return mediaType.startsWith('text/');
  return false;
}

export type InitializeMediaBody = z.infer<typeof initializeMediaSchema>;

export interface MediaSnapshot {
  id: string;
  media_key: string;
  size?: number;
  expires_after_secs: number;
  processing_info?: { state: string; check_after_secs?: number; progress_percent?: number };
  image?: { image_type: string; w?: number; h?: number };
  video?: { video_type: string };
}

/** X's v2 chunked upload: initialize, append segments, finalize, then STATUS while a video processes. */
@Injectable()
export class XMediaService {
  constructor(
    private readonly repository: XRepository,
    private readonly ledger: LedgerService,
  ) {}

  async initialize(ownerId: string, rawBody: unknown): Promise<XMediaRow> {
    const body: InitializeMediaBody = parseBody(initializeMediaSchema, rawBody);
    const category = body.media_category ?? inferCategory(body.media_type);
    if (!categoryFits(category, body.media_type)) {
      throw invalidRequest([
        {
          parameter: '$.media_category',
          value: category,
          message: `$.media_category: ${category} does not fit media_type ${body.media_type}.`,
        },
      ]);
    }
    const limit = maxBytes(category, body.media_type);
    if (body.total_bytes < 1 || body.total_bytes > limit) {
      throw invalidRequest([
        {
          parameter: '$.total_bytes',
          value: String(body.total_bytes),
          message: `$.total_bytes: ${category} media must be between 1 and ${limit} bytes.`,
        },
      ]);
    }
    const id = nextSnowflake();
    return this.repository.insertMedia({
      id,
      media_key: mediaKeyFor(id, body.media_type),
      owner_id: ownerId,
      additional_owners: body.additional_owners ?? [],
      media_type: body.media_type,
      media_category: category,
      total_bytes: String(body.total_bytes),
      expires_at: new Date(Date.now() + SESSION_SECONDS * 1000),
    });
  }

  async append(
    ownerId: string,
    id: string,
    segmentIndex: unknown,
    chunk: Buffer | undefined,
  ): Promise<XMediaRow> {
    const media = await this.ownedSession(ownerId, id);
    const index = typeof segmentIndex === 'number' ? segmentIndex : Number(segmentIndex);
    const problems = [];
    if (
      segmentIndex === undefined ||
      segmentIndex === '' ||
      !Number.isInteger(index) ||
      index < 0 ||
      index > 999
    ) {
      problems.push({
        parameter: 'segment_index',
        value: String(segmentIndex ?? ''),
        message: 'segment_index must be a whole number from 0 to 999.',
      });
    }
    if (!chunk || !chunk.length) {
      problems.push({ parameter: 'media', message: 'media is required: the bytes of this segment.' });
    }
    if (problems.length) throw invalidRequest(problems);
    if (media.state !== 'initialized') {
      throw invalidRequest([{ parameter: 'id', value: id, message: 'This upload was already finalized.' }]);
    }
    const received = Object.entries(media.segments).reduce(
      (sum, [key, size]) => (key === String(index) ? sum : sum + size),
      0,
    );
    if (received + (chunk as Buffer).length > Number(media.total_bytes)) {
      throw invalidRequest([
        {
          parameter: 'media',
          message: `The segments add up to more than total_bytes (${media.total_bytes}).`,
        },
      ]);
    }
    const head = index === 0 ? (chunk as Buffer).subarray(0, MEDIA_HEAD_BYTES) : null;
    return this.repository.appendSegment(id, index, (chunk as Buffer).length, head);
  }

  async finalize(ownerId: string, id: string): Promise<XMediaRow> {
    const media = await this.ownedSession(ownerId, id);
    if (media.state === 'finalized') return media; // X answers a repeated FINALIZE with the same media
    const received = Object.values(media.segments).reduce((sum, size) => sum + size, 0);
    if (received !== Number(media.total_bytes)) {
      throw invalidRequest([
        {
          parameter: 'id',
          value: id,
          message: `Segments do not add up to provided total file size (received ${received} of ${media.total_bytes} bytes).`,
        },
      ]);
    }
    const sniffed = sniffMedia(media.media_type, media.head ?? Buffer.alloc(0));
    if (!sniffed) {
      throw invalidRequest([
        {
          parameter: 'id',
          value: id,
          message: `media type unrecognized: the bytes are not ${media.media_type}.`,
        },
      ]);
    }
    const processed = needsProcessing(media);
    const finalized = await this.repository.db.transaction(async (tx) => {
      const row = await this.repository.finalizeMedia(
        id,
        { processingState: processed ? 'pending' : null, width: sniffed.width, height: sniffed.height },
        tx,
      );
      if (!row) return undefined;
      await this.ledger.record(
        {
          network: X_NETWORK,
          accountId: ownerId,
          kind: 'media',
          objectId: id,
          content: `${media.media_type} ${media.total_bytes} bytes`,
          meta: { mediaKey: media.media_key, mediaCategory: media.media_category },
        },
        tx,
      );
      return row;
    });
    return finalized ?? (await this.ownedSession(ownerId, id));
  }

  async status(ownerId: string, id: string): Promise<XMediaRow> {
    const media = await this.ownedSession(ownerId, id);
    if (media.state !== 'finalized') {
      throw invalidRequest([
        { parameter: 'media_id', value: id, message: 'This upload has not been finalized yet.' },
      ]);
    }
    if (media.processing_state && media.processing_state !== 'succeeded' && media.finalized_at) {
      const elapsed = Date.now() - media.finalized_at.getTime();
      const state = elapsed >= PROCESSING_MS ? 'succeeded' : 'in_progress';
      if (state !== media.processing_state) {
        await this.repository.setProcessingState(id, state);
        media.processing_state = state;
      }
    }
    return media;
  }

  snapshot(media: XMediaRow): MediaSnapshot {
    const snapshot: MediaSnapshot = {
      id: String(media.id),
      media_key: media.media_key,
      expires_after_secs: Math.max(0, Math.floor((media.expires_at.getTime() - Date.now()) / 1000)),
    };
    if (media.state === 'finalized') snapshot.size = Number(media.total_bytes);
    if (media.processing_state && media.processing_state !== 'succeeded') {
      const elapsed = media.finalized_at ? Date.now() - media.finalized_at.getTime() : 0;
      snapshot.processing_info = {
        state: media.processing_state,
        check_after_secs: 1,
        progress_percent: Math.min(99, Math.floor((elapsed / PROCESSING_MS) * 100)),
      };
    } else if (media.processing_state === 'succeeded') {
      snapshot.processing_info = { state: 'succeeded', progress_percent: 100 };
    }
    if (media.state === 'finalized' && media.media_type.startsWith('image/')) {
      snapshot.image = {
        image_type: media.media_type,
        ...(media.width ? { w: media.width } : {}),
        ...(media.height ? { h: media.height } : {}),
      };
    }
    if (media.state === 'finalized' && media.media_type.startsWith('video/')) {
      snapshot.video = { video_type: media.media_type };
    }
    return snapshot;
  }

  /**
   * POST /2/media/metadata: alt text for an uploaded image (X allows up to 1,000 characters). Only the owner
   * can describe a media item, and only after finalize, as on X.
   */
  async describe(ownerId: string, rawBody: unknown): Promise<{ id: string; altText: string }> {
    const body = (rawBody ?? {}) as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } };
    if (typeof body.id !== 'string' || !/^[0-9]{1,19}$/.test(body.id)) {
      throw invalidRequest([{ parameter: 'id', message: 'id must be the media id, a string of digits.' }]);
    }
    const text = body.metadata?.alt_text?.text;
    if (typeof text !== 'string' || !text.trim()) {
      throw invalidRequest([
        { parameter: 'metadata.alt_text.text', message: 'metadata.alt_text.text must be non-empty text.' },
      ]);
    }
    if ([...text].length > MAX_ALT_TEXT) {
      throw invalidRequest([
        {
          parameter: 'metadata.alt_text.text',
          message: `Alt text can be at most ${MAX_ALT_TEXT} characters.`,
        },
      ]);
    }
    const media = await this.ownedSession(ownerId, body.id);
    if (media.state !== 'finalized') {
      throw invalidRequest([
        { parameter: 'id', value: body.id, message: 'This upload has not been finalized yet.' },
      ]);
    }
    await this.repository.setAltText(body.id, text);
    return { id: body.id, altText: text };
  }

  private async ownedSession(ownerId: string, id: string): Promise<XMediaRow> {
    const media = await this.repository.findMedia(id);
    if (!media || String(media.owner_id) !== ownerId) throw notFoundProblem('media', 'media_id', id);
    if (media.expires_at.getTime() <= Date.now()) {
      throw invalidRequest([
        {
          parameter: 'media_id',
          value: id,
          message: 'This upload session has expired. Start again with initialize.',
        },
      ]);
    }
    return media;
  }
}

/** Videos and GIFs are transcoded asynchronously on X; images are ready at FINALIZE. */
function needsProcessing(media: XMediaRow): boolean {
  return media.media_category.endsWith('video') || media.media_category.endsWith('gif');
}
