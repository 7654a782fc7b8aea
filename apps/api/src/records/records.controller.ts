import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { invalidFields } from '@outside-in/common';
import { AuditActor, Organisation } from '@outside-in/database';
import { formatInZone, zonedWallTimeToInstant } from '@outside-in/guardrails';
import {
  FoiRequestsService,
  LegalHoldsService,
  RecordsExportService,
  RecordsLookupService,
  type FoiRequestView as FoiRequestRecord,
} from '@outside-in/records';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { renderExport } from './export-render';
import {
  CompleteFoiDto,
  ContactMatchListView,
  ContactSearchQueryDto,
  ExportQueryDto,
  FoiListQueryDto,
  FoiListView,
  FoiRequestView,
  HoldListQueryDto,
  HoldListView,
  HoldView,
  MarkFoiDto,
  PlaceHoldDto,
  ReleaseHoldDto,
  UnmarkFoiDto,
} from './records.dto';

function actorOf(principal: Principal): AuditActor {
  return { userId: principal.userId, label: actorLabel(principal) };
}

/**
 * Who does what with records. Exports and the holds list: owners, admins and approvers (the people who answer
 * FOI and subject-access requests; an export holds everything about a person, so not every responder). Placing
 * and releasing a hold: owners and admins (a legal decision about the organisation's records). Marking a
 * message as an FOI request: anyone who works the inbox (the person who reads it spots it). Completing or
 * unmarking one: owners, admins and approvers. Every member sees the FOI clocks.
 */
const RECORDS_ROLES = ['owner', 'admin', 'approver'] as const;
const HOLD_ROLES = ['owner', 'admin'] as const;
const INBOX_ROLES = ['owner', 'admin', 'approver', 'editor', 'responder'] as const;

@ApiTags('Records')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; details name each field' })
@Controller('orgs/:orgId/records')
export class RecordsController {
  constructor(
    private readonly holds: LegalHoldsService,
    private readonly foi: FoiRequestsService,
    private readonly exports: RecordsExportService,
    private readonly lookup: RecordsLookupService,
    private readonly dataSource: DataSource,
  ) {}

  // ---- Legal holds ----

  @Get('legal-holds')
  @Roles(...RECORDS_ROLES)
  @ApiOperation({ summary: 'Legal holds, newest first (in force by default)' })
  @ApiOkResponse({ type: HoldListView })
  async listHolds(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: HoldListQueryDto,
  ): Promise<HoldListView> {
    return { items: await this.holds.list(orgId, query.state ?? 'active') };
  }

