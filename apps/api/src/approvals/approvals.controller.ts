import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@outside-in/database';
import { BilingualSettingsService, bilingualRuleText } from '@outside-in/guardrail-settings';
import { PAIR_LANGUAGES } from '@outside-in/guardrails';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  ApprovalPolicyDto,
  ApprovalCountView,
  ApprovalPolicyView,
  ApprovalQueueView,
  BilingualSettingsDto,
  BilingualSettingsView,
} from '../posts/post.dto';
import { callerOf } from '../posts/posts.controller';
import { PostsService } from '../posts/posts.service';
import { QuietNameFlagsService } from '../posts/quiet-name-flags.service';
import { ApprovalPolicyService, EffectivePolicy } from './approval-policy.service';

function policyView(policy: EffectivePolicy): ApprovalPolicyView {
  return {
    rolesRequiringApproval: policy.rolesRequiringApproval,
    approvalsRequired: policy.approvalsRequired,
    approversMayEdit: policy.approversMayEdit,
    saved: policy.saved,
    updatedAt: policy.updatedAt,
    reviewerCount: policy.reviewers.count,
    publishDirectly: policy.reviewers.publishDirectly,
    notice: policy.reviewers.notice,
  };
}

@ApiTags('Approvals')
@ApiBadRequestResponse({ description: 'Something in the request is wrong; the message says what to change' })
@Controller('orgs/:orgId')
export class ApprovalsController {
  constructor(
    private readonly policies: ApprovalPolicyService,
    private readonly posts: PostsService,
    private readonly bilingual: BilingualSettingsService,
    private readonly nameFlags: QuietNameFlagsService,
  ) {}

  @Get('settings/bilingual')
  @AnyMember()
  @ApiOperation({
    summary: 'Bilingual posts: which language goes first, the usual pair, and the languages a post can pair',
  })
  @ApiOkResponse({ type: BilingualSettingsView })
  async getBilingual(@Param('orgId', ParseIdPipe) orgId: string): Promise<BilingualSettingsView> {
    return this.bilingualView(orgId);
  }

  @Put('settings/bilingual')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Choose which language of a bilingual post goes first, and the usual pair' })
  @ApiOkResponse({ type: BilingualSettingsView })
  async putBilingual(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: BilingualSettingsDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<BilingualSettingsView> {
    await this.bilingual.update(
      orgId,
      { firstLanguage: body.firstLanguage ?? null, defaultPair: body.defaultPair },
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
    return this.bilingualView(orgId);
  }

  private async bilingualView(orgId: string): Promise<BilingualSettingsView> {
    const { document, updatedAt } = await this.bilingual.get(orgId);
    return {
      firstLanguage: document.firstLanguage,
      defaultPair: document.defaultPair,
      languages: PAIR_LANGUAGES.map((l) => ({ ...l })),
      ruleText: bilingualRuleText(document),
      updatedAt,
    };
  }

  @Get('approvals')
  @AnyMember()
  @ApiOperation({ summary: 'Posts waiting for the caller’s decision (empty for roles that do not review)' })
  @ApiOkResponse({ type: ApprovalQueueView })
  async queue(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
  ): Promise<ApprovalQueueView> {
    const items = await this.posts.approvalQueue(orgId, callerOf(principal, access, null));
    return { items: await this.nameFlags.addTo(orgId, items) };
  }

  @Get('approvals/count')
  @AnyMember()
  @ApiOperation({ summary: 'How many posts wait for the caller’s decision: the navigation’s count' })
  @ApiOkResponse({ type: ApprovalCountView })
  async count(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrganisation() access: OrganisationAccess,
  ): Promise<ApprovalCountView> {
    return { waiting: await this.posts.approvalCount(orgId, callerOf(principal, access, null)) };
  }

  @Get('settings/approval-policy')
  @AnyMember()
  @ApiOperation({
    summary: 'The approval policy: which roles need approval, how many, whether approvers may edit',
  })
  @ApiOkResponse({ type: ApprovalPolicyView })
  async getPolicy(@Param('orgId', ParseIdPipe) orgId: string): Promise<ApprovalPolicyView> {
    return policyView(await this.policies.get(orgId));
  }

  @Put('settings/approval-policy')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change the approval policy' })
  @ApiOkResponse({ type: ApprovalPolicyView })
  async putPolicy(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: ApprovalPolicyDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<ApprovalPolicyView> {
    return policyView(
      await this.policies.update(
        orgId,
        {
          rolesRequiringApproval: body.rolesRequiringApproval as Role[],
          approvalsRequired: body.approvalsRequired,
          approversMayEdit: body.approversMayEdit,
        },
        { userId: principal.userId, label: actorLabel(principal) },
        ip,
      ),
    );
  }
}
