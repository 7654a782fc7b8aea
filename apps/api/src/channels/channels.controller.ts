import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AnyMember, Roles } from '../auth/access.decorators';
import { ClientIp, CurrentPrincipal } from '../auth/current.decorators';
import { actorLabel, Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  AuthorizeView,
  ChannelListView,
  ChannelResultView,
  ChooseAccountsDto,
  ConnectChoiceView,
  NetworkOptionsView,
  PracticeChannelsView,
  SignInChannelDto,
  StartConnectDto,
} from './channel.dto';
import { ChannelConnectService } from './channel-connect.service';
import { ChannelsService } from './channels.service';
import { PracticeChannelsService } from './practice-channels.service';

const actorOf = (principal: Principal) => ({ userId: principal.userId, label: actorLabel(principal) });

@ApiTags('Channels')
@Controller('orgs/:orgId/channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly connect: ChannelConnectService,
    private readonly practice: PracticeChannelsService,
  ) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: 'The organisation’s channels, with their status in words' })
  @ApiOkResponse({ type: ChannelListView })
  list(@Param('orgId', ParseIdPipe) orgId: string): Promise<ChannelListView> {
    return this.channels.list(orgId);
  }

  @Get('networks')
  @AnyMember()
  @ApiOperation({ summary: 'The networks accounts can be connected from, and how' })
  @ApiOkResponse({ type: NetworkOptionsView })
  networks(@Param('orgId', ParseIdPipe) _orgId: string): NetworkOptionsView {
    return this.channels.networks();
  }

  @Post('practice')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add one practice channel per network on the sandbox networks' })
  @ApiCreatedResponse({ type: PracticeChannelsView })
  addPractice(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<PracticeChannelsView> {
    return this.practice.add(orgId, actorOf(principal), ip);
  }

  @Post('connect')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Start connecting (or reconnecting) an account: returns the network’s consent page',
  })
  @ApiOkResponse({ type: AuthorizeView })
  start(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: StartConnectDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<AuthorizeView> {
    return this.connect.start(orgId, principal.userId, body, `${req.protocol}://${req.get('host')}`);
  }

  @Get('connect/:attemptId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'The accounts a consent offered, to choose from' })
  @ApiOkResponse({ type: ConnectChoiceView })
  offered(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('attemptId', ParseIdPipe) attemptId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConnectChoiceView> {
    return this.connect.offered(orgId, principal.userId, attemptId);
  }

  @Post('connect/:attemptId/choose')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Connect the chosen accounts' })
  @ApiOkResponse({ type: ChannelListView })
  choose(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('attemptId', ParseIdPipe) attemptId: string,
    @Body() body: ChooseAccountsDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<ChannelListView> {
    return this.connect.choose(orgId, actorOf(principal), attemptId, body.accounts, ip);
  }

  @Post('sign-in')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Connect (or reconnect) an account with its handle and an app password (Bluesky)',
  })
  @ApiOkResponse({ type: ChannelResultView })
  signIn(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Body() body: SignInChannelDto,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<ChannelResultView> {
    return this.connect.signIn(orgId, actorOf(principal), body, ip);
  }

  @Post(':channelId/check')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Ask the network whether the channel’s access still works' })
  @ApiOkResponse({ type: ChannelResultView })
  check(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('channelId', ParseIdPipe) channelId: string,
  ): Promise<ChannelResultView> {
    return this.channels.check(orgId, channelId);
  }

  @Post(':channelId/disconnect')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Disconnect a channel: its access is erased, its history kept' })
  @ApiOkResponse({ type: ChannelResultView })
  disconnect(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('channelId', ParseIdPipe) channelId: string,
    @CurrentPrincipal() principal: Principal,
    @ClientIp() ip: string | null,
  ): Promise<ChannelResultView> {
    return this.channels.disconnect(orgId, channelId, actorOf(principal), ip);
  }
}
