import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Put,
  Query,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { controlValidationPipe } from '../../../core/controls/control-validation';
import { Citizen } from '../../../core/sandbox-network';
import { MetaAccountsRepository } from '../store/meta-accounts.repository';
import { MetaContentRepository } from '../store/meta-content.repository';
import { MetaInstagramRepository } from '../store/meta-instagram.repository';
import { MetaWebhooksRepository, WebhookDelivery } from '../store/meta-webhooks.repository';
import { CommentsService } from '../services/comments.service';
import { InstagramService, InstagramSettings } from '../services/instagram.service';
import { MessengerService } from '../services/messenger.service';
import { MetaProvisioningService } from '../services/meta-provisioning.service';
import {
  AuthorCommentChangeDto,
  ExpireTokenDto,
  InboundCommentDto,
  InboundMessageDto,
  InstagramSettingsDto,
} from './meta-controls.dto';

/**
 * Meta-specific sandbox controls: make a person comment or write (with a chosen time, for the 24-hour
 * window), expire a token, see webhook deliveries, and tune Instagram's processing time and quota.
 */
@ApiTags('meta')
@Controller('_sandbox/meta')
@UsePipes(controlValidationPipe())
export class MetaControlsController {
  constructor(
    private readonly accounts: MetaAccountsRepository,
    private readonly content: MetaContentRepository,
    private readonly instagramStore: MetaInstagramRepository,
    private readonly webhooks: MetaWebhooksRepository,
    private readonly comments: CommentsService,
    private readonly messenger: MessengerService,
    private readonly instagram: InstagramService,
    private readonly people: MetaProvisioningService,
  ) {}

  @Post('inbound/comments')
  @HttpCode(201)
  @ApiCreatedResponse({ description: '{ id, authorId }: the comment a person left (webhooks fire).' })
  async comment(@Body() body: InboundCommentDto): Promise<{ id: string; authorId: string }> {
    const person = await this.people.citizen(citizenOf(body));
    const post = await this.content.findPost(body.objectId);
    const media = post ? undefined : await this.instagramStore.findMedia(body.objectId);
    const parent = post || media ? undefined : await this.content.findComment(body.objectId);
    if (post || (parent && parent.network === 'facebook')) {
      const page = await this.accounts.findPage(post?.page_id ?? parent!.page_id);
      if (!page) throw notFound(body.objectId);
      const target = post ? { post } : { comment: parent! };
      const comment = await this.comments.addFacebookComment(
        page,
        target,
        { id: person.id, name: person.name },
        body.message,
        false,
      );
      return { id: comment.id, authorId: person.id };
    }
    if (media || parent) {
      const mediaRow = media ?? (await this.instagramStore.findMedia(parent!.object_id));
      const igUser = mediaRow ? await this.accounts.findIgUser(mediaRow.ig_user_id) : undefined;
      const page = igUser ? await this.accounts.findPage(igUser.page_id) : undefined;
      if (!mediaRow || !igUser || !page) throw notFound(body.objectId);
      const target = media ? { media } : { comment: parent! };
      const author = {
        id: person.ig_id ?? person.id,
        name: person.name,
        username: person.ig_username ?? undefined,
      };
      const comment = await this.comments.addInstagramComment(
        page,
        igUser,
        target,
        author,
        body.message,
        false,
      );
      return { id: comment.id, authorId: author.id };
    }
    throw notFound(body.objectId);
  }

  @Post('inbound/comment-changes')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'The author of a Facebook comment edits it (message) or deletes it (no message); the feed webhook fires with verb edited or remove.',
  })
  async changeComment(
    @Body() body: AuthorCommentChangeDto,
  ): Promise<{ id: string; change: 'edited' | 'deleted' }> {
    const comment = await this.content.findComment(body.commentId);
    if (!comment || comment.network !== 'facebook')
      throw new NotFoundException(`commentId ${body.commentId} is not a Facebook comment here.`);
    const page = await this.accounts.findPage(comment.page_id);
    if (!page) throw notFound(body.commentId);
    await this.comments.changeByAuthor(page, comment, body.message ?? null);
    return { id: comment.id, change: body.message === undefined ? 'deleted' : 'edited' };
  }

  @Post('inbound/messages')
  @HttpCode(201)
  @ApiCreatedResponse({
    description: '{ messageId, conversationId, senderId }: senderId is the PSID (or IGSID) to answer.',
  })
  async message(
    @Body() body: InboundMessageDto,
  ): Promise<{ messageId: string; conversationId: string; senderId: string }> {
    const person = await this.people.citizen(citizenOf(body));
    const page = await this.accounts.findPage(body.accountId);
    const igUser = page ? undefined : await this.accounts.findIgUser(body.accountId);
    const owner = page ?? (igUser ? await this.accounts.findPage(igUser.page_id) : undefined);
    if (!owner)
      throw new NotFoundException(
        `accountId ${body.accountId} is neither a page nor an Instagram account here.`,
      );
    const platform = page ? 'messenger' : 'instagram';
    const sentAt = body.sentAt ? new Date(body.sentAt) : undefined;
    const message = await this.messenger.receive(owner, platform, person, body.message, sentAt);
    return {
      messageId: message.id,
      conversationId: message.conversation_id,
      senderId: platform === 'instagram' ? (person.ig_id ?? person.id) : person.id,
    };
  }

  @Post('tokens/expire')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The token now answers (#190) subcode 463, "Session has expired".' })
  async expire(@Body() body: ExpireTokenDto): Promise<{ expired: true }> {
    if (!(await this.accounts.expireToken(body.accessToken, new Date(Date.now() - 1000)))) {
      throw new NotFoundException('No such access token in this sandbox (app tokens cannot expire).');
    }
    return { expired: true };
  }

  @Get('webhook-deliveries')
  @ApiQuery({ name: 'appId', required: false })
  @ApiOkResponse({
    description: 'Newest first: payload, state (pending, delivered, failed), attempts, last status.',
  })
  async deliveries(@Query('appId') appId?: string): Promise<{ items: WebhookDelivery[] }> {
    return { items: await this.webhooks.listDeliveries(appId) };
  }

  @Put('instagram-settings')
  @ApiOkResponse({ description: 'The settings now in force.' })
  settings(@Body() body: InstagramSettingsDto): InstagramSettings {
    Object.assign(
      this.instagram.settings,
      Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
    );
    return { ...this.instagram.settings };
  }
}

function citizenOf(body: { citizenKey?: string; citizenName?: string }): Citizen {
  const key = body.citizenKey ?? 'sandbox_citizen';
  return { key, handle: key, displayName: body.citizenName ?? 'Sandbox Citizen', language: 'en' };
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`objectId ${id} is not a post, Instagram media or comment in this sandbox.`);
}
