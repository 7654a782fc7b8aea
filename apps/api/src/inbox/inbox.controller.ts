import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  AssignDto,
  BulkDto,
  BulkResultView,
  CannedReplyDto,
  CannedReplyView,
  ContactPanelView,
  EditReplyDto,
  ConversationDetailView,
  ConversationListQueryDto,
  ConversationListView,
  HideDto,
  InboxCountsView,
  InboxPolicyDto,
  InboxPolicyView,
  NoteDto,
  NoteView,
  PriorityDto,
  ReasonDto,
  RenderCannedDto,
  RenderedCannedView,
  ReplyDto,
  ReplyResultView,
  ResponseTimesQueryDto,
  ResponseTimesView,
  RoundRobinDto,
  SearchQueryDto,
  SearchView,
  StatusDto,
  TagsDto,
  ThreadQueryDto,
} from './inbox.dto';
import { InboxReadService } from './inbox-read.service';
import { InboxRepliesService, REPLY_APPROVERS } from './inbox-replies.service';
import { INBOX_WORKERS, InboxCaller, InboxWorkService } from './inbox-work.service';

export function inboxCaller(
  principal: Principal,
  access: OrganisationAccess,
  ip: string | null,
): InboxCaller {
  return {
    actor: { userId: principal.userId, label: actorLabel(principal) },
    name: principal.name,
    role: access.role,
    ip,
  };
}

/**
 * The shared inbox (issue 6): views, conversations, search, working them, replies and their approval, hiding or
 * deleting comments, canned replies and the inbox policy. Every member reads; viewers change nothing.
 */
@ApiTags('Inbox')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; the message says what to change' })
@ApiNotFoundResponse({ description: 'No such conversation, message or canned reply in this organisation' })
@Controller('orgs/:orgId/inbox')
export class InboxController {
  constructor(
    private readonly read: InboxReadService,
    private readonly work: InboxWorkService,
    private readonly replies: InboxRepliesService,
  ) {}

