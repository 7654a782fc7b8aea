import { Injectable } from '@nestjs/common';
import { LedgerKind, LedgerService } from '../../core/ledger.service';
import { SandboxQueryable } from '../../core/sandbox-db';
import {
  JsonObject,
  MediaRow,
  serializeStatus,
  StatusContext,
  StatusRow,
  Visibility,
} from './mastodon-entities';
import { MastodonError } from './mastodon-error';
import { MASTODON } from './mastodon-gate.service';
import { PageParams } from './mastodon-paging';
import { mentionedUsernames, renderStatusText } from './mastodon-text';
import { MastodonInboxRepository, NewConversationMember } from './mastodon-inbox.repository';
import { MastodonRepository, NewStatus } from './mastodon.repository';
import { MastodonScheduledRepository, ScheduledStatusRow } from './mastodon-scheduled.repository';
import { MINIMUM_SCHEDULE_OFFSET_MS } from './mastodon-scheduled';
import { isRecordId } from './mastodon-ids';
import { MAX_MEDIA_ATTACHMENTS, StatusRequest, validateText } from './mastodon-status-request';

export interface StatusDraft {
  accountId: string;
  text: string;
  spoilerText: string;
  visibility: Visibility;
  sensitive: boolean;
  language: string | null;
  inReplyTo: StatusRow | null;
  mediaIds: string[];
  applicationName: string | null;
  idempotencyKey: string | null;
  /** Publishing a scheduled status: the media it reserved are free for it. */
  reservedFor?: string | null;
}

/** What POST /api/v1/statuses made (or, for a replayed Idempotency-Key, had made). */
export type CreatedStatus =
  | { kind: 'status'; row: StatusRow; created: boolean }
  | { kind: 'scheduled'; row: ScheduledStatusRow; created: boolean };

export interface CallerApp {
  id: string | null;
  name: string | null;
}

