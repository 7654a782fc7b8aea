import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError, NotFoundError } from '@outside-in/common';
import { AuditActor, AuditService, MediaAsset } from '@outside-in/database';
import { PlatformRegistry } from '@outside-in/platforms';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MediaView } from './media.dto';

/** The largest upload any network's rules allow (Mastodon's 16 MB); each channel's own limit applies on attaching. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

@Injectable()
export class MediaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly registry: PlatformRegistry,
  ) {}

  /** Types and the largest size some network takes: anything else could never be published anywhere. */
  async acceptedTypes(): Promise<Map<string, number>> {
    const accepted = new Map<string, number>();
    for (const network of this.registry.networks()) {
      const rules = await this.registry.get(network).contentRules();
      for (const type of rules.mediaTypes) {
        accepted.set(type, Math.max(accepted.get(type) ?? 0, rules.maxImageBytes));
      }
    }
    return accepted;
  }

  async upload(
    organisationId: string,
    file: UploadedFile | undefined,
    altText: string | null,
    actor: AuditActor,
    ip: string | null,
  ): Promise<MediaView> {
    if (!file || !file.size) {
      throw new InvalidInputError('Choose an image or video to upload (the form field is called "file").', [
        { field: 'file', problem: 'is missing' },
      ]);
    }
    const accepted = await this.acceptedTypes();
    const limit = accepted.get(file.mimetype);
    if (limit === undefined) {
      throw new InvalidInputError(
        `${file.originalname} is ${file.mimetype || 'of an unknown type'}, which no network takes. Upload a JPEG, PNG, GIF or WebP image, or an MP4 video.`,
        [{ field: 'file', problem: 'is not a type any network takes' }],
      );
    }
    if (file.size > limit) {
      throw new InvalidInputError(
        `${file.originalname} is ${megabytes(file.size)}; the most any network takes for this type is ${megabytes(limit)}. Make it smaller and upload it again.`,
        [{ field: 'file', problem: 'is too large' }],
      );
    }
    const alt = altText?.trim() ? altText.trim().slice(0, 5000) : null;
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(MediaAsset).save({
        organisationId,
        uploadedById: actor.userId,
        filename: file.originalname.slice(0, 255) || 'upload',
        mimeType: file.mimetype,
        sizeBytes: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        data: file.buffer,
        altText: alt,
        width: null,
        height: null,
      });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'media.uploaded',
        subjectType: 'media_asset',
        subjectId: row.id,
        summary: { filename: row.filename, mimeType: row.mimeType, sizeBytes: row.sizeBytes },
        ip,
      });
      return row;
    });
    return mediaView(saved);
  }

  async setAltText(
    organisationId: string,
    id: string,
    altText: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<MediaView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(MediaAsset).findOneBy({ id, organisationId });
      if (!row) throw new NotFoundError('This organisation has no uploaded media with that id.');
      row.altText = altText.trim() || null;
      await manager.getRepository(MediaAsset).update({ id }, { altText: row.altText });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'media.alt_text_changed',
        subjectType: 'media_asset',
        subjectId: id,
        summary: { filename: row.filename },
        ip,
      });
      return mediaView(row);
    });
  }

  async get(organisationId: string, id: string): Promise<MediaView> {
    const row = await this.dataSource.getRepository(MediaAsset).findOneBy({ id, organisationId });
    if (!row) throw new NotFoundError('This organisation has no uploaded media with that id.');
    return mediaView(row);
  }

  async content(
    organisationId: string,
    id: string,
  ): Promise<{ mimeType: string; data: Buffer; filename: string }> {
    const row = await this.dataSource
      .getRepository(MediaAsset)
      .createQueryBuilder('m')
      .addSelect('m.data')
      .where('m.id = :id AND m.organisation_id = :organisationId', { id, organisationId })
      .getOne();
    if (!row) throw new NotFoundError('This organisation has no uploaded media with that id.');
    return { mimeType: row.mimeType, data: row.data, filename: row.filename };
  }

  /** The file by id alone, for a signed public link (PublicMediaController checks the signature first). */
  async publicContent(id: string): Promise<{ mimeType: string; data: Buffer; filename: string }> {
    const row = await this.dataSource
      .getRepository(MediaAsset)
      .createQueryBuilder('m')
      .addSelect('m.data')
      .where('m.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('This media file no longer exists: it may have been deleted.');
    return { mimeType: row.mimeType, data: row.data, filename: row.filename };
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

export function isImage(mimeType: string): boolean {
  return mimeType.startsWith('image/');
}

export function mediaView(row: MediaAsset): MediaView {
  return {
    id: row.id,
    filename: row.filename,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    kind: isImage(row.mimeType) ? 'image' : 'video',
    altText: row.altText,
    needsAltText: isImage(row.mimeType) && !row.altText,
    createdAt: row.createdAt,
  };
}