  @Get('conversations')
  @AnyMember()
  @ApiOperation({ summary: 'One view of the inbox, newest activity first, paged by cursor' })
  @ApiOkResponse({ type: ConversationListView })
  list(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: ConversationListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConversationListView> {
    return this.read.list(orgId, principal.userId, query);
  }

  @Get('counts')
  @AnyMember()
  @ApiOperation({ summary: 'How many conversations each view holds (mine is the navigation badge)' })
  @ApiOkResponse({ type: InboxCountsView })
  counts(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InboxCountsView> {
    return this.read.counts(orgId, principal.userId);
  }

  @Get('search')
  @AnyMember()
  @ApiOperation({ summary: 'Ranked full-text search over messages (paged) and contacts' })
  @ApiOkResponse({ type: SearchView })
  search(@Param('orgId', ParseIdPipe) orgId: string, @Query() query: SearchQueryDto): Promise<SearchView> {
    return this.read.search(orgId, query.q, query.cursor);
  }

  @Get('reports/response-times')
  @AnyMember()
  @ApiOperation({
    summary:
      'First response and resolution times (median, 90th percentile) by channel, person, week or language',
  })
  @ApiOkResponse({ type: ResponseTimesView })
  responseTimes(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: ResponseTimesQueryDto,
  ): Promise<ResponseTimesView> {
    return this.read.responseTimes(
      orgId,
      new Date(query.from),
      new Date(query.to),
      query.groupBy ?? 'channel',
    );
  }

  @Get('conversations/:conversationId')
  @AnyMember()
  @ApiOperation({
    summary:
      'A conversation: thread and notes in order (latest 100; older by cursor), contact panel, presence',
  })
  @ApiOkResponse({ type: ConversationDetailView })
  detail(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Query() query: ThreadQueryDto,
  ): Promise<ConversationDetailView> {
    return this.read.detail(orgId, conversationId, query.before);
  }

  @Get('contacts/:contactId')
  @AnyMember()
  @ApiOperation({ summary: 'A contact with their conversations across channels' })
  @ApiOkResponse({ type: ContactPanelView })
  contact(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('contactId', ParseIdPipe) contactId: string,
  ): Promise<ContactPanelView> {
    return this.read.contactPanel(orgId, contactId);
  }

  @Put('conversations/:conversationId/assignee')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Assign to a person, unassign (null), or give to the next in round-robin' })
  @ApiOkResponse({ type: ConversationDetailView })
  @ApiConflictResponse({ description: 'Round-robin asked but nobody opted in' })
  async assign(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: AssignDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ConversationDetailView> {
    await this.work.assign(orgId, conversationId, dto, inboxCaller(principal, access, ip));
    return this.read.detail(orgId, conversationId);
  }

  @Put('conversations/:conversationId/status')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Open, pending, snoozed (with snoozedUntil) or closed' })
  @ApiOkResponse({ type: ConversationDetailView })
  async status(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: StatusDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ConversationDetailView> {
    await this.work.setStatus(orgId, conversationId, dto, inboxCaller(principal, access, ip));
    return this.read.detail(orgId, conversationId);
  }

  @Put('conversations/:conversationId/priority')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Set the priority (high and urgent show in Flagged)' })
  @ApiOkResponse({ type: ConversationDetailView })
  async priority(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: PriorityDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ConversationDetailView> {
    await this.work.setPriority(orgId, conversationId, dto.priority, inboxCaller(principal, access, ip));
    return this.read.detail(orgId, conversationId);
  }

  @Put('conversations/:conversationId/tags')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Replace the tags (lower case, spaces become hyphens)' })
  @ApiOkResponse({ type: ConversationDetailView })
  async tags(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: TagsDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ConversationDetailView> {
    await this.work.setTags(orgId, conversationId, dto.tags, inboxCaller(principal, access, ip));
    return this.read.detail(orgId, conversationId);
  }

  @Post('conversations/:conversationId/notes')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Add an internal note; the members it mentions are notified' })
  @ApiCreatedResponse({ type: NoteView })
  note(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: NoteDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<NoteView> {
    return this.work.addNote(orgId, conversationId, dto, inboxCaller(principal, access, ip));
  }

  @Post('conversations/bulk')
  @HttpCode(200)
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Assign, close, tag or untag up to 500 conversations in one transaction' })
  @ApiOkResponse({ type: BulkResultView })
  bulk(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() dto: BulkDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<BulkResultView> {
    return this.work.bulk(orgId, dto, inboxCaller(principal, access, ip));
  }

  @Post('conversations/:conversationId/replies')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({
    summary:
      'Reply: goes out (through the queue, once) or waits for approval by policy; submit=false keeps a draft',
  })
  @ApiCreatedResponse({ type: ReplyResultView })
  @ApiConflictResponse({ description: 'Nothing to answer yet' })
  reply(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() dto: ReplyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ReplyResultView> {
    return this.replies.create(orgId, conversationId, dto, inboxCaller(principal, access, ip));
  }

  @Put('replies/:messageId')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Change a draft or failed reply (its author); it is then a draft to submit' })
  @ApiOkResponse({ type: ReplyResultView })
  @ApiConflictResponse({ description: 'Not a draft or failed' })
  @ApiForbiddenResponse({ description: 'Not the author' })
  editReply(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @Body() dto: EditReplyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ReplyResultView> {
    return this.replies.edit(orgId, messageId, dto.text, inboxCaller(principal, access, ip));
  }

  @Post('replies/:messageId/submit')
  @HttpCode(200)
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Submit a draft reply (for approval, or out, by policy)' })
  @ApiOkResponse({ type: ReplyResultView })
  @ApiConflictResponse({ description: 'Not a draft' })
  @ApiForbiddenResponse({ description: 'Not the author' })
  submit(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ReplyResultView> {
    return this.replies.submit(orgId, messageId, inboxCaller(principal, access, ip));
  }

  @Post('replies/:messageId/approve')
  @HttpCode(200)
  @Roles(...REPLY_APPROVERS)
  @ApiOperation({ summary: 'Approve a reply waiting for approval (never one’s own); it then goes out' })
  @ApiOkResponse({ type: ReplyResultView })
  @ApiConflictResponse({ description: 'Not waiting for approval' })
  @ApiForbiddenResponse({ description: 'The caller wrote it, or the quiet period names other roles' })
  approve(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ReplyResultView> {
    return this.replies.approve(orgId, messageId, inboxCaller(principal, access, ip));
  }

  @Post('replies/:messageId/send-back')
  @HttpCode(200)
  @Roles(...REPLY_APPROVERS)
  @ApiOperation({ summary: 'Send a reply back to its author as a draft, with the reason' })
  @ApiOkResponse({ type: ReplyResultView })
  @ApiConflictResponse({ description: 'Not waiting for approval' })
  @ApiForbiddenResponse({ description: 'The caller wrote it' })
  sendBack(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @Body() dto: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ReplyResultView> {
    return this.replies.reject(orgId, messageId, dto.reason, inboxCaller(principal, access, ip));
  }

  @Post('replies/:messageId/retry')
  @HttpCode(200)
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Send a failed reply again' })
  @ApiOkResponse({ type: ReplyResultView })
  @ApiConflictResponse({ description: 'Not failed' })
  retry(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<ReplyResultView> {
    return this.replies.retry(orgId, messageId, inboxCaller(principal, access, ip));
  }

  @Post('messages/:messageId/hide')
  @HttpCode(204)
  @Roles(...INBOX_WORKERS)
  @ApiOperation({
    summary: 'Hide (or, with hidden=false, show again) a public comment on the network, with a reason',
  })
  @ApiNoContentResponse({ description: 'Done on the network and recorded; the message stays stored' })
  @ApiConflictResponse({ description: 'Not a public comment, the network cannot hide, or it refused' })
  async hide(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @Body() dto: HideDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    const action = dto.hidden === false ? 'unhide' : 'hide';
    await this.replies.moderate(orgId, messageId, action, dto, inboxCaller(principal, access, ip));
  }

  @Post('messages/:messageId/delete-on-network')
  @HttpCode(204)
  @Roles(...REPLY_APPROVERS)
  @ApiOperation({
    summary: 'Delete a public comment on the network, with a reason; our copy stays as evidence',
  })
  @ApiNoContentResponse({ description: 'Deleted on the network and recorded' })
  @ApiConflictResponse({ description: 'Not a public comment, the network cannot delete, or it refused' })
  async deleteOnNetwork(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('messageId', ParseIdPipe) messageId: string,
    @Body() dto: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.replies.moderate(orgId, messageId, 'delete', dto, inboxCaller(principal, access, ip));
  }

  @Get('canned-replies')
  @AnyMember()
  @ApiOperation({ summary: 'Canned replies, by title' })
  @ApiOkResponse({ type: [CannedReplyView] })
  canned(@Param('orgId', ParseIdPipe) orgId: string): Promise<CannedReplyView[]> {
    return this.work.listCanned(orgId);
  }

  @Post('canned-replies')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Add a canned reply ({{contact.name}}, {{agent.name}}, {{organisation.name}})' })
  @ApiCreatedResponse({ type: CannedReplyView })
  @ApiConflictResponse({ description: 'The title is taken' })
  createCanned(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() dto: CannedReplyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<CannedReplyView> {
    return this.work.saveCanned(orgId, null, dto, inboxCaller(principal, access, ip));
  }

  @Put('canned-replies/:cannedId')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Change a canned reply' })
  @ApiOkResponse({ type: CannedReplyView })
  @ApiConflictResponse({ description: 'The title is taken' })
  updateCanned(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('cannedId', ParseIdPipe) cannedId: string,
    @Body() dto: CannedReplyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<CannedReplyView> {
    return this.work.saveCanned(orgId, cannedId, dto, inboxCaller(principal, access, ip));
  }

  @Delete('canned-replies/:cannedId')
  @HttpCode(204)
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Remove a canned reply' })
  @ApiNoContentResponse({ description: 'Removed' })
  async deleteCanned(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('cannedId', ParseIdPipe) cannedId: string,
  ): Promise<void> {
    await this.work.deleteCanned(orgId, cannedId);
  }

  @Post('canned-replies/:cannedId/render')
  @HttpCode(200)
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'A canned reply with its variables filled for one conversation and the caller' })
  @ApiOkResponse({ type: RenderedCannedView })
  render(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('cannedId', ParseIdPipe) cannedId: string,
    @Body() dto: RenderCannedDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<RenderedCannedView> {
    return this.work.renderCanned(orgId, cannedId, dto.conversationId, inboxCaller(principal, access, ip));
  }

  @Get('policy')
  @AnyMember()
  @ApiOperation({ summary: 'Whose replies need approval, and who takes part in round-robin' })
  @ApiOkResponse({ type: InboxPolicyView })
  policy(@Param('orgId', ParseIdPipe) orgId: string): Promise<InboxPolicyView> {
    return this.work.policy(orgId);
  }

  @Put('policy')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Set the roles whose replies need an approver' })
  @ApiOkResponse({ type: InboxPolicyView })
  setPolicy(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() dto: InboxPolicyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<InboxPolicyView> {
    return this.work.setPolicy(orgId, dto.replyApprovalRoles, inboxCaller(principal, access, ip));
  }

  @Put('round-robin/me')
  @Roles(...INBOX_WORKERS)
  @ApiOperation({ summary: 'Opt in to (or out of) round-robin assignment' })
  @ApiOkResponse({ type: InboxPolicyView })
  roundRobin(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() dto: RoundRobinDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
    @ClientIp() ip: string | null,
  ): Promise<InboxPolicyView> {
    return this.work.setRoundRobin(orgId, dto.optedIn, inboxCaller(principal, access, ip));
  }
}
