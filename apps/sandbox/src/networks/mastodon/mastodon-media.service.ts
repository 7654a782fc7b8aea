import { Injectable } from '@nestjs/common';
import { LedgerService } from '../../core/ledger.service';
import { MediaRow } from './mastodon-entities';
import { MastodonError } from './mastodon-error';
import { MASTODON } from './mastodon-gate.service';
import {
  DESCRIPTION_LIMIT,
  IMAGE_SIZE_LIMIT,
  imageDimensions,
  mediaTypeFor,
  parseFocus,
  SUPPORTED_MIME_TYPES,
  VIDEO_SIZE_LIMIT,
} from './mastodon-media-probe';
import { MastodonRepository } from './mastodon.repository';
import { isRecordId } from './mastodon-ids';

/**
 * How long "processing" takes. masto polls GET /api/v1/media/:id once a second after an initial one-second
 * wait, so 2.5 s gives it at least one 206 (still processing) before the 200, even on a busy machine.
 */
export const MEDIA_PROCESSING_MS = 2500;

export interface UploadedFile {
  buffer: Buffer;
  mimetype: string;
  originalname?: string;
  size: number;
}

@Injectable()
export class MastodonMediaService {
  constructor(
    private readonly repo: MastodonRepository,
    private readonly ledger: LedgerService,
  ) {}

  /** Stores an upload and records it in the ledger; `asynchronous` uploads stay "processing" for a while. */
  async upload(
    accountId: string,
    file: UploadedFile | undefined,
    fields: Record<string, unknown>,
    asynchronous: boolean,
  ): Promise<MediaRow> {
    if (!file || file.size === 0)
      throw MastodonError.validation("File can't be blank", { file: "can't be blank" });
    const contentType = file.mimetype.toLowerCase().split(';')[0].trim();
    if (!SUPPORTED_MIME_TYPES.includes(contentType)) {
      throw MastodonError.validation('File content type is invalid, File is invalid');
    }
    const limit = contentType.startsWith('image/') ? IMAGE_SIZE_LIMIT : VIDEO_SIZE_LIMIT;
    if (file.size > limit) {
      throw MastodonError.validation(
        `File file size must be less than ${Math.round(limit / 1024 / 1024)} MB`,
      );
    }
    const description = readDescription(fields.description);
    const focus = parseFocus(fields.focus);
    if (focus === 'invalid')
      throw MastodonError.validation('Focus must be two numbers from -1.0 to 1.0, as "x,y"');
    const dimensions = contentType.startsWith('image/') ? imageDimensions(file.buffer) : null;
    return this.repo.transaction(async (tx) => {
      const media = await this.repo.insertMedia(
        {
          accountId,
          type: mediaTypeFor(contentType),
          contentType,
          fileName: file.originalname ?? null,
          bytes: file.buffer,
          description,
          focus,
          width: dimensions?.width ?? null,
          height: dimensions?.height ?? null,
          processedAt: new Date(Date.now() + (asynchronous ? MEDIA_PROCESSING_MS : 0)),
        },
        tx,
      );
      await this.ledger.record(
        {
          network: MASTODON,
          accountId,
          kind: 'media',
          objectId: media.id,
          content: `${contentType} ${file.size} bytes`,
          meta: { description, fileName: file.originalname ?? null },
        },
        tx,
      );
      return media;
    });
  }

  /** The caller's own media only: anyone else's is "Record not found", as on Mastodon. */
  async own(accountId: string, id: string): Promise<MediaRow> {
    const media = isRecordId(id) ? await this.repo.mediaById(id) : null;
    if (!media || media.account_id !== accountId) throw MastodonError.notFound();
    return media;
  }

  /** PUT /api/v1/media/:id: alt text and focus can change until the media is attached to a status. */
  async update(accountId: string, id: string, fields: Record<string, unknown>): Promise<MediaRow> {
    const media = await this.own(accountId, id);
    if (media.status_id) throw MastodonError.notFound();
    const focus = parseFocus(fields.focus);
    if (focus === 'invalid')
      throw MastodonError.validation('Focus must be two numbers from -1.0 to 1.0, as "x,y"');
    await this.repo.updateMediaDescription(id, readDescription(fields.description), focus);
    return this.own(accountId, id);
  }
}

function readDescription(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw MastodonError.validation('Description must be a string');
  if (value.length > DESCRIPTION_LIMIT) {
    throw MastodonError.validation(`Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`);
  }
  return value;
}
