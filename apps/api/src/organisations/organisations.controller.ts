import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentOrganisation, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import { OrganisationView, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';
import { ParseIdPipe } from '../http/parse-id.pipe';

@ApiTags('Organisations')
@Controller('orgs/:orgId')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: 'The organisation, and your role in it' })
  @ApiOkResponse({ type: OrganisationView })
  get(
    @Param('orgId', ParseIdPipe) _orgId: string,
    @CurrentOrganisation() access: OrganisationAccess,
  ): Promise<OrganisationView> {
    return this.organisations.get(access);
  }

  @Patch()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Rename the organisation or change its time zone' })
  @ApiOkResponse({ type: OrganisationView })
  update(
    @Param('orgId', ParseIdPipe) _orgId: string,
    @CurrentOrganisation() access: OrganisationAccess,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.update(
      access,
      body,
      { userId: principal.userId, label: actorLabel(principal) },
      ip,
    );
  }
}