  @Post('legal-holds')
  @Roles(...HOLD_ROLES)
  @ApiOperation({
    summary: 'Put a conversation or a contact on legal hold: the retention purge keeps everything it covers',
  })
  @ApiCreatedResponse({ type: HoldView })
  @ApiNotFoundResponse({ description: 'No such conversation or contact in this organisation' })
  @ApiConflictResponse({ description: 'It is already on hold' })
  placeHold(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: PlaceHoldDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<HoldView> {
    if (!body.conversationId === !body.contactId) {
      throw invalidFields([
        {
          field: body.conversationId ? 'contactId' : 'conversationId',
          problem: 'Choose either a conversation or a contact to hold, not both and not neither',
        },
      ]);
    }
    const subject = body.conversationId
      ? { conversationId: body.conversationId }
      : { contactId: body.contactId! };
    return this.holds.place(orgId, subject, body.reason, actorOf(principal), ip);
  }

  @Post('legal-holds/:holdId/release')
  @HttpCode(200)
  @Roles(...HOLD_ROLES)
  @ApiOperation({
    summary: 'Release a legal hold, saying why; the retention purge may then delete what it kept',
  })
  @ApiOkResponse({ type: HoldView })
  @ApiNotFoundResponse({ description: 'No such hold in this organisation' })
  @ApiConflictResponse({ description: 'It was already released' })
  releaseHold(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('holdId', ParseIdPipe) holdId: string,
    @Body() body: ReleaseHoldDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<HoldView> {
    return this.holds.release(orgId, holdId, body.reason, actorOf(principal), ip);
  }

  // ---- FOI requests ----

  @Get('foi-requests')
  @AnyMember()
  @ApiOperation({ summary: 'FOI requests: open ones by due date with working days left, or closed ones' })
  @ApiOkResponse({ type: FoiListView })
  async listFoi(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: FoiListQueryDto,
  ): Promise<FoiListView> {
    const timeZone = await this.timeZone(orgId);
    const items = await this.foi.list(orgId, query.state ?? 'open');
    return { items: items.map((r) => foiView(r, timeZone)), timeZone };
  }

  @Post('foi-requests')
  @Roles(...INBOX_ROLES)
  @ApiOperation({
    summary: 'Mark a message from the public as an FOI request: due 20 working days after the day it came',
  })
  @ApiCreatedResponse({ type: FoiRequestView })
  @ApiNotFoundResponse({ description: 'No such message in this organisation' })
  @ApiConflictResponse({ description: 'Already marked, or no bank-holiday data for the due date' })
  async markFoi(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: MarkFoiDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<FoiRequestView> {
    const request = await this.foi.mark(orgId, body.messageId, actorOf(principal), ip);
    return foiView(request, await this.timeZone(orgId));
  }

  @Post('foi-requests/:foiRequestId/complete')
  @HttpCode(200)
  @Roles(...RECORDS_ROLES)
  @ApiOperation({ summary: 'The FOI request has been answered: stop its clock' })
  @ApiOkResponse({ type: FoiRequestView })
  @ApiNotFoundResponse({ description: 'No such FOI request in this organisation' })
  @ApiConflictResponse({ description: 'It was already closed' })
  async completeFoi(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('foiRequestId', ParseIdPipe) foiRequestId: string,
    @Body() body: CompleteFoiDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<FoiRequestView> {
    const request = await this.foi.close(
      orgId,
      foiRequestId,
      'completed',
      body.note || null,
      actorOf(principal),
      ip,
    );
    return foiView(request, await this.timeZone(orgId));
  }

  @Post('foi-requests/:foiRequestId/unmark')
  @HttpCode(200)
  @Roles(...RECORDS_ROLES)
  @ApiOperation({ summary: 'It was not an FOI request after all: stop its clock, saying why' })
  @ApiOkResponse({ type: FoiRequestView })
  @ApiNotFoundResponse({ description: 'No such FOI request in this organisation' })
  @ApiConflictResponse({ description: 'It was already closed' })
  async unmarkFoi(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('foiRequestId', ParseIdPipe) foiRequestId: string,
    @Body() body: UnmarkFoiDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<FoiRequestView> {
    const request = await this.foi.close(
      orgId,
      foiRequestId,
      'unmarked',
      body.reason,
      actorOf(principal),
      ip,
    );
    return foiView(request, await this.timeZone(orgId));
  }

  // ---- Exports ----

  @Get('contacts')
  @Roles(...RECORDS_ROLES)
  @ApiOperation({ summary: 'Find contacts by part of their handle or name, to export or hold' })
  @ApiOkResponse({ type: ContactMatchListView })
  async findContacts(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: ContactSearchQueryDto,
  ): Promise<ContactMatchListView> {
    return { items: await this.lookup.findContacts(orgId, query.q) };
  }

  @Post('exports/conversations/:conversationId')
  @HttpCode(200)
  @Roles(...RECORDS_ROLES)
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({
    summary:
      'Export a conversation: every message, internal note and audit event, as JSON, CSV or a printable page. The export is audited',
  })
  @ApiOkResponse({ description: 'The file, as an attachment' })
  @ApiNotFoundResponse({ description: 'No such conversation in this organisation' })
  async exportConversation(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('conversationId', ParseIdPipe) conversationId: string,
    @Body() body: ExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
    @Res() res: Response,
  ): Promise<void> {
    const record = await this.exports.exportConversation(
      orgId,
      conversationId,
      body.format,
      actorOf(principal),
      ip,
    );
    send(res, renderExport(record));
  }

  @Post('exports/contacts/:contactId')
  @HttpCode(200)
  @Roles(...RECORDS_ROLES)
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({
    summary:
      "Export a contact's history (subject access): the conversations they started and every message they wrote, with notes and audit events. The export is audited",
  })
  @ApiOkResponse({ description: 'The file, as an attachment' })
  @ApiNotFoundResponse({ description: 'No such contact in this organisation' })
  async exportContact(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('contactId', ParseIdPipe) contactId: string,
    @Body() body: ExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
    @Res() res: Response,
  ): Promise<void> {
    const record = await this.exports.exportContact(orgId, contactId, body.format, actorOf(principal), ip);
    send(res, renderExport(record));
  }

  private async timeZone(orgId: string): Promise<string> {
    return (await this.dataSource.getRepository(Organisation).findOneByOrFail({ id: orgId })).timeZone;
  }
}

function send(res: Response, file: { body: string; contentType: string; fileName: string }): void {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(file.body);
}

function foiView(r: FoiRequestRecord, timeZone: string): FoiRequestView {
  const dueInWords = formatInZone(
    zonedWallTimeToInstant(r.dueOn, '12:00', timeZone).instant,
    timeZone,
  ).replace(/, \d\d:\d\d.*$/, '');
  return { ...r, dueInWords, clockInWords: clockWords(r) };
}

function clockWords(r: FoiRequestRecord): string {
  if (r.outcome === 'completed') return 'Answered';
  if (r.outcome === 'unmarked') return 'Not an FOI request';
  const left = r.workingDaysLeft ?? 0;
  if (left === 0) return 'Due today';
  if (left === 1) return '1 working day left';
  if (left > 1) return `${left} working days left`;
  return left === -1 ? 'Overdue by 1 working day' : `Overdue by ${-left} working days`;
}