/** Creating, reading and deleting statuses, with Mastodon's validations and its Idempotency-Key rule. */
@Injectable()
export class MastodonStatusService {
  constructor(
    private readonly repo: MastodonRepository,
    private readonly inbox: MastodonInboxRepository,
    private readonly scheduled: MastodonScheduledRepository,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * POST /api/v1/statuses. Like Mastodon's PostStatusService, a key seen in the last hour returns what it
   * made (before any validation, even if the body now differs) and creates nothing.
   */
  async create(
    accountId: string,
    readRequest: () => StatusRequest,
    idempotencyKey: string | null,
    app: CallerApp,
  ): Promise<CreatedStatus> {
    if (idempotencyKey) {
      const existing = await this.replay(accountId, idempotencyKey);
      if (existing) return existing;
    }
    const request = readRequest();
    validateText(request);
    const inReplyTo = request.inReplyToId ? await this.visibleStatus(request.inReplyToId, accountId) : null;
    if (request.scheduledAt)
      return this.schedule(accountId, request, request.scheduledAt, idempotencyKey, app);
    const draft: StatusDraft = {
      accountId,
      text: request.text,
      spoilerText: request.spoilerText,
      visibility: request.visibility,
      // Mastodon marks a status with a content warning as sensitive.
      sensitive: (request.sensitive ?? false) || request.spoilerText.length > 0,
      language: request.language,
      inReplyTo,
      mediaIds: request.mediaIds,
      applicationName: app.name,
      idempotencyKey,
    };
    const outcome = await this.repo.transaction(async (tx) => {
      const id = await this.repo.nextId(tx);
      if (idempotencyKey && !(await this.repo.claimIdempotencyKey(accountId, idempotencyKey, id, tx)))
        return null;
      await this.insert(draft, id, tx);
      await this.record(draft, id, tx);
      return id;
    });
    return this.afterClaim(outcome, accountId, idempotencyKey, 'status');
  }

  /**
   * Publishes a scheduled status whose time has come, as its author would have posted it then; the ledger
   * entry carries the original Idempotency-Key. Returns the new status id, or null if another process took it.
   */
  async publishScheduled(scheduledId: string): Promise<string | null> {
    return this.repo.transaction(async (tx) => {
      const row = await this.scheduled.lockDue(scheduledId, tx);
      if (!row) return null;
      const draft: StatusDraft = {
        accountId: row.account_id,
        text: row.text,
        spoilerText: row.spoiler_text,
        visibility: row.visibility,
        sensitive: (row.sensitive ?? false) || row.spoiler_text.length > 0,
        language: row.language,
        inReplyTo: row.in_reply_to_id ? await this.repo.statusById(row.in_reply_to_id, tx) : null,
        mediaIds: row.media_ids,
        applicationName: row.application_name,
        idempotencyKey: row.idempotency_key,
        reservedFor: row.id,
      };
      const id = await this.repo.nextId(tx);
      await this.insert(draft, id, tx);
      await this.record(draft, id, tx, {
        scheduledStatusId: row.id,
        scheduledAt: row.scheduled_at.toISOString(),
      });
      await this.scheduled.markPublished(row.id, id, tx);
      return id;
    });
  }

  private async schedule(
    accountId: string,
    request: StatusRequest,
    scheduledAt: Date,
    idempotencyKey: string | null,
    app: CallerApp,
  ): Promise<CreatedStatus> {
    if (scheduledAt.getTime() < Date.now() + MINIMUM_SCHEDULE_OFFSET_MS) {
      throw MastodonError.validation('Scheduled at The scheduled date must be in the future');
    }
    const outcome = await this.repo.transaction(async (tx) => {
      const id = await this.repo.nextId(tx);
      if (
        idempotencyKey &&
        !(await this.repo.claimIdempotencyKey(accountId, idempotencyKey, id, tx, 'scheduled'))
      ) {
        return null;
      }
      if (request.mediaIds.length > 0) {
        await this.checkMedia(accountId, request.mediaIds, tx, null);
        await this.repo.reserveMedia(id, request.mediaIds, tx);
      }
      await this.scheduled.insert(
        {
          id,
          account_id: accountId,
          scheduled_at: scheduledAt,
          text: request.text,
          spoiler_text: request.spoilerText,
          visibility: request.visibility,
          sensitive: request.sensitive,
          language: request.language,
          in_reply_to_id: request.inReplyToId,
          media_ids: request.mediaIds,
          idempotency_key: idempotencyKey,
          application_id: app.id,
          application_name: app.name,
        },
        tx,
      );
      return id;
    });
    return this.afterClaim(outcome, accountId, idempotencyKey, 'scheduled');
  }

  /** The answer once the transaction is over: what we made, or what the request that won the key made. */
  private async afterClaim(
    outcome: string | null,
    accountId: string,
    idempotencyKey: string | null,
    kind: 'status' | 'scheduled',
  ): Promise<CreatedStatus> {
    if (outcome === null) {
      // Another request with the same key won the race while we validated: answer with what it made.
      const existing = idempotencyKey ? await this.replay(accountId, idempotencyKey) : null;
      if (!existing) throw MastodonError.notFound();
      return existing;
    }
    if (kind === 'scheduled') {
      const row = await this.scheduled.byId(outcome);
      if (!row) throw MastodonError.notFound();
      return { kind, row, created: true };
    }
    const row = await this.repo.statusById(outcome);
    if (!row) throw MastodonError.notFound();
    return { kind, row, created: true };
  }

  private async record(
    draft: StatusDraft,
    id: string,
    tx: SandboxQueryable,
    meta: Record<string, unknown> = {},
  ) {
    await this.ledger.record(
      {
        network: MASTODON,
        accountId: draft.accountId,
        kind: ledgerKind(draft),
        objectId: id,
        idempotencyKey: draft.idempotencyKey,
        content: draft.text,
        parentId: draft.inReplyTo?.id ?? null,
        meta: {
          visibility: draft.visibility,
          mediaIds: draft.mediaIds,
          spoilerText: draft.spoilerText,
          language: draft.language,
          ...meta,
        },
      },
      tx,
    );
  }

  /**
   * Writes a status with its mentions, media, notifications and conversation. Shared by the API and the
   * crowd, so that a citizen's reply looks exactly like one made through the API.
   */
  async insert(draft: StatusDraft, id: string, tx: SandboxQueryable): Promise<void> {
    await this.insertMany([{ id, draft }], tx);
  }

  /** The same for many statuses in a handful of statements (the crowd's burst mode writes 10,000 a minute). */
  async insertMany(items: { id: string; draft: StatusDraft }[], tx: SandboxQueryable): Promise<void> {
    const names = new Set(items.flatMap(({ draft }) => mentionedUsernames(draft.text)));
    const mentioned = await this.repo.accountsByUsernames([...names], tx);
    const byName = new Map(mentioned.map((account) => [account.username.toLowerCase(), account]));
    for (const { draft } of items) {
      if (draft.mediaIds.length > 0) {
        await this.checkMedia(draft.accountId, draft.mediaIds, tx, draft.reservedFor ?? null);
      }
    }
    const freshConversations = await this.repo.nextIds(
      items.filter(({ draft }) => !draft.inReplyTo).length,
      tx,
    );
    const rows: NewStatus[] = items.map(({ id, draft }) => {
      const rendered = renderStatusText(draft.text, byName);
      return {
        id,
        accountId: draft.accountId,
        text: draft.text,
        content: rendered.content,
        spoilerText: draft.spoilerText,
        visibility: draft.visibility,
        sensitive: draft.sensitive,
        language: draft.language,
        inReplyToId: draft.inReplyTo?.id ?? null,
        inReplyToAccountId: draft.inReplyTo?.account_id ?? null,
        // A reply joins its parent's thread; anything else starts one.
        conversationId: draft.inReplyTo?.conversation_id ?? (freshConversations.shift() as string),
        mentionIds: rendered.mentionIds,
        tags: rendered.tags,
        applicationName: draft.applicationName,
        idempotencyKey: draft.idempotencyKey,
      };
    });
    await this.repo.insertStatuses(rows, tx);
    for (const { id, draft } of items) await this.repo.attachMedia(id, draft.mediaIds, tx);
    await this.inbox.insertMentionNotifications(
      rows.flatMap((row) =>
        row.mentionIds
          .filter((accountId) => accountId !== row.accountId)
          .map((accountId) => ({ accountId, fromAccountId: row.accountId, statusId: row.id })),
      ),
      tx,
    );
    await this.inbox.upsertConversationMembers(conversationMembers(rows), tx);
  }

  async visibleStatus(id: string, viewerId: string | null): Promise<StatusRow> {
    if (!isRecordId(id)) throw MastodonError.notFound();
    const status = await this.repo.statusById(id);
    if (!status || !canSee(status, viewerId)) throw MastodonError.notFound();
    return status;
  }

  /** DELETE /api/v1/statuses/:id: only the author's own statuses exist for this route (others are 404). */
  async delete(accountId: string, id: string): Promise<StatusRow> {
    const status = isRecordId(id) ? await this.repo.statusById(id) : null;
    if (!status || status.account_id !== accountId) throw MastodonError.notFound();
    await this.repo.softDeleteStatus(id);
    return status;
  }

  async accountStatuses(
    accountId: string,
    viewerId: string | null,
    options: { excludeReplies: boolean; onlyMedia: boolean; pinned: boolean; tagged?: string },
    page: PageParams,
  ): Promise<StatusRow[]> {
    if (!isRecordId(accountId)) throw MastodonError.notFound();
    const accounts = await this.repo.accountsByIds([accountId]);
    if (!accounts.has(accountId)) throw MastodonError.notFound();
    if (options.pinned) return []; // nothing is ever pinned in the sandbox
    return this.repo.accountStatuses(accountId, viewerId, options, page);
  }

  /**
   * GET /api/v1/statuses/:id/context: what the viewer may see of the thread, ancestors oldest first and
   * descendants depth first (each reply followed by its own replies), as Mastodon orders them.
   */
  async thread(
    id: string,
    viewerId: string | null,
  ): Promise<{ ancestors: StatusRow[]; descendants: StatusRow[] }> {
    const status = await this.visibleStatus(id, viewerId);
    const ancestors = (await this.repo.ancestors(status)).filter((row) => canSee(row, viewerId));
    const below = (await this.repo.descendants(status)).filter((row) => canSee(row, viewerId));
    const children = new Map<string, StatusRow[]>();
    for (const row of below) {
      const list = children.get(row.in_reply_to_id ?? '') ?? [];
      list.push(row);
      children.set(row.in_reply_to_id ?? '', list);
    }
    const descendants: StatusRow[] = [];
    const walk = (parentId: string): void => {
      for (const child of children.get(parentId) ?? []) {
        descendants.push(child);
        walk(child.id);
      }
    };
    walk(status.id);
    return { ancestors, descendants };
  }

  /** Statuses as the API serves them, with authors, mentions and media loaded in three queries. */
  async present(
    rows: StatusRow[],
    viewerId: string | null,
    base: string,
    withSource = false,
  ): Promise<JsonObject[]> {
    const ctx = await this.loadContext(rows, viewerId, base, []);
    return rows.map((row) => serializeStatus(row, ctx, withSource));
  }

  async loadContext(
    rows: StatusRow[],
    viewerId: string | null,
    base: string,
    extraAccountIds: string[],
  ): Promise<StatusContext> {
    const accounts = await this.repo.accountsByIds([
      ...rows.flatMap((row) => [row.account_id, ...row.mention_ids]),
      ...extraAccountIds,
    ]);
    const media = await this.repo.mediaForStatuses(rows.map((row) => row.id));
    return { base, accounts, media, viewerId, now: new Date() };
  }

  private async replay(accountId: string, key: string): Promise<CreatedStatus | null> {
    const target = await this.repo.idempotentTarget(accountId, key);
    if (!target) return null;
    if (target.kind === 'scheduled') {
      const row = await this.scheduled.byId(target.id);
      if (!row) throw MastodonError.notFound();
      return { kind: 'scheduled', row, created: false };
    }
    const row = await this.repo.statusById(target.id);
    if (!row) throw MastodonError.notFound();
    return { kind: 'status', row, created: false };
  }

  /** Mastodon's media checks: at most four, the caller's own, unattached, and finished processing. */
  private async checkMedia(
    accountId: string,
    ids: string[],
    tx: SandboxQueryable,
    reservedFor: string | null,
  ) {
    if (ids.length > MAX_MEDIA_ATTACHMENTS)
      throw new MastodonError(422, `Cannot attach more than ${MAX_MEDIA_ATTACHMENTS} files`);
    const found: MediaRow[] = await this.repo.lockUnattachedMedia(accountId, ids, tx, reservedFor);
    const missing = ids.filter((id) => !found.some((media) => media.id === id));
    if (missing.length)
      throw new MastodonError(
        422,
        `Media ${missing.join(', ')} not found or already attached to another post`,
      );
    if (found.some((media) => media.processed_at.getTime() > Date.now())) {
      throw new MastodonError(
        422,
        'Cannot attach files that have not finished processing. Try again in a moment!',
      );
    }
  }
}

/** Mastodon's visibility rules for one viewer (no follows exist in the sandbox, so `private` is author-only). */
export function canSee(status: StatusRow, viewerId: string | null): boolean {
  if (status.visibility === 'public' || status.visibility === 'unlisted') return true;
  if (!viewerId) return false;
  return status.account_id === viewerId || status.mention_ids.includes(viewerId);
}

function ledgerKind(draft: StatusDraft): LedgerKind {
  if (draft.visibility === 'direct') return 'dm';
  return draft.inReplyTo ? 'reply' : 'post';
}

/**
 * Each participant's view of the direct conversations these statuses touch: the others in it, the last
 * status, and unread for everyone but the author. The latest status wins when one batch touches a
 * conversation twice.
 */
function conversationMembers(rows: NewStatus[]): NewConversationMember[] {
  const members = new Map<string, NewConversationMember>();
  for (const row of rows) {
    if (row.visibility !== 'direct') continue;
    const everyone = [...new Set([row.accountId, ...row.mentionIds])];
    for (const accountId of everyone) {
      members.set(`${row.conversationId}:${accountId}`, {
        conversationId: row.conversationId,
        accountId,
        participantIds: everyone.filter((id) => id !== accountId),
        lastStatusId: row.id,
        unread: accountId !== row.accountId,
      });
    }
  }
  return [...members.values()];
}
