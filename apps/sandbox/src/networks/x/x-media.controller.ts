import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { jsonBodyOf } from './x-body';
import { XExceptionFilter } from './x-exception.filter';
import { XGateService } from './x-gate.service';
import { XMediaService } from './x-media.service';
import { readMultipart } from './x-multipart';
import { pathId } from './x-params';
import { invalidRequest, sendJson } from './x-problem';
import { XQueryReader } from './x-query';

const MEDIA_SCOPES = ['media.write'];
/** X takes segments of up to 5 MB each. */
const MAX_SEGMENT_BYTES = 5 * 1024 * 1024;

/** v2 chunked media upload (api.x.com/2/media/upload/...). */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x/2/media/upload')
export class XMediaController {
  constructor(
    private readonly gate: XGateService,
    private readonly media: XMediaService,
  ) {}

  @Post('initialize')
  async initialize(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'POST /2/media/upload/initialize', MEDIA_SCOPES);
    if (!caller) return;
    const media = await this.media.initialize(caller.userId, jsonBodyOf(req));
    const snapshot = this.media.snapshot(media);
    sendJson(res, 200, {
      data: {
        id: snapshot.id,
        media_key: snapshot.media_key,
        expires_after_secs: snapshot.expires_after_secs,
      },
    });
  }

  /** Multipart (twitter-api-v2 sends the segment as an application/octet-stream part) or JSON with base64. */
  @Post(':id/append')
  async append(@Req() req: Request, @Res() res: Response, @Param('id') rawId: string): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'POST /2/media/upload/:id/append', MEDIA_SCOPES);
    if (!caller) return;
    const id = pathId('id', rawId);
    const parts = await readMultipart(req, MAX_SEGMENT_BYTES + 64 * 1024);
    const body: Record<string, unknown> = parts
      ? Object.fromEntries(
          parts.filter((p) => p.name !== 'media').map((p) => [p.name, p.data.toString('utf8')]),
        )
      : ((req.body ?? {}) as Record<string, unknown>);
    let chunk = parts?.find((part) => part.name === 'media')?.data;
    if (!parts && typeof body.media === 'string') {
      if (!/^[A-Za-z0-9+/=\s]*$/.test(body.media)) {
        throw invalidRequest([
          { parameter: 'media', message: 'media must be the segment bytes, or base64 in JSON.' },
        ]);
      }
      chunk = Buffer.from(body.media, 'base64');
    }
    const media = await this.media.append(caller.userId, id, body.segment_index, chunk);
    sendJson(res, 200, { data: { expires_at: Math.floor(media.expires_at.getTime() / 1000) } });
  }

  @Post(':id/finalize')
  async finalize(@Req() req: Request, @Res() res: Response, @Param('id') rawId: string): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'POST /2/media/upload/:id/finalize', MEDIA_SCOPES);
    if (!caller) return;
    const media = await this.media.finalize(caller.userId, pathId('id', rawId));
    if (this.gate.dropAfterCommit(req, res, caller)) return;
    sendJson(res, 200, { data: this.media.snapshot(media) });
  }

  @Get()
  async status(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/media/upload', MEDIA_SCOPES);
    if (!caller) return;
    const reader = new XQueryReader(req.query);
    const command = reader.string('command', { required: true });
    if (command && command !== 'STATUS') {
      reader.fail('command', command, 'The `command` query parameter value must be STATUS');
    }
    const mediaId = reader.id('media_id');
    if (!mediaId && reader.string('media_id') === undefined) {
      reader.fail('media_id', undefined, 'The `media_id` query parameter can not be empty');
    }
    reader.done();
    const media = await this.media.status(caller.userId, mediaId as string);
    sendJson(res, 200, { data: this.media.snapshot(media) });
  }
}
