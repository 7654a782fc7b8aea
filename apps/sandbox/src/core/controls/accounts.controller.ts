import { Body, Controller, Get, HttpCode, Post, Query, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SandboxAccount, SandboxAccountsService } from '../accounts.service';
import { AccountCreatedDto, AccountListItemDto, CreateAccountDto } from './accounts.dto';
import { controlValidationPipe } from './control-validation';

@ApiTags('accounts')
@Controller('_sandbox/accounts')
@UsePipes(controlValidationPipe())
export class AccountsController {
  constructor(private readonly accounts: SandboxAccountsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: AccountCreatedDto, description: 'The account and its credentials.' })
  create(@Body() body: CreateAccountDto): Promise<AccountCreatedDto> {
    return this.accounts.provision(body.network, { handle: body.handle, displayName: body.displayName });
  }

  @Get()
  @ApiQuery({ name: 'network', required: false })
  @ApiOkResponse({ type: [AccountListItemDto] })
  async list(@Query('network') network?: string): Promise<{ items: SandboxAccount[] }> {
    return { items: await this.accounts.list({ networks: network ? [network] : undefined }) };
  }
}
