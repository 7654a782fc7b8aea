import { Injectable } from '@nestjs/common';
import { LedgerService } from '../../../core/ledger.service';
import { SandboxDb } from '../../../core/sandbox-db';
import { assertActsAsPage } from '../graph/graph-access';
import { graphBase, GraphContext, GraphResult } from '../graph/graph-context';
import { GraphError, invalidParameter } from '../graph/graph-error';
import { FieldRequest, selectFields } from '../graph/graph-fields';
import { graphList } from '../graph/graph-list';
import { encodeCursor, readPageRequest } from '../graph/graph-paging';
import { graphTime } from '../graph/graph-time';
import { inboundMessageEntry } from '../graph/webhook-entries';
import { MetaAccountsRepository, MetaPage, MetaUser } from '../store/meta-accounts.repository';
import { MetaContentRepository } from '../store/meta-content.repository';
import {
  MessagingPlatform,
  MetaConversation,
  MetaMessage,
  MetaMessagingRepository,
} from '../store/meta-messaging.repository';
import { MetaUsageService } from './meta-usage.service';
import { MetaWebhooksService } from './meta-webhooks.service';

const HOUR = 3600_000;
/** The standard messaging window, and HUMAN_AGENT's longer one. */
const STANDARD_WINDOW_MS = 24 * HOUR;
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * HOUR;
const MESSAGE_TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT'];
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const MAX_TEXT_LENGTH = 2000;

/** Messenger (and Instagram Direct) conversations of a page, and the Send API with its 24-hour window. */
@Injectable()
export class MessengerService {
  constructor(
    private readonly db: SandboxDb,
    private readonly accounts: MetaAccountsRepository,
    private readonly messaging: MetaMessagingRepository,
    private readonly content: MetaContentRepository,
    private readonly ledger: LedgerService,
    private readonly usage: MetaUsageService,
    private readonly webhooks: MetaWebhooksService,
  ) {}

