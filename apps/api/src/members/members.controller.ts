import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import { ChangeRoleDto, MemberListView, MemberView } from './member.dto';
import { MembersService } from './members.service';
import { ParseIdPipe } from '../http/parse-id.pipe';

@ApiTags('Members')
@Controller('orgs/:orgId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: 'Everyone in the organisation and their roles' })
  @ApiOkResponse({ type: MemberListView })
  list(@Param('orgId', ParseIdPipe) orgId: string): Promise<MemberListView> {
    return this.members.list(orgId);
  }

  @Patch(':userId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: "Change a member's role" })
  @ApiOkResponse({ type: MemberView })
  changeRole(
    @Param('orgId', ParseIdPipe) _orgId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() body: ChangeRoleDto,
    @CurrentOrganisation() access: OrganisationAccess,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<MemberView> {
    return this.members.changeRole(
      access,
      userId,
      body.role,
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Remove a member from the organisation' })
  @ApiNoContentResponse()
  remove(
    @Param('orgId', ParseIdPipe) _orgId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @CurrentOrganisation() access: OrganisationAccess,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    return this.members.remove(
      access,
      userId,
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
  }
}
