import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, Roles } from '../auth/access.decorators';
import { SessionView } from '../auth/auth.dto';
import {
  ClientIp,
  CurrentOrganisation,
  CurrentPrincipal,
  OptionalPrincipal,
} from '../auth/current.decorators';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import {
  AcceptInvitationDto,
  CreatedInvitationView,
  CreateInvitationDto,
  InvitationListView,
  InvitationPreview,
} from './invitation.dto';
import { InvitationsService } from './invitations.service';
import { ParseIdPipe } from '../http/parse-id.pipe';

@ApiTags('Invitations')
@Controller('orgs/:orgId/invitations')
export class OrganisationInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Invitations not yet accepted' })
  @ApiOkResponse({ type: InvitationListView })
  list(@Param('orgId', ParseIdPipe) orgId: string): Promise<InvitationListView> {
    return this.invitations.listPending(orgId);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Invite someone by email; returns the link to send them (shown once)' })
  @ApiCreatedResponse({ type: CreatedInvitationView })
  create(
    @Param('orgId', ParseIdPipe) _orgId: string,
    @Body() body: CreateInvitationDto,
    @CurrentOrganisation() access: OrganisationAccess,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
    @Req() req: Request,
  ): Promise<CreatedInvitationView> {
    // Without PUBLIC_URL the link uses the address the admin reached us at (their browser's Host).
    const origin = `${req.protocol}://${req.get('host')}`;
    return this.invitations.create(
      access,
      body,
      { userId: principal.userId, label: actorLabel(principal) },
      { ip, origin },
    );
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Withdraw an invitation' })
  @ApiNoContentResponse()
  revoke(
    @Param('orgId', ParseIdPipe) _orgId: string,
    @Param('invitationId', ParseIdPipe) invitationId: string,
    @CurrentOrganisation() access: OrganisationAccess,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    return this.invitations.revoke(
      access,
      invitationId,
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
  }
}

@ApiTags('Invitations')
@Controller('invitations/:token')
export class InvitationAcceptanceController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'What an invitation link is for' })
  @ApiOkResponse({ type: InvitationPreview })
  preview(
    @Param('token') token: string,
    @OptionalPrincipal() principal?: Principal,
  ): Promise<InvitationPreview> {
    return this.invitations.preview(token, principal);
  }

  @Post('accept')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Accept: creates the account when needed, joins, and signs in' })
  @ApiOkResponse({ type: SessionView })
  accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @OptionalPrincipal() principal?: Principal,
  ): Promise<SessionView> {
    return this.invitations.accept(token, body, principal, req, res);
  }
}
