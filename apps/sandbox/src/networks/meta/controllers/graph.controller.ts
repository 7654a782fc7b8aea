import { All, Controller, Param, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { GraphExceptionFilter } from '../graph/graph-exception.filter';
import { unknownPath } from '../graph/graph-error';
import { writeGraphError } from '../graph/write-graph-error';
import { GraphRouterService } from '../services/graph-router.service';
import { UploadedFile } from '../services/page-feed.service';

/** Graph photo uploads are limited to 10 MB (Meta: 4 MB for most, 10 MB for some); keep the larger. */
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Meta's Graph API under /meta: `/meta/{version}/{node}` and `/meta/{version}/{node}/{edge}`. */
@ApiExcludeController()
@Controller('meta')
@UseFilters(GraphExceptionFilter)
@UseInterceptors(AnyFilesInterceptor({ limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } }))
export class GraphController {
  constructor(private readonly router: GraphRouterService) {}

  @All(':version/:node')
  async node(
    @Req() req: Request,
    @Res() res: Response,
    @Param('version') version: string,
    @Param('node') node: string,
  ): Promise<void> {
    await this.router.handle(req, res, version, node, undefined, filesOf(req));
  }

  @All(':version/:node/:edge')
  async edge(
    @Req() req: Request,
    @Res() res: Response,
    @Param('version') version: string,
    @Param('node') node: string,
    @Param('edge') edge: string,
  ): Promise<void> {
    await this.router.handle(req, res, version, node, edge, filesOf(req));
  }

  /** Graph paths are one node and at most one edge deep. */
  @All(':version/:node/:edge/*rest')
  deeper(@Req() req: Request, @Res() res: Response): void {
    writeGraphError(res, unknownPath(req.path.split('/').slice(5).join('/')));
  }
}

function filesOf(req: Request): UploadedFile[] {
  const files = (req as Request & { files?: unknown }).files;
  return Array.isArray(files) ? (files as UploadedFile[]) : [];
}
