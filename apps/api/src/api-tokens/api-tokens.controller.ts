import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyMember } from '../auth/access.decorators';
import { ClientIp, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { ApiTokenListView, CreateApiTokenDto, CreatedApiTokenView } from './api-token.dto';
import { ApiTokensService } from './api-tokens.service';
import { ParseIdPipe } from '../http/parse-id.pipe';

@ApiTags('API tokens')
@Controller('orgs/:orgId/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: 'Your API tokens in this organisation' })
  @ApiOkResponse({ type: ApiTokenListView })
  list(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApiTokenListView> {
    return this.tokens.list(orgId, principal.userId);
  }

  @Post()
  @AnyMember()
  @ApiOperation({ summary: 'Create a personal API token (shown once); it acts with your role' })
  @ApiCreatedResponse({ type: CreatedApiTokenView })
  create(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: CreateApiTokenDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<CreatedApiTokenView> {
    return this.tokens.create(orgId, body, { userId: principal.userId, label: actorLabel(principal) }, ip);
  }

  @Delete(':tokenId')
  @HttpCode(204)
  @AnyMember()
  @ApiOperation({ summary: 'Revoke one of your API tokens' })
  @ApiNoContentResponse()
  revoke(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('tokenId', ParseIdPipe) tokenId: string,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    return this.tokens.revoke(orgId, tokenId, { userId: principal.userId, label: actorLabel(principal) }, ip);
  }
}