  /** GET /{page-id}/conversations?platform=messenger|instagram&user_id=&fields= */
  async listConversations(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'GET', page.id, 'pageToken');
    const platform = (ctx.params.string('platform') ?? 'messenger').toLowerCase();
    if (platform !== 'messenger' && platform !== 'instagram') {
      throw invalidParameter('Param platform must be one of {MESSENGER, INSTAGRAM}');
    }
    const request = readPageRequest(ctx.req);
    const rows = await this.messaging.listConversations(
      page.id,
      platform,
      request,
      ctx.params.string('user_id'),
    );
    const presented = new Map<string, Record<string, unknown>>();
    for (const row of rows) presented.set(row.id, await this.presentConversation(ctx, page, row));
    return {
      body: graphList(ctx.req, rows, request, (row) =>
        selectFields('Conversation', presented.get(row.id) ?? {}, ctx.fields, ['id', 'updated_time']),
      ),
    };
  }

  async getConversation(
    ctx: GraphContext,
    page: MetaPage,
    conversation: MetaConversation,
  ): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'GET', conversation.id, 'pageToken');
    return {
      body: selectFields(
        'Conversation',
        await this.presentConversation(ctx, page, conversation),
        ctx.fields,
        ['id', 'updated_time'],
      ),
    };
  }

  /** GET /{conversation-id}/messages, newest first. */
  async listMessages(
    ctx: GraphContext,
    page: MetaPage,
    conversation: MetaConversation,
  ): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'GET', conversation.id, 'pageToken');
    const request = readPageRequest(ctx.req);
    const rows = await this.messaging.listMessages(conversation.id, request);
    const user = await this.accounts.findUser(conversation.user_id);
    return {
      body: graphList(ctx.req, rows, request, (row) =>
        selectFields('Message', this.presentMessage(row, page, conversation, user), ctx.fields, [
          'id',
          'created_time',
        ]),
      ),
    };
  }

  async getMessage(ctx: GraphContext, page: MetaPage, message: MetaMessage): Promise<GraphResult> {
    const conversation = await this.messaging.findConversation(message.conversation_id);
    assertActsAsPage(ctx.caller, page, 'GET', message.id, 'pageToken');
    const user = conversation ? await this.accounts.findUser(conversation.user_id) : undefined;
    return {
      body: selectFields('Message', this.presentMessage(message, page, conversation!, user), ctx.fields, [
        'id',
        'created_time',
      ]),
    };
  }

  /** POST /{page-id}/messages and POST /me/messages with the page's token. */
  async send(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'POST', page.id, 'pageToken');
    const p = ctx.params;
    const recipient = p.object('recipient');
    if (!recipient) throw invalidParameter('The parameter recipient is required, e.g. {"id":"<PSID>"}');
    const recipientId =
      typeof recipient.id === 'string' || typeof recipient.id === 'number' ? String(recipient.id) : undefined;
    const commentId = typeof recipient.comment_id === 'string' ? recipient.comment_id : undefined;
    if (!recipientId && !commentId) {
      throw invalidParameter(
        "Param recipient must have an id (the person's page-scoped id) or a comment_id (a private reply)",
      );
    }
    const messagingType = p.string('messaging_type');
    if (!messagingType)
      throw invalidParameter('The parameter messaging_type is required: RESPONSE, UPDATE or MESSAGE_TAG');
    if (!MESSAGING_TYPES.includes(messagingType)) {
      throw invalidParameter(
        `param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG} - got "${messagingType}"`,
      );
    }
    const tag = p.string('tag');
    if (messagingType === 'MESSAGE_TAG' && (!tag || !MESSAGE_TAGS.includes(tag))) {
      throw invalidParameter(
        `Param tag must be one of {${MESSAGE_TAGS.join(', ')}} when messaging_type is MESSAGE_TAG`,
      );
    }
    const message = p.object('message');
    if (!message) throw invalidParameter('The parameter message is required, e.g. {"text":"Hello"}');
    const text = typeof message.text === 'string' ? message.text : undefined;
    const attachment =
      message.attachment && typeof message.attachment === 'object'
        ? (message.attachment as Record<string, unknown>)
        : undefined;
    if (!text && !attachment) throw invalidParameter('Param message must have text or an attachment');
    if (text && text.length > MAX_TEXT_LENGTH) {
      throw invalidParameter(
        `Length of param message[text] must be less than or equal to ${MAX_TEXT_LENGTH}`,
      );
    }

    if (commentId) return this.privateReply(ctx, page, commentId, text ?? null, attachment ?? null);
    const found = await this.findRecipient(page, recipientId!);
    if (!found) throw new GraphError(100, '(#100) No matching user found', { subcode: 2018001 });
    const network = found.platform === 'instagram' ? 'instagram' : 'facebook';
    const accountId = found.platform === 'instagram' ? (page.ig_user_id ?? page.id) : page.id;
    if (!this.usage.consumeSpecific(network, accountId, 'messages').allowed) {
      throw new GraphError(613, 'Calls to this api have exceeded the rate limit.', { transient: true });
    }
    const conversation = await this.messaging.findConversationByUser(page.id, found.platform, found.user.id);
    const lastInbound = conversation ? await this.messaging.lastInboundAt(conversation.id) : undefined;
    const window =
      messagingType === 'MESSAGE_TAG'
        ? tag === 'HUMAN_AGENT'
          ? HUMAN_AGENT_WINDOW_MS
          : Infinity
        : STANDARD_WINDOW_MS;
    if (!conversation || !lastInbound || Date.now() - lastInbound.getTime() > window) {
      throw new GraphError(
        10,
        '(#10) This message is sent outside of allowed window. Learn more about the new policy here: ' +
          'https://developers.facebook.com/docs/messenger-platform/policy-overview',
        { subcode: 2018278 },
      );
    }
    const sent = await this.db.transaction(async (tx) => {
      const row = await this.messaging.insertMessage(
        {
          conversationId: conversation.id,
          fromPage: true,
          text: text ?? null,
          attachment: attachment ?? null,
        },
        tx,
      );
      await this.ledger.record(
        {
          network,
          accountId,
          kind: 'dm',
          objectId: row.id,
          content: text ?? JSON.stringify(attachment),
          parentId: conversation.id,
          meta: { recipientId, messagingType, tag: tag ?? null },
        },
        tx,
      );
      return row;
    });
    this.webhooks.emit(page.id, found.platform === 'instagram' ? 'instagram' : 'page', 'message_echoes', {
      id: found.platform === 'instagram' ? accountId : page.id,
      time: Date.now(),
      messaging: [
        {
          sender: { id: accountId },
          recipient: { id: recipientId },
          timestamp: sent.created_at.getTime(),
          message: { mid: sent.id, text: text ?? undefined, is_echo: true, app_id: ctx.caller.appId },
        },
      ],
    });
    return { body: { recipient_id: recipientId, message_id: sent.id }, created: true };
  }

  /**
   * A private reply: a Messenger message to the author of a comment on the page, once per comment and within
   * 7 days of it, whether or not the person ever wrote to the page.
   */
  private async privateReply(
    ctx: GraphContext,
    page: MetaPage,
    commentId: string,
    text: string | null,
    attachment: Record<string, unknown> | null,
  ): Promise<GraphResult> {
    const comment = await this.content.findComment(commentId);
    if (!comment || comment.network !== 'facebook' || comment.page_id !== page.id) {
      throw invalidParameter(`recipient.comment_id ${commentId} is not a comment on this Page`);
    }
    if (comment.author_id === page.id)
      throw invalidParameter('A Page cannot privately reply to its own comment');
    if (Date.now() - comment.created_at.getTime() > PRIVATE_REPLY_WINDOW_MS) {
      throw new GraphError(
        10,
        '(#10) This message is sent outside of allowed window. Private replies must be sent within 7 days of the comment.',
        { subcode: 2018278 },
      );
    }
    const user = await this.accounts.findUser(comment.author_id);
    if (!user) throw new GraphError(100, '(#100) No matching user found', { subcode: 2018001 });
    if (!this.usage.consumeSpecific('facebook', page.id, 'messages').allowed) {
      throw new GraphError(613, 'Calls to this api have exceeded the rate limit.', { transient: true });
    }
    const sent = await this.db.transaction(async (tx) => {
      const conversation = await this.messaging.conversationWith(page.id, 'messenger', user.id, tx);
      const row = await this.messaging.insertMessage(
        { conversationId: conversation.id, fromPage: true, text, attachment },
        tx,
      );
      if (!(await this.content.claimPrivateReply(comment.id, row.id, tx))) {
        throw new GraphError(10900, '(#10900) Activity already replied to');
      }
      await this.ledger.record(
        {
          network: 'facebook',
          accountId: page.id,
          kind: 'dm',
          objectId: row.id,
          content: text ?? JSON.stringify(attachment),
          parentId: comment.id,
          meta: { privateReplyTo: comment.id, appId: ctx.caller.appId },
        },
        tx,
      );
      return row;
    });
    return { body: { recipient_id: user.id, message_id: sent.id }, created: true };
  }

  /**
   * A person writes to the page (the crowd, or a sandbox control). `sentAt` may lie in the past, so tests
   * can open a conversation whose 24-hour window has already closed.
   */
  async receive(
    page: MetaPage,
    platform: MessagingPlatform,
    user: MetaUser,
    text: string,
    sentAt?: Date,
  ): Promise<MetaMessage> {
    const message = await this.db.transaction(async (tx) => {
      const conversation = await this.messaging.conversationWith(page.id, platform, user.id, tx);
      return this.messaging.insertMessage(
        { conversationId: conversation.id, fromPage: false, text, createdAt: sentAt },
        tx,
      );
    });
    const instagram = platform === 'instagram';
    const senderId = instagram ? (user.ig_id ?? user.id) : user.id;
    const recipientId = instagram ? (page.ig_user_id ?? page.id) : page.id;
    this.webhooks.emit(
      page.id,
      instagram ? 'instagram' : 'page',
      'messages',
      inboundMessageEntry(recipientId, senderId, message),
    );
    return message;
  }

  private async findRecipient(
    page: MetaPage,
    id: string,
  ): Promise<{ user: MetaUser; platform: MessagingPlatform } | undefined> {
    const user = await this.accounts.findUser(id);
    if (user) return { user, platform: 'messenger' };
    const igUser = page.ig_user_id ? await this.accounts.findUserByIgId(id) : undefined;
    return igUser ? { user: igUser, platform: 'instagram' } : undefined;
  }

  private async presentConversation(
    ctx: GraphContext,
    page: MetaPage,
    conversation: MetaConversation,
  ): Promise<Record<string, unknown>> {
    const user = await this.accounts.findUser(conversation.user_id);
    const full: Record<string, unknown> = {
      id: conversation.id,
      updated_time: graphTime(conversation.updated_at),
      link: `/${page.username}/inbox/${conversation.id.slice(2)}/`,
      message_count: await this.messaging.countMessages(conversation.id),
      unread_count: 0,
      can_reply: true,
      is_subscribed: true,
      participants: { data: [this.person(conversation, user), this.pageAsPerson(conversation, page)] },
      senders: { data: [this.person(conversation, user), this.pageAsPerson(conversation, page)] },
      messages: undefined,
    };
    const nested = ctx.fields?.find((field) => field.name === 'messages');
    if (nested) full.messages = await this.nestedMessages(ctx, page, conversation, user, nested);
    else full.messages = { data: [] };
    return full;
  }

  /** `messages{...}` inside a conversation: a page of the edge with its own cursors and absolute next. */
  private async nestedMessages(
    ctx: GraphContext,
    page: MetaPage,
    conversation: MetaConversation,
    user: MetaUser | undefined,
    field: FieldRequest,
  ): Promise<Record<string, unknown>> {
    const limit = Math.min(field.limit ?? 25, 100);
    const rows = await this.messaging.listMessages(conversation.id, { limit });
    const slice = rows.slice(0, limit);
    const data = slice.map((row) =>
      selectFields('Message', this.presentMessage(row, page, conversation, user), field.children, [
        'id',
        'created_time',
      ]),
    );
    if (slice.length === 0) return { data };
    const cursors = { before: encodeCursor(slice[0].seq), after: encodeCursor(slice[slice.length - 1].seq) };
    const paging: Record<string, unknown> = { cursors };
    if (rows.length > limit) {
      const next = new URL(`${graphBase(ctx)}/${conversation.id}/messages`);
      next.searchParams.set('access_token', ctx.caller.token);
      if (field.children)
        next.searchParams.set('fields', field.children.map((child) => child.name).join(','));
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('after', cursors.after);
      paging.next = next.toString();
    }
    return { data, paging };
  }

  private presentMessage(
    message: MetaMessage,
    page: MetaPage,
    conversation: MetaConversation,
    user: MetaUser | undefined,
  ): Record<string, unknown> {
    const person = this.person(conversation, user);
    const pageParty = this.pageAsPerson(conversation, page);
    return {
      id: message.id,
      created_time: graphTime(message.created_at),
      message: message.text ?? '',
      from: message.from_page ? pageParty : person,
      to: { data: [message.from_page ? person : pageParty] },
      attachments: message.attachment ? { data: [message.attachment] } : undefined,
      is_unsupported: false,
    };
  }

  private person(conversation: MetaConversation, user: MetaUser | undefined): Record<string, unknown> {
    if (conversation.platform === 'instagram')
      return { username: user?.ig_username ?? 'unknown', id: user?.ig_id ?? conversation.user_id };
    return {
      name: user?.name ?? 'Facebook user',
      email: `${conversation.user_id}@facebook.com`,
      id: conversation.user_id,
    };
  }

  private pageAsPerson(conversation: MetaConversation, page: MetaPage): Record<string, unknown> {
    if (conversation.platform === 'instagram')
      return { username: page.username, id: page.ig_user_id ?? page.id };
    return { name: page.name, email: `${page.id}@facebook.com`, id: page.id };
  }
}
