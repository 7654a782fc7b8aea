import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotAcceptableException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiNotAcceptableResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyMember } from '../auth/access.decorators';
import { CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { OrganisationAccess, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { PresenceDto, PresenceView } from './inbox.dto';
import { InboxReadService } from './inbox-read.service';
import { InboxRealtime } from './inbox-realtime.service';
import { INBOX_WORKERS } from './inbox-work.service';

/**
 * Realtime: one SSE stream per organisation for each open screen, and presence heartbeats. Viewers see and are
 * seen viewing; only people who can reply are shown typing.
 */
@ApiTags('Inbox')
@Controller('orgs/:orgId/inbox')
export class InboxRealtimeController {
  constructor(
    private readonly realtime: InboxRealtime,
    private readonly read: InboxReadService,
  ) {}

  @Get('events')
  @AnyMember()
  @ApiOperation({
    summary:
      'Server-Sent Events: message.created, conversation.updated, note.created, reply.updated, presence (JSON data)',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream that stays open' })
  @ApiNotAcceptableResponse({ description: 'The request must accept text/event-stream (use EventSource)' })
  async events(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    if (!accept?.includes('text/event-stream'))
      throw new NotAcceptableException(
        'This is an event stream: open it with EventSource (Accept: text/event-stream).',
      );
    await this.realtime.open(orgId, response);
  }

  @Post('conversations/:conversationId/presence')
  @HttpCode(200)
  @AnyMember()
  @ApiOperation({
    summary: 'Heartbeat: viewing (every 10 s), typing (every 3 s while typing), or left; told to the others',
  })
  @ApiOkResponse({ type: PresenceView })
  async presence(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: PresenceDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
  ): Promise<PresenceView> {
    await this.read.assertConversation(orgId, conversationId);
    const canReply = (INBOX_WORKERS as readonly string[]).includes(access.role);
    return this.realtime.heartbeat(
      orgId,
      conversationId,
      { userId: principal.userId, name: principal.name },
      { typing: canReply && !!dto.typing, left: !!dto.left },
    );
  }
}
