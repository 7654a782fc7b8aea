import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections } from '@outside-in/channels';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@outside-in/common';
import { AuditService, Role } from '@outside-in/database';
import { QuietPeriodsService } from '@outside-in/guardrail-settings';
import { InboxEventBus, ReplySender } from '@outside-in/inbox';
import { PlatformError } from '@outside-in/platforms';
import { DataSource, EntityManager } from 'typeorm';
import type { HideDto, ReplyDto, ReplyResultView } from './inbox.dto';
import { InboxCaller, InboxWorkService } from './inbox-work.service';

/** Who approves replies when nothing narrower applies. */
export const REPLY_APPROVERS: Role[] = ['owner', 'admin', 'approver'];

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Replies from the reply box: `draft -> pending_approval -> approved -> sending -> sent | failed`. Whether a reply
 * needs an approver is the organisation's policy (roles whose replies need one; by default responders'), and during
 * a quiet period every reply needs approval by the period's roles. Nobody approves their own reply. Approved replies
 * go to the queue once their transaction commits; ReplySender (libs/inbox) sends them exactly once.
 *
 * Hiding or deleting a public comment on the network records the reason beside the message, which stays stored.
 */
@Injectable()
export class InboxRepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: InboxEventBus,
    private readonly sender: ReplySender,
    private readonly work: InboxWorkService,
    private readonly quietPeriods: QuietPeriodsService,
    private readonly channels: ChannelConnections,
  ) {}

  async create(
    organisationId: string,
    conversationId: string,
    dto: ReplyDto,
    caller: InboxCaller,
  ): Promise<ReplyResultView> {
    const text = dto.text.trim();
    if (!text)
      throw new InvalidInputError('The reply is empty: write something first.', [
        { field: 'text', problem: 'Empty' },
      ]);
    const messageId = await this.dataSource.transaction(async (manager) => {
      const conversation = await this.work.lock(manager, organisationId, conversationId);
      let mode: 'public' | 'direct';
      let inReplyTo: string | null = null;
      let recipient: string | null = null;
      if (conversation.kind === 'direct') {
        mode = 'direct';
        const [contact] = (await manager.query(`SELECT external_id FROM contact WHERE id = $1`, [
          conversation.contact_id,
        ])) as Row[];
        if (!contact) throw new ConflictError('Nobody from the public has written in this conversation yet.');
        recipient = contact.external_id;
      } else {
        mode = 'public';
        const [target] = (await manager.query(
          dto.inReplyToMessageId
            ? `SELECT external_id FROM message WHERE conversation_id = $1 AND id = $2 AND external_id IS NOT NULL`
            : `SELECT external_id FROM message WHERE conversation_id = $1 AND direction = 'in'
                ORDER BY created_at DESC, id DESC LIMIT 1`,
          dto.inReplyToMessageId ? [conversationId, dto.inReplyToMessageId] : [conversationId],
        )) as Row[];
        if (!target)
          throw new InvalidInputError('There is no message from the public here to answer.', [
            { field: 'inReplyToMessageId', problem: 'No such message in this conversation' },
          ]);
        inReplyTo = target.external_id;
      }
      const approval = await this.approvalFor(manager, organisationId, conversation.channel_id, caller.role);
      const state = dto.submit === false ? 'draft' : approval ? 'pending_approval' : 'approved';
      const [message] = (await manager.query(
        `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, body, in_reply_to_external_id,
                              created_at, outbound_state)
         VALUES ($1, $2, $3, 'out', $4, $5, now(), $6) RETURNING id`,
        [organisationId, conversationId, conversation.channel_id, text, inReplyTo, state],
      )) as Row[];
      await manager.query(
        `INSERT INTO outbound_reply (message_id, organisation_id, conversation_id, mode, in_reply_to_external_id,
                                     recipient_external_id, author_id, approval_reason, approver_roles)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          message.id,
          organisationId,
          conversationId,
          mode,
          inReplyTo,
          recipient,
          caller.actor.userId,
          approval?.reason ?? null,
          JSON.stringify(approval?.roles ?? []),
        ],
      );
      if (state === 'approved') await this.sender.queueAfterCommit(manager, message.id, 0);
      await this.told(manager, organisationId, conversationId, message.id, state);
      return message.id as string;
    });
    return this.result(organisationId, messageId);
  }

  /** Its author changes a draft (or a failed reply, which becomes a draft to submit again under the policy). */
  async edit(
    organisationId: string,
    messageId: string,
    text: string,
    caller: InboxCaller,
  ): Promise<ReplyResultView> {
    const words = text.trim();
    if (!words)
      throw new InvalidInputError('The reply is empty: write something first.', [
        { field: 'text', problem: 'Empty' },
      ]);
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockReply(manager, organisationId, messageId);
      if (reply.outbound_state !== 'draft' && reply.outbound_state !== 'failed')
        throw new ConflictError('Only a draft or a failed reply can be changed.');
      if (reply.author_id !== caller.actor.userId)
        throw new ForbiddenError('Only its author changes a reply.');
      await manager.query(`UPDATE message SET body = $2, outbound_state = 'draft' WHERE id = $1`, [
        messageId,
        words,
      ]);
      await this.told(manager, organisationId, reply.conversation_id, messageId, 'draft');
    });
    return this.result(organisationId, messageId);
  }

  /** A draft goes for approval or straight out, by the policy as it is now. */
  async submit(organisationId: string, messageId: string, caller: InboxCaller): Promise<ReplyResultView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockReply(manager, organisationId, messageId);
      if (reply.outbound_state !== 'draft') throw new ConflictError('Only a draft can be submitted.');
      if (reply.author_id !== caller.actor.userId)
        throw new ForbiddenError('Only its author submits a draft.');
      const approval = await this.approvalFor(manager, organisationId, reply.channel_id, caller.role);
      const state = approval ? 'pending_approval' : 'approved';
      await manager.query(`UPDATE message SET outbound_state = $2 WHERE id = $1`, [messageId, state]);
      await manager.query(
        `UPDATE outbound_reply SET approval_reason = $2, approver_roles = $3 WHERE message_id = $1`,
        [messageId, approval?.reason ?? null, JSON.stringify(approval?.roles ?? [])],
      );
      if (state === 'approved') await this.sender.queueAfterCommit(manager, messageId, reply.attempts);
      await this.told(manager, organisationId, reply.conversation_id, messageId, state);
    });
    return this.result(organisationId, messageId);
  }

  async approve(organisationId: string, messageId: string, caller: InboxCaller): Promise<ReplyResultView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockReply(manager, organisationId, messageId);
      if (reply.outbound_state !== 'pending_approval')
        throw new ConflictError('This reply is not waiting for approval.');
      this.assertApprover(reply, caller);
      await manager.query(`UPDATE message SET outbound_state = 'approved' WHERE id = $1`, [messageId]);
      await manager.query(
        `UPDATE outbound_reply SET approved_by = $2, approved_at = now() WHERE message_id = $1`,
        [messageId, caller.actor.userId],
      );
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.reply_approved',
        subjectType: 'message',
        subjectId: messageId,
        summary: { conversationId: reply.conversation_id },
        ip: caller.ip,
      });
      await this.sender.queueAfterCommit(manager, messageId, reply.attempts);
      await this.told(manager, organisationId, reply.conversation_id, messageId, 'approved');
    });
    return this.result(organisationId, messageId);
  }

  /** Sends a reply back to its author as a draft, with the reason shown on it. */
  async reject(organisationId: string, messageId: string, reason: string, caller: InboxCaller) {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockReply(manager, organisationId, messageId);
      if (reply.outbound_state !== 'pending_approval')
        throw new ConflictError('This reply is not waiting for approval.');
      this.assertApprover(reply, caller);
      await manager.query(`UPDATE message SET outbound_state = 'draft' WHERE id = $1`, [messageId]);
      await manager.query(`UPDATE outbound_reply SET last_error = $2 WHERE message_id = $1`, [
        messageId,
        `Sent back by ${caller.name}: ${reason}`,
      ]);
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.reply_sent_back',
        subjectType: 'message',
        subjectId: messageId,
        summary: { conversationId: reply.conversation_id, reason },
        ip: caller.ip,
      });
      await this.told(manager, organisationId, reply.conversation_id, messageId, 'draft');
    });
    return this.result(organisationId, messageId);
  }

  /** A failed reply goes out again (a person decided; what failed is shown on it until then). */
  async retry(organisationId: string, messageId: string, caller: InboxCaller): Promise<ReplyResultView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockReply(manager, organisationId, messageId);
      if (reply.outbound_state !== 'failed') throw new ConflictError('Only a failed reply can be retried.');
      await manager.query(`UPDATE message SET outbound_state = 'approved' WHERE id = $1`, [messageId]);
      await manager.query(
        `UPDATE outbound_reply SET outcome = NULL, not_before = NULL WHERE message_id = $1`,
        [messageId],
      );
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.reply_retried',
        subjectType: 'message',
        subjectId: messageId,
        summary: { conversationId: reply.conversation_id, lastError: reply.last_error },
        ip: caller.ip,
      });
      await this.sender.queueAfterCommit(manager, messageId, reply.attempts);
      await this.told(manager, organisationId, reply.conversation_id, messageId, 'approved');
    });
    return this.result(organisationId, messageId);
  }

  /** Hides (or shows again) or deletes a public comment on the network, recording why; our copy is kept. */
  async moderate(
    organisationId: string,
    messageId: string,
    action: 'hide' | 'unhide' | 'delete',
    dto: HideDto,
    caller: InboxCaller,
  ): Promise<void> {
    const [message] = (await this.dataSource.query(
      `SELECT m.id, m.channel_id, m.external_id, m.direction, m.conversation_id, c.kind
         FROM message m JOIN conversation c ON c.id = m.conversation_id
        WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, messageId],
    )) as Row[];
    if (!message) throw new NotFoundError('No such message in this organisation.');
    if (message.direction !== 'in' || message.kind === 'direct' || !message.external_id)
      throw new ConflictError('Only a public comment or reply from the public can be hidden or deleted.');
    const channel = await this.channels.find(message.channel_id);
    const capabilities = this.channels.adapterFor(channel).capabilities;
    if (action === 'delete' ? !capabilities.deleteComments : !capabilities.hideComments)
      throw new ConflictError(
        `This network does not let us ${action === 'delete' ? 'delete' : 'hide'} comments; report it on the network instead.`,
      );
    try {
      await this.channels.call(message.channel_id, (adapter, connection) =>
        action === 'delete'
          ? adapter.deleteComment(connection, message.external_id)
          : adapter.hideComment(connection, message.external_id, action === 'hide'),
      );
    } catch (error) {
      if (error instanceof PlatformError)
        throw new ConflictError(`The network refused: ${error.message}. Nothing was changed.`);
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO message_moderation (organisation_id, message_id, action, reason, actor_id)
         VALUES ($1, $2, $3, $4, $5)`,
        [organisationId, messageId, action, dto.reason, caller.actor.userId],
      );
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: `inbox.comment_${action === 'delete' ? 'deleted' : action === 'hide' ? 'hidden' : 'shown'}`,
        subjectType: 'message',
        subjectId: messageId,
        summary: { conversationId: message.conversation_id, reason: dto.reason, network: channel.network },
        ip: caller.ip,
      });
      await this.events.publishAfterCommit(this.dataSource, manager, organisationId, {
        type: 'conversation.updated',
        conversationId: message.conversation_id,
        change: `comment_${action}`,
        by: caller.actor.userId,
      });
    });
  }

  /** Null when the reply may go straight out; otherwise why it needs approval and who may give it. */
  private async approvalFor(
    manager: EntityManager,
    organisationId: string,
    channelId: string,
    role: Role,
  ): Promise<{ reason: string; roles: Role[] } | null> {
    const quiet = await this.quietPeriods.quietPeriodAt(organisationId, new Date(), channelId);
    if (quiet)
      return {
        reason: `The quiet period “${quiet.period.name}” is in force: every reply needs approval.`,
        roles: quiet.period.approverRoles.length ? quiet.period.approverRoles : REPLY_APPROVERS,
      };
    const [policy] = (await manager.query(
      `SELECT reply_approval_roles FROM inbox_policy WHERE organisation_id = $1`,
      [organisationId],
    )) as Row[];
    const roles: Role[] = policy?.reply_approval_roles ?? ['responder'];
    if (roles.includes(role))
      return {
        reason: `Replies written by ${role}s need an approver in this organisation.`,
        roles: REPLY_APPROVERS,
      };
    return null;
  }

  private assertApprover(reply: Row, caller: InboxCaller): void {
    if (reply.author_id === caller.actor.userId)
      throw new ForbiddenError('You wrote this reply: someone else must approve it.');
    const roles: Role[] = reply.approver_roles?.length ? reply.approver_roles : REPLY_APPROVERS;
    if (!roles.includes(caller.role))
      throw new ForbiddenError(`This reply needs approval by: ${roles.join(', ')}.`);
  }

  private async lockReply(manager: EntityManager, organisationId: string, messageId: string): Promise<Row> {
    const [row] = (await manager.query(
      `SELECT m.id, m.outbound_state, m.channel_id, r.conversation_id, r.author_id, r.approver_roles, r.attempts,
              r.last_error
         FROM message m JOIN outbound_reply r ON r.message_id = m.id
        WHERE m.organisation_id = $1 AND m.id = $2 FOR UPDATE OF m, r`,
      [organisationId, messageId],
    )) as Row[];
    if (!row) throw new NotFoundError('No such reply in this organisation.');
    return row;
  }

  private async told(
    manager: EntityManager,
    organisationId: string,
    conversationId: string,
    messageId: string,
    state: string,
  ) {
    await this.events.publishAfterCommit(this.dataSource, manager, organisationId, {
      type: 'reply.updated',
      conversationId,
      messageId,
      state,
    });
  }

  async result(organisationId: string, messageId: string): Promise<ReplyResultView> {
    const [row] = (await this.dataSource.query(
      `SELECT m.id, m.outbound_state, r.mode, r.approval_reason, r.approver_roles, r.last_error, r.attempts,
              r.sent_at, r.automatic, au.id AS au_id, au.name AS au_name, ap.id AS ap_id, ap.name AS ap_name
         FROM message m JOIN outbound_reply r ON r.message_id = m.id
         LEFT JOIN app_user au ON au.id = r.author_id LEFT JOIN app_user ap ON ap.id = r.approved_by
        WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, messageId],
    )) as Row[];
    if (!row) throw new NotFoundError('No such reply in this organisation.');
    return {
      messageId,
      outbound: {
        state: row.outbound_state,
        mode: row.mode,
        author: row.au_id ? { id: row.au_id, name: row.au_name } : null,
        approvedBy: row.ap_id ? { id: row.ap_id, name: row.ap_name } : null,
        approvalReason: row.approval_reason,
        approverRoles: row.approver_roles ?? [],
        error: row.last_error,
        attempts: row.attempts,
        sentAt: row.sent_at,
        automatic: row.automatic,
      },
    };
  }
}
