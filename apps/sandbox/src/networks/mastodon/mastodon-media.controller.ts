import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
  Req,
  Res,
  UploadedFiles,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { FaultService } from '../../core/fault.service';
import { serializeMedia } from './mastodon-entities';
import { MastodonExceptionFilter } from './mastodon-error';
import { instanceBase, MASTODON, MastodonGate } from './mastodon-gate.service';
import { VIDEO_SIZE_LIMIT } from './mastodon-media-probe';
import { MastodonMediaService, UploadedFile } from './mastodon-media.service';
import { MastodonRepository } from './mastodon.repository';
import { mastodonPaths } from './mastodon-routes';
import { isRecordId } from './mastodon-ids';

type UploadedParts = { file?: UploadedFile[]; thumbnail?: UploadedFile[] } | undefined;

const uploadInterceptor = FileFieldsInterceptor(
  [
    { name: 'file', maxCount: 1 },
    { name: 'thumbnail', maxCount: 1 },
  ],
  { limits: { fileSize: VIDEO_SIZE_LIMIT + 1, files: 2 } },
);

/** Media uploads: v2 (asynchronous, 202 then polling) and the older synchronous v1, plus reading back. */
@Controller()
@UseFilters(MastodonExceptionFilter)
export class MastodonMediaController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly media: MastodonMediaService,
    private readonly repo: MastodonRepository,
    private readonly faults: FaultService,
  ) {}

  /** 202 with `url: null` while the file is processed; the client polls GET /api/v1/media/:id. */
  @Post(mastodonPaths('api/v2/media'))
  @UseInterceptors(uploadInterceptor)
  async uploadV2(
    @Req() req: Request,
    @Res() res: Response,
    @UploadedFiles() files: UploadedParts,
    @Body() body: unknown,
  ) {
    await this.upload(req, res, files, body, true);
  }

  /** Deprecated in Mastodon 3.1.3 but still served: processes synchronously and answers 200. */
  @Post(mastodonPaths('api/v1/media'))
  @UseInterceptors(uploadInterceptor)
  async uploadV1(
    @Req() req: Request,
    @Res() res: Response,
    @UploadedFiles() files: UploadedParts,
    @Body() body: unknown,
  ) {
    await this.upload(req, res, files, body, false);
  }

  /** 206 (Partial Content) with the attachment while processing, 200 once `url` is set. */
  @Get(mastodonPaths('api/v1/media/:id'))
  async show(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const user = await this.gate.user(req, res, 'write:media');
    if (!user) return;
    const media = await this.media.own(user.accountId, id);
    const json = serializeMedia(media, instanceBase(req), new Date());
    res.status(json.url === null ? 206 : 200).json(json);
  }

  @Put(mastodonPaths('api/v1/media/:id'))
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const user = await this.gate.user(req, res, 'write:media');
    if (!user) return;
    const media = await this.media.update(user.accountId, id, asRecord(body));
    res.status(200).json(serializeMedia(media, instanceBase(req), new Date()));
  }

  /** The stored file itself, so that attachment URLs resolve (both `original` and `small` serve it). */
  @Get(mastodonPaths('system/media_attachments/files/:id/:variant'))
  async file(@Res() res: Response, @Param('id') id: string): Promise<void> {
    const file = isRecordId(id) ? await this.repo.mediaFile(id) : null;
    if (!file) {
      res.status(404).json({ error: 'Record not found' });
      return;
    }
    res.status(200).type(file.content_type).send(file.bytes);
  }

  private async upload(
    req: Request,
    res: Response,
    files: UploadedParts,
    body: unknown,
    asynchronous: boolean,
  ): Promise<void> {
    const user = await this.gate.user(req, res, 'write:media', ['media']);
    if (!user) return;
    const media = await this.media.upload(user.accountId, files?.file?.[0], asRecord(body), asynchronous);
    if (this.faults.dropAfterCommit(req, res, { network: MASTODON, accountId: user.accountId })) return;
    const json = serializeMedia(media, instanceBase(req), new Date());
    res.status(json.url === null ? 202 : 200).json(json);
  }
}

function asRecord(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
