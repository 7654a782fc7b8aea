import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, ForbiddenError, InvalidInputError, MediaUrlSigner } from '@outside-in/common';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { MediaService } from './media.service';

/**
 * One media asset by a signed, time-limited link (`MediaUrlSigner`), for networks that fetch images themselves:
 * Instagram's Graph API takes an `image_url` and downloads it. Nothing is listed; without a valid signature
 * nothing is said about whether the id exists.
 */
@ApiTags('Media')
@Controller('media/public')
export class PublicMediaController {
  private readonly signer: MediaUrlSigner;

  constructor(
    private readonly media: MediaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.signer = new MediaUrlSigner(config);
  }

  @Get(':mediaId')
  @Public()
  @ApiProduces('image/*', 'video/*')
  @ApiQuery({
    name: 'expires',
    description: 'Unix seconds after which the link stops working',
    required: true,
  })
  @ApiQuery({ name: 'signature', description: 'HMAC-SHA256 of the id and expiry, base64url', required: true })
  @ApiOperation({ summary: 'A media file by a signed link that expires (what Instagram downloads)' })
  @ApiOkResponse({ description: 'The bytes, with their type' })
  @ApiBadRequestResponse({ description: 'The link has no expiry or signature' })
  @ApiForbiddenResponse({ description: 'The signature does not match, or the link has expired' })
  @ApiNotFoundResponse({ description: 'The link is genuine but the file no longer exists' })
  async content(
    @Param('mediaId', ParseIdPipe) mediaId: string,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Res() res: Response,
  ): Promise<void> {
    if (typeof expires !== 'string' || typeof signature !== 'string' || !expires || !signature) {
      throw new InvalidInputError(
        'This media link is incomplete: it needs both expires and signature. Use the whole link you were given.',
        [
          ...(typeof expires === 'string' && expires ? [] : [{ field: 'expires', problem: 'is missing' }]),
          ...(typeof signature === 'string' && signature
            ? []
            : [{ field: 'signature', problem: 'is missing' }]),
        ],
      );
    }
    const check = this.signer.check(mediaId, expires, signature);
    if (check === 'invalid') {
      throw new ForbiddenError(
        'This media link is not valid: its signature does not match. Use the whole link as it was given, unchanged.',
      );
    }
    if (check === 'expired') {
      throw new ForbiddenError(
        'This media link has expired. Publishing makes a new link each time it runs; ask for a fresh one.',
      );
    }
    const file = await this.media.publicContent(mediaId);
    res.setHeader('content-type', file.mimeType);
    res.setHeader('content-length', String(file.data.length));
    res.setHeader('cache-control', 'private, max-age=300');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    res.status(200).send(file.data);
  }
}
