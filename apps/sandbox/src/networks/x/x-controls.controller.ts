import { Body, Controller, HttpCode, NotFoundException, Post, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { controlValidationPipe } from '../../core/controls/control-validation';
import { XAccountsService } from './x-accounts.service';
import { InboundMentionDto } from './x-controls.dto';
import { XTweetsService } from './x-tweets.service';
import { XRepository } from './x.repository';

/**
 * X-specific sandbox controls: make a person mention an account with a text of your choosing (the crowd's
 * mentions are random). The mention is an ordinary post by that person: it is in their timeline, in the
 * account's mentions and in search, and the account's webhooks fire, exactly as for a crowd mention.
 */
@ApiTags('x')
@Controller('_sandbox/x')
@UsePipes(controlValidationPipe())
export class XControlsController {
  constructor(
    private readonly repository: XRepository,
    private readonly accounts: XAccountsService,
    private readonly tweets: XTweetsService,
  ) {}

  @Post('inbound/mentions')
  @HttpCode(201)
  @ApiCreatedResponse({
    description: '{ id, authorId, text }: the post that mentions the account (webhooks fire); reply to id.',
  })
  @ApiNotFoundResponse({ description: 'accountId is not an X account made with POST /_sandbox/accounts.' })
  async mention(@Body() body: InboundMentionDto): Promise<{ id: string; authorId: string; text: string }> {
    const account = await this.repository.findUser(body.accountId);
    if (!account || account.citizen_key) {
      throw new NotFoundException(
        `accountId ${body.accountId} is not an X account in this sandbox: use the userId that POST /_sandbox/accounts answered.`,
      );
    }
    const key = body.citizenKey ?? 'sandbox_citizen';
    const author = await this.accounts.citizenUser({
      key,
      handle: key,
      displayName: body.citizenName ?? 'Sandbox Citizen',
      language: body.lang ?? 'en',
    });
    const tweet = await this.tweets.createAsCitizen({
      authorId: String(author.id),
      text: `@${account.username} ${body.text}`,
      lang: body.lang ?? null,
    });
    return { id: String(tweet.id), authorId: String(author.id), text: tweet.text };
  }
}
