import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, AnyMember } from '../auth/access.decorators';
import { ClientIp, CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  ApproveDto,
  CalendarQueryDto,
  CalendarView,
  ComposePostDto,
  DecisionCommentDto,
  PostListQueryDto,
  PostListView,
  PostPageView,
  PostResultView,
  ScheduleDto,
  SubmitPostDto,
  TargetActionDto,
  ValidationResultView,
} from './post.dto';
import { Caller, PostsService } from './posts.service';
import { QuietNameFlagsService } from './quiet-name-flags.service';

/** Who may write posts: every role but responders (they work the inbox) and viewers. */
export const COMPOSER_ROLES = ['owner', 'admin', 'approver', 'editor'] as const;
export const REVIEWERS = ['owner', 'admin', 'approver'] as const;

export function callerOf(principal: Principal, access: OrganisationAccess, ip: string | null): Caller {
  return { actor: { userId: principal.userId, label: actorLabel(principal) }, role: access.role, ip };
}

/**
 * Posts: compose (with the live check), submit for approval or schedule, review, reschedule, cancel, publish now,
 * the post page and the calendar. Schedule changes go through the publishing engine's PostTargetScheduling.
 */
@ApiTags('Posts')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; the message says what to change' })
@ApiNotFoundResponse({ description: 'No such post in this organisation' })
@Controller('orgs/:orgId')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly nameFlags: QuietNameFlagsService,
  ) {}

  @Post('posts/validate')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({
    summary: 'The composer’s live check: characters by each network’s rules and problems in words',
  })
  @ApiOkResponse({ type: ValidationResultView })
  async validate(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: ComposePostDto,
  ): Promise<ValidationResultView> {
    const [result, quietFlags] = await Promise.all([
      this.posts.validate(orgId, body),
      this.nameFlags.forCompose(orgId, body),
    ]);
    return { ...result, quietFlags };
  }

  @Post('posts')
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({ summary: 'Save a new post as a draft' })
  @ApiCreatedResponse({ type: PostResultView })
  create(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: ComposePostDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.create(orgId, body, callerOf(principal, access, ip));
  }

  @Get('posts')
  @AnyMember()
  @ApiOperation({ summary: 'Posts, newest first (50 a page, by cursor)' })
  @ApiOkResponse({ type: PostListView })
  list(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: PostListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
  ): Promise<PostListView> {
    return this.posts.list(orgId, query, callerOf(principal, access, null));
  }

  @Get('posts/:postId')
  @AnyMember()
  @ApiOperation({
    summary:
      'The post page: each channel’s state, live link and attempts, the review history and the audit trail',
  })
  @ApiOkResponse({ type: PostPageView })
  async page(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
  ): Promise<PostPageView> {
    const [page] = await this.nameFlags.addTo(orgId, [
      await this.posts.page(orgId, postId, callerOf(principal, access, null)),
    ]);
    return page;
  }

  @Put('posts/:postId')
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({
    summary:
      'Change a post; one that was approved or waiting for approval goes back to review where the policy says',
  })
  @ApiOkResponse({ type: PostResultView })
  @ApiForbiddenResponse({ description: 'Editors change only their own posts' })
  @ApiConflictResponse({ description: 'It is being published right now, or changed meanwhile' })
  update(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Body() body: ComposePostDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.update(orgId, postId, body, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/submit')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({
    summary:
      'Submit for approval, or (where the policy does not require approval for the caller’s role) schedule or publish now',
  })
  @ApiOkResponse({ type: PostResultView })
  @ApiConflictResponse({ description: 'It is not a draft' })
  submit(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Body() body: SubmitPostDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.submit(orgId, postId, body, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/approve')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOperation({
    summary: 'Approve (never one’s own post); with edits where the policy lets approvers edit',
  })
  @ApiOkResponse({ type: PostResultView })
  @ApiForbiddenResponse({ description: 'The caller wrote it, or the policy forbids editing while approving' })
  @ApiConflictResponse({ description: 'It is not waiting for approval, or the caller already approved it' })
  approve(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Body() body: ApproveDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.approve(orgId, postId, body, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/request-changes')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: 'Send it back to the author with a comment (required)' })
  @ApiOkResponse({ type: PostResultView })
  @ApiForbiddenResponse({ description: 'The caller wrote it' })
  @ApiConflictResponse({ description: 'It is not waiting for approval' })
  requestChanges(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Body() body: DecisionCommentDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.requestChanges(orgId, postId, body.comment, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/reject')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: 'Reject it with a comment (required): it will not be published' })
  @ApiOkResponse({ type: PostResultView })
  @ApiForbiddenResponse({ description: 'The caller wrote it' })
  @ApiConflictResponse({ description: 'It is not waiting for approval' })
  reject(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Body() body: DecisionCommentDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.reject(orgId, postId, body.comment, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/schedule')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({
    summary:
      'Choose or move the time (date and time in the organisation’s zone; the answer says how a DST gap or overlap was read)',
  })
  @ApiOkResponse({ type: PostResultView })
  @ApiConflictResponse({ description: 'It is a draft, being published, or already out' })
  schedule(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Body() body: ScheduleDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.schedule(orgId, postId, body, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/publish-now')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({ summary: 'Publish every approved, scheduled, failed or missed channel of the post now' })
  @ApiOkResponse({ type: PostResultView })
  @ApiConflictResponse({ description: 'Nothing can be published now' })
  publishNow(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.publishNow(orgId, postId, undefined, undefined, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/cancel')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({ summary: 'Cancel every channel of the post that has not been published' })
  @ApiOkResponse({ type: PostResultView })
  @ApiConflictResponse({ description: 'Nothing left to cancel, or it is being published right now' })
  cancel(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.cancel(orgId, postId, undefined, undefined, callerOf(principal, access, ip));
  }

  @Post('posts/:postId/targets/:targetId/publish-now')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({ summary: 'Publish one channel now: also the retry of a failed or missed one' })
  @ApiOkResponse({ type: PostResultView })
  @ApiConflictResponse({ description: 'It cannot be published now, or someone changed it meanwhile' })
  publishTargetNow(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Param('targetId', ParseIdPipe) targetId: string,
    @Body() body: TargetActionDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.publishNow(
      orgId,
      postId,
      targetId,
      body.expectedVersion,
      callerOf(principal, access, ip),
    );
  }

  @Post('posts/:postId/targets/:targetId/cancel')
  @HttpCode(200)
  @Roles(...COMPOSER_ROLES)
  @ApiOperation({ summary: 'Cancel one channel of the post' })
  @ApiOkResponse({ type: PostResultView })
  @ApiConflictResponse({ description: 'It is being published right now, already out, or changed meanwhile' })
  cancelTarget(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('postId', ParseIdPipe) postId: string,
    @Param('targetId', ParseIdPipe) targetId: string,
    @Body() body: TargetActionDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<PostResultView> {
    return this.posts.cancel(orgId, postId, targetId, body.expectedVersion, callerOf(principal, access, ip));
  }

  @Get('calendar')
  @AnyMember()
  @ApiOperation({
    summary:
      'Each channel’s post between two instants (at most 92 days), by channel and state, times written out',
  })
  @ApiOkResponse({ type: CalendarView })
  calendar(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: CalendarQueryDto,
  ): Promise<CalendarView> {
    return this.posts.calendar(orgId, query);
  }
}
