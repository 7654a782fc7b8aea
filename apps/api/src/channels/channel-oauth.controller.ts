import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { ClientIp, OptionalPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { CallbackOutcome, ChannelConnectService } from './channel-connect.service';

/** Where networks send people back after consent; it always redirects to the Channels screen. */
@ApiTags('Channels')
@Controller('channels/oauth')
export class ChannelOAuthController {
  constructor(private readonly connect: ChannelConnectService) {}

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: 'The OAuth redirect URI: finishes connecting, then redirects to the Channels screen',
  })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'error', required: false })
  @ApiQuery({ name: 'error_description', required: false })
  @ApiFoundResponse({ description: 'To /channels with connected, choose or connectError' })
  async callback(
    @Query() query: Record<string, unknown>,
    @OptionalPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
    @Res() res: Response,
  ): Promise<void> {
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
    const outcome = await this.connect.complete(
      {
        state: text('state'),
        code: text('code'),
        error: text('error'),
        error_description: text('error_description'),
      },
      principal?.userId,
      principal ? { userId: principal.userId, label: actorLabel(principal) } : undefined,
      ip,
    );
    res.redirect(302, channelsLocation(outcome));
  }
}

function channelsLocation(outcome: CallbackOutcome): string {
  const params = new URLSearchParams();
  if (outcome.orgId) params.set('org', outcome.orgId);
  if (outcome.connected !== undefined) params.set('connected', String(outcome.connected));
  if (outcome.choose) params.set('choose', outcome.choose);
  if (outcome.error) params.set('connectError', outcome.error);
  return `/channels?${params.toString()}`;
}
