import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { OrganisationAccess, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { inboxCaller } from './inbox.controller';
import {
  AwaitingQueryDto,
  AwaitingReplyListView,
  RoundRobinAutoDto,
  RoundRobinAutoView,
  TagListView,
} from './inbox-team.dto';
import { InboxTeamService } from './inbox-team.service';

/**
 * The lists a team works from besides the views: tags in use, replies waiting for an approver, and the
 * organisation's automatic round-robin. Every member reads; owners and admins turn round-robin on or off.
 */
@ApiTags('Inbox')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; the message says what to change' })
@Controller('orgs/:orgId/inbox')
export class InboxTeamController {
  constructor(private readonly team: InboxTeamService) {}

  @Get('tags')
  @AnyMember()
  @ApiOperation({ summary: 'Tags in use, with how many open and how many conversations in all carry each' })
  @ApiOkResponse({ type: TagListView })
  tags(@Param('orgId', ParseIdPipe) orgId: string): Promise<TagListView> {
    return this.team.tags(orgId);
  }

  @Get('replies/awaiting-approval')
  @AnyMember()
  @ApiOperation({ summary: 'Replies waiting for an approver, oldest first, paged by cursor' })
  @ApiOkResponse({ type: AwaitingReplyListView })
  awaiting(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: AwaitingQueryDto,
  ): Promise<AwaitingReplyListView> {
    return this.team.awaitingApproval(orgId, query.cursor);
  }

  @Get('round-robin/automatic')
  @AnyMember()
  @ApiOperation({
    summary: 'Whether new conversations are given in turn, on every channel or on chosen ones',
  })
  @ApiOkResponse({ type: RoundRobinAutoView })
  roundRobinAuto(@Param('orgId', ParseIdPipe) orgId: string): Promise<RoundRobinAutoView> {
    return this.team.roundRobinAuto(orgId);
  }

  @Put('round-robin/automatic')
  @Roles('owner', 'admin')
  @ApiOperation({
    summary:
      'Give new conversations in turn to those who opted in: on every channel, chosen channels, or off',
  })
  @ApiOkResponse({ type: RoundRobinAutoView })
  @ApiForbiddenResponse({ description: 'Only owners and admins change this' })
  setRoundRobinAuto(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() dto: RoundRobinAutoDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<RoundRobinAutoView> {
    return this.team.setRoundRobinAuto(orgId, dto, inboxCaller(principal, access, ip));
  }
}
