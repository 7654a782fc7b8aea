import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditActor } from '@outside-in/database';
import { HINT_IDS } from '@outside-in/guardrails';
import {
  CoachSettingsService,
  DEFAULT_AUTO_REPLY_TEXT,
  DEFAULT_AUTO_REPLY_WELSH_TEXT,
  DEFAULT_EXPLAINER_TEMPLATE,
  DEFAULT_RUNBOOK,
  OfficeHoursService,
  QuietPeriodsService,
  RetentionService,
  SafeguardingService,
  type OfficeHoursSettings,
} from '@outside-in/guardrail-settings';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  ActiveQuietPeriodQueryDto,
  ActiveQuietPeriodView,
  AtQueryDto,
  CoachAdviceView,
  CoachRequestDto,
  CoachSettingsDto,
  CoachSettingsView,
  OfficeHoursDto,
  OfficeHoursView,
  OfficeStatusView,
  QuietPeriodDto,
  QuietPeriodListView,
  QuietPeriodView,
  RetentionDto,
  RetentionView,
  SafeguardingDto,
  SafeguardingView,
} from './guardrail-settings.dto';
import { HINT_KINDS, quietPeriodBanner, quietPeriodView } from './guardrail-views';

function actorOf(principal: Principal): AuditActor {
  return { userId: principal.userId, label: actorLabel(principal) };
}

/**
 * The organisation's guardrail settings: every member reads them (the composer and inbox need them), owners
 * and admins change them, and every change is in the audit log.
 */
@ApiTags('Guardrail settings')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; details name each field' })
@Controller('orgs/:orgId')
export class GuardrailSettingsController {
  constructor(
    private readonly officeHours: OfficeHoursService,
    private readonly quietPeriods: QuietPeriodsService,
    private readonly safeguarding: SafeguardingService,
    private readonly retention: RetentionService,
    private readonly coachSettings: CoachSettingsService,
  ) {}

  // ---- Office hours ----

  @Get('settings/office-hours')
  @AnyMember()
  @ApiOperation({ summary: 'Office hours, bank holidays, closed days and the out-of-hours reply' })
  @ApiOkResponse({ type: OfficeHoursView })
  getOfficeHours(@Param('orgId', ParseIdPipe) orgId: string): Promise<OfficeHoursView> {
    return this.officeHoursView(orgId);
  }

