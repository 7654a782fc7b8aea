import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, ForbiddenError, InvalidInputError, NotFoundError } from '@outside-in/common';
import { WebhookIntake } from '@outside-in/inbox';
import { metaSignatureValid, xCrcResponse, xSignatureValid } from '@outside-in/platforms/webhook-parsers';
import { Public } from '../auth/access.decorators';
import { rawBodyOf } from './webhook-raw-body';

class WebhookReceipt {
  @ApiProperty({ example: true })
  received: true;
}

class CrcAnswer {
  @ApiProperty({ example: 'sha256=x0mYd8hz2goCTfcNAaMqENy2BFgJJfJOb4PdvTffpwg=' })
  response_token: string;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Where the networks push events. A delivery is checked against its signature over the exact body bytes; a
 * missing or wrong signature is refused (403) and nothing is stored. A good one is stored as it came and
 * answered at once; the worker processes it. These routes are public (the network calls them, with no session)
 * and take no CSRF token; the signature is their authentication. Without the secrets configured they answer
 * 404: the server does not take that network's webhooks.
 */
@ApiTags('Webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: WebhookIntake,
  ) {}

  @Get('meta')
  @Public({ csrf: false })
  @ApiOperation({
    summary: "Meta's subscription check: echoes hub.challenge when hub.verify_token is ours",
  })
  @ApiQuery({ name: 'hub.mode', required: true, example: 'subscribe' })
  @ApiQuery({ name: 'hub.verify_token', required: true })
  @ApiQuery({ name: 'hub.challenge', required: true, example: '1158201444' })
  @ApiOkResponse({ description: 'The challenge, as plain text', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'A parameter is missing' })
  @ApiForbiddenResponse({ description: 'The verify token is not ours' })
  @ApiNotFoundResponse({ description: 'Meta webhooks are not set up on this server' })
  verifyMeta(
    @Res({ passthrough: true }) res: Response,
    @Query('hub.mode') mode?: string,
    @Query('hub.verify_token') token?: string,
    @Query('hub.challenge') challenge?: string,
  ): string {
    const expected = this.config.META_WEBHOOK_VERIFY_TOKEN;
    if (!expected)
      throw new NotFoundError(
        'Meta webhooks are not set up on this server: set META_WEBHOOK_VERIFY_TOKEN and META_APP_SECRET.',
      );
    if (mode !== 'subscribe' || !challenge)
      throw new InvalidInputError('Send hub.mode=subscribe, hub.verify_token and hub.challenge.');
    if (typeof token !== 'string' || !sameText(token, expected))
      throw new ForbiddenError('The verify token does not match this server.');
    // Meta reads the challenge back as the whole body; set only on success, so errors stay JSON.
    res.type('text/plain');
    return challenge;
  }

  @Post('meta')
  @HttpCode(200)
  @Public({ csrf: false })
  @ApiOperation({ summary: 'A Meta webhook delivery, signed with X-Hub-Signature-256' })
  @ApiOkResponse({ type: WebhookReceipt, description: 'Stored; it is processed in the background' })
  @ApiForbiddenResponse({ description: 'The signature is missing or wrong; nothing was stored' })
  @ApiNotFoundResponse({ description: 'Meta webhooks are not set up on this server' })
  async receiveMeta(@Req() req: Request): Promise<WebhookReceipt> {
    const secret = this.config.META_APP_SECRET;
    if (!secret) throw new NotFoundError('Meta webhooks are not set up on this server: set META_APP_SECRET.');
    const body = rawBodyOf(req);
    if (!metaSignatureValid(secret, body, req.header('x-hub-signature-256')))
      throw new ForbiddenError('The X-Hub-Signature-256 header is missing or does not match the body.');
    await this.intake.accept('meta', body, req.headers);
    return { received: true };
  }

  @Get('x')
  @Public({ csrf: false })
  @ApiOperation({ summary: "X's challenge-response check (CRC): signs crc_token with the consumer secret" })
  @ApiQuery({ name: 'crc_token', required: true })
  @ApiOkResponse({ type: CrcAnswer })
  @ApiBadRequestResponse({ description: 'crc_token is missing' })
  @ApiNotFoundResponse({ description: 'X webhooks are not set up on this server' })
  crcX(@Query('crc_token') crcToken?: string): CrcAnswer {
    const secret = this.config.X_CONSUMER_SECRET;
    if (!secret) throw new NotFoundError('X webhooks are not set up on this server: set X_CONSUMER_SECRET.');
    if (typeof crcToken !== 'string' || !crcToken) throw new InvalidInputError('Send crc_token.');
    return xCrcResponse(secret, crcToken);
  }

  @Post('x')
  @HttpCode(200)
  @Public({ csrf: false })
  @ApiOperation({ summary: 'An X Account Activity delivery, signed with x-twitter-webhooks-signature' })
  @ApiOkResponse({ type: WebhookReceipt, description: 'Stored; it is processed in the background' })
  @ApiForbiddenResponse({ description: 'The signature is missing or wrong; nothing was stored' })
  @ApiNotFoundResponse({ description: 'X webhooks are not set up on this server' })
  async receiveX(@Req() req: Request): Promise<WebhookReceipt> {
    const secret = this.config.X_CONSUMER_SECRET;
    if (!secret) throw new NotFoundError('X webhooks are not set up on this server: set X_CONSUMER_SECRET.');
    const body = rawBodyOf(req);
    if (!xSignatureValid(secret, body, req.header('x-twitter-webhooks-signature')))
      throw new ForbiddenError(
        'The x-twitter-webhooks-signature header is missing or does not match the body.',
      );
    await this.intake.accept('x', body, req.headers);
    return { received: true };
  }
}
