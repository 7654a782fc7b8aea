import { Controller, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { jsonBodyOf } from './x-body';
import { XExceptionFilter } from './x-exception.filter';
import { XGateService } from './x-gate.service';
import { XMediaService } from './x-media.service';
import { sendJson } from './x-problem';

/** POST /2/media/metadata: how X stores alt text for an uploaded image (shown as media.alt_text). */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x/2/media/metadata')
export class XMediaMetadataController {
  constructor(
    private readonly gate: XGateService,
    private readonly media: XMediaService,
  ) {}

  @Post()
  async create(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'POST /2/media/metadata', ['media.write']);
    if (!caller) return;
    const described = await this.media.describe(caller.userId, jsonBodyOf(req));
    sendJson(res, 200, {
      data: { id: described.id, associated_metadata: { alt_text: { text: described.altText } } },
    });
  }
}