  @Put('settings/office-hours')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Replace the office hours and out-of-hours reply' })
  @ApiOkResponse({ type: OfficeHoursView })
  async putOfficeHours(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: OfficeHoursDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<OfficeHoursView> {
    await this.officeHours.update(orgId, body as unknown as OfficeHoursSettings, actorOf(principal), ip);
    return this.officeHoursView(orgId);
  }

  @Get('settings/office-hours/status')
  @AnyMember()
  @ApiOperation({
    summary: 'Whether the office is open at an instant (now by default), and when it next opens',
  })
  @ApiOkResponse({ type: OfficeStatusView })
  officeStatus(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: AtQueryDto,
  ): Promise<OfficeStatusView> {
    return this.officeHours.status(orgId, query.at ?? new Date());
  }

  private async officeHoursView(orgId: string): Promise<OfficeHoursView> {
    const { document, timeZone, updatedAt } = await this.officeHours.get(orgId);
    return {
      timeZone,
      ...document,
      defaultAutoReplyText: DEFAULT_AUTO_REPLY_TEXT,
      defaultWelshAutoReplyText: DEFAULT_AUTO_REPLY_WELSH_TEXT,
      updatedAt,
    };
  }

  // ---- Quiet periods ----

  @Get('settings/quiet-periods')
  @AnyMember()
  @ApiOperation({ summary: 'Quiet periods (pre-election periods), latest first' })
  @ApiOkResponse({ type: QuietPeriodListView })
  async listQuietPeriods(@Param('orgId', ParseIdPipe) orgId: string): Promise<QuietPeriodListView> {
    const periods = await this.quietPeriods.list(orgId);
    const { timeZone } = await this.officeHours.get(orgId);
    return {
      items: periods.map(quietPeriodView),
      defaultExplainerTemplate: DEFAULT_EXPLAINER_TEMPLATE,
      timeZone,
    };
  }

  @Post('settings/quiet-periods')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a quiet period' })
  @ApiCreatedResponse({ type: QuietPeriodView })
  @ApiConflictResponse({ description: 'It overlaps another period on the same channels' })
  async createQuietPeriod(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: QuietPeriodDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<QuietPeriodView> {
    return quietPeriodView(await this.quietPeriods.create(orgId, body, actorOf(principal), ip));
  }

  @Get('settings/quiet-periods/active')
  @AnyMember()
  @ApiOperation({ summary: 'The quiet period in force at an instant (now by default), with the banner text' })
  @ApiOkResponse({ type: ActiveQuietPeriodView })
  async activeQuietPeriod(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: ActiveQuietPeriodQueryDto,
  ): Promise<ActiveQuietPeriodView> {
    const active = await this.quietPeriods.quietPeriodAt(orgId, query.at ?? new Date(), query.channelId);
    if (!active) return { period: null, banner: null };
    const channels = await this.quietPeriods.channelNames(orgId, active.period.channelIds);
    return { period: quietPeriodView(active), banner: quietPeriodBanner(active, channels) };
  }

  @Get('settings/quiet-periods/:quietPeriodId')
  @AnyMember()
  @ApiOperation({ summary: 'One quiet period' })
  @ApiOkResponse({ type: QuietPeriodView })
  async getQuietPeriod(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('quietPeriodId', ParseIdPipe) id: string,
  ): Promise<QuietPeriodView> {
    return quietPeriodView(await this.quietPeriods.get(orgId, id));
  }

  @Put('settings/quiet-periods/:quietPeriodId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change a quiet period' })
  @ApiOkResponse({ type: QuietPeriodView })
  @ApiConflictResponse({ description: 'It would overlap another period on the same channels' })
  async updateQuietPeriod(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('quietPeriodId', ParseIdPipe) id: string,
    @Body() body: QuietPeriodDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<QuietPeriodView> {
    return quietPeriodView(await this.quietPeriods.update(orgId, id, body, actorOf(principal), ip));
  }

  @Delete('settings/quiet-periods/:quietPeriodId')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a quiet period' })
  @ApiNoContentResponse()
  deleteQuietPeriod(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('quietPeriodId', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    return this.quietPeriods.remove(orgId, id, actorOf(principal), ip);
  }

  // ---- Safeguarding ----

  @Get('settings/safeguarding')
  @AnyMember()
  @ApiOperation({ summary: 'Safeguarding phrase sets, people to notify, the runbook and the abuse list' })
  @ApiOkResponse({ type: SafeguardingView })
  getSafeguarding(@Param('orgId', ParseIdPipe) orgId: string): Promise<SafeguardingView> {
    return this.safeguardingView(orgId);
  }

  @Put('settings/safeguarding')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Replace the safeguarding settings' })
  @ApiOkResponse({ type: SafeguardingView })
  async putSafeguarding(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: SafeguardingDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<SafeguardingView> {
    await this.safeguarding.update(
      orgId,
      { ...body, phraseSets: body.phraseSets.map((s) => ({ ...s, id: s.id ?? '' })) },
      actorOf(principal),
      ip,
    );
    return this.safeguardingView(orgId);
  }

  private async safeguardingView(orgId: string): Promise<SafeguardingView> {
    const { document, updatedAt } = await this.safeguarding.get(orgId);
    return { ...document, defaultRunbook: DEFAULT_RUNBOOK, updatedAt };
  }

  // ---- Retention ----

  @Get('settings/retention')
  @AnyMember()
  @ApiOperation({ summary: 'How long messages are kept' })
  @ApiOkResponse({ type: RetentionView })
  getRetention(@Param('orgId', ParseIdPipe) orgId: string): Promise<RetentionView> {
    return this.retentionView(orgId);
  }

  @Put('settings/retention')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change how long messages are kept' })
  @ApiOkResponse({ type: RetentionView })
  async putRetention(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: RetentionDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<RetentionView> {
    await this.retention.update(orgId, body, actorOf(principal), ip);
    return this.retentionView(orgId);
  }

  private async retentionView(orgId: string): Promise<RetentionView> {
    const { document, updatedAt } = await this.retention.get(orgId);
    const months = document.keepMessagesForMonths;
    return {
      keepMessagesForMonths: months,
      cutoff: await this.retention.retentionCutoff(orgId, new Date()),
      sentence:
        months === null
          ? 'Messages are kept for ever.'
          : `Messages are kept for ${months} ${months === 1 ? 'month' : 'months'}, then deleted.`,
      updatedAt,
    };
  }

  // ---- Coach ----

  @Get('settings/coach')
  @AnyMember()
  @ApiOperation({ summary: 'Which writing-coach hints are mandatory, and the target reading age' })
  @ApiOkResponse({ type: CoachSettingsView })
  getCoachSettings(@Param('orgId', ParseIdPipe) orgId: string): Promise<CoachSettingsView> {
    return this.coachSettingsView(orgId);
  }

  @Put('settings/coach')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change the writing-coach settings' })
  @ApiOkResponse({ type: CoachSettingsView })
  async putCoachSettings(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: CoachSettingsDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<CoachSettingsView> {
    await this.coachSettings.update(orgId, body, actorOf(principal), ip);
    return this.coachSettingsView(orgId);
  }

  @Post('coach')
  @HttpCode(200)
  @AnyMember()
  @ApiOperation({ summary: "The writing coach's hints on a draft, under the organisation's settings" })
  @ApiOkResponse({ type: CoachAdviceView })
  coach(@Param('orgId', ParseIdPipe) orgId: string, @Body() body: CoachRequestDto): Promise<CoachAdviceView> {
    return this.coachSettings.coach(orgId, body);
  }

  private async coachSettingsView(orgId: string): Promise<CoachSettingsView> {
    const { document, updatedAt } = await this.coachSettings.get(orgId);
    return {
      ...document,
      hintKinds: HINT_IDS.map((id) => ({ id, ...HINT_KINDS[id] })),
      updatedAt,
    };
  }
}
