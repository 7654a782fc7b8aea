import { Body, Controller, Get, Param, Post, Put, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { COMPOSER_ROLES } from '../posts/posts.controller';
import { AltTextDto, MediaView, UploadMediaDto } from './media.dto';
import { MAX_UPLOAD_BYTES, MediaService, UploadedFile as UploadedMedia } from './media.service';

/**
 * Images and videos for posts, uploaded as multipart/form-data (field `file`, optional `altText`): the browser's
 * FormData sends the bytes as they are, where base64 JSON would add a third and outgrow the JSON body limit.
 */
@ApiTags('Media')
@ApiBadRequestResponse({ description: 'No file, a type no network takes, or too large for every network' })
@Controller('orgs/:orgId/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @Roles(...COMPOSER_ROLES)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadMediaDto })
  @ApiOperation({ summary: 'Upload an image or video (multipart/form-data: file, altText)' })
  @ApiCreatedResponse({ type: MediaView })
  @ApiPayloadTooLargeResponse({ description: 'Larger than any network takes (16 MB)' })
  upload(
    @Param('orgId', ParseIdPipe) orgId: string,
    @UploadedFile() file: UploadedMedia | undefined,
    @Body('altText') altText: unknown,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<MediaView> {
    return this.media.upload(
      orgId,
      file,
      typeof altText === 'string' ? altText : null,
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
  }

  @Get(':mediaId')
  @AnyMember()
  @ApiOperation({ summary: 'What is known about an upload (type, size, alt text)' })
  @ApiOkResponse({ type: MediaView })
  @ApiNotFoundResponse({ description: 'No such upload in this organisation' })
  get(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('mediaId', ParseIdPipe) mediaId: string,
  ): Promise<MediaView> {
    return this.media.get(orgId, mediaId);
  }

  @Get(':mediaId/content')
  @AnyMember()
  @ApiProduces('image/*', 'video/*')
  @ApiOperation({ summary: 'The file itself, for the composer’s preview' })
  @ApiOkResponse({ description: 'The bytes, with their type' })
  @ApiNotFoundResponse({ description: 'No such upload in this organisation' })
  async content(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('mediaId', ParseIdPipe) mediaId: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.media.content(orgId, mediaId);
    res.setHeader('content-type', file.mimeType);
    res.setHeader('cache-control', 'private, max-age=3600');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    res.status(200).send(file.data);
  }

  @Put(':mediaId/alt-text')
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({ summary: 'Set the alt text: what the image shows, for people who cannot see it' })
  @ApiOkResponse({ type: MediaView })
  @ApiNotFoundResponse({ description: 'No such upload in this organisation' })
  setAltText(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('mediaId', ParseIdPipe) mediaId: string,
    @Body() body: AltTextDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<MediaView> {
    return this.media.setAltText(
      orgId,
      mediaId,
      body.altText,
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
  }
}
