import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { PauseDto, PauseStateView, ResumeDto } from './post.dto';
import { PublishingPauseService } from './publishing-pause.service';

@ApiTags('Publishing pause')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; the message says what to change' })
@Controller('orgs/:orgId/publishing')
export class PublishingPauseController {
  constructor(private readonly pauses: PublishingPauseService) {}

  @Get('pause')
  @AnyMember()
  @ApiOperation({
    summary: 'Whether publishing is paused (organisation-wide or per channel), with the banner text',
  })
  @ApiOkResponse({ type: PauseStateView })
  state(@Param('orgId', ParseIdPipe) orgId: string): Promise<PauseStateView> {
    return this.pauses.state(orgId);
  }

  @Post('pause')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Pause publishing for the organisation or one channel, with a reason; due posts wait',
  })
  @ApiOkResponse({ type: PauseStateView })
  @ApiConflictResponse({ description: 'It is already paused' })
  pause(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: PauseDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<PauseStateView> {
    return this.pauses.pause(orgId, body, { userId: principal.userId, label: actorLabel(principal) }, ip);
  }

  @Post('resume')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Lift a pause; posts held by it publish at once' })
  @ApiOkResponse({ type: PauseStateView })
  @ApiConflictResponse({ description: 'It is not paused' })
  resume(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: ResumeDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<PauseStateView> {
    return this.pauses.resume(orgId, body, { userId: principal.userId, label: actorLabel(principal) }, ip);
  }
}
