import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections } from '@outside-in/channels';
import { AuditService, SYSTEM_ACTOR } from '@outside-in/database';
import {
  defaultOfficeHours,
  outOfHoursReplyFor,
  SafeguardingService,
  settingFrom,
  SettingsStore,
  toSchedule,
  type OfficeHoursSettings,
  type SafeguardingMatchers,
} from '@outside-in/guardrail-settings';
import { AfterCommit } from '@outside-in/publishing/after-commit';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { InboxEventBus } from '../inbox-events';
import { ReplySender } from '../reply-sender.service';
import {
  chooseOutOfHoursReplies,
  outOfHoursText,
  replyReference,
  type OutOfHoursCandidate,
} from './out-of-hours-rule';
import { SafeguardingMail, type SafeguardingEmail } from './safeguarding-mail';
import { triageMessages, type ConversationTriage } from './safeguarding-triage';

export interface IngestedChannel {
  id: string;
  organisation_id: string;
  network: string;
}

export interface GuardrailOutcome {
  /** Conversations marked urgent by a safeguarding match in this batch. */
  flagged: ConversationTriage[];
  /** Out-of-hours replies queued (message ids of our replies). */
  autoReplies: string[];
}

/** A new message from the public, as the ingestor has just stored it (the guardrails need not read it back). */
export interface IngestedMessage {
  id: string;
  conversation_id: string;
  author_contact_id: string | null;
  external_id: string;
  body: string;
  created_at: Date;
  language: string | null;
  /** The author's id on the network (a direct reply is addressed to it). */
  contact_external_id: string | null;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The organisation's guardrail settings as one batch sees them (read once per batch, in its transaction). */
interface BatchSettings {
  safeguarding: SafeguardingMatchers;
  officeHours: OfficeHoursSettings;
  timeZone: string;
}

/** Sentence for the approval reason of an automatic reply (shown on it in the conversation). */
export const AUTOMATIC_REPLY_REASON =
  'Automatic out-of-hours reply: the organisation’s own signposting text, sent without approval (also during a quiet period).';

/**
 * What ingestion does for the organisation's guardrails, inside the transaction that stored the new messages (so
 * a message is never stored without its triage, and a crash repeats neither):
 *
 * 1. **Safeguarding triage.** New messages from the public are matched against the organisation's switched-on
 *    phrase sets. A match marks its conversation urgent and flags it with the sets matched (the conversation then
 *    shows the organisation's runbook), notifies the people named in the safeguarding settings (owners and admins
 *    when nobody is named, so a match is never seen by no one) in the app and by e-mail when SMTP is configured,
 *    and writes an audit event. It is never answered automatically.
 * 2. **Out-of-hours reply** (out-of-hours-rule.ts): once per contact per closed period, through the normal reply
 *    path (an `outbound_reply` marked automatic, queued after commit, sent exactly once by ReplySender).
 *
 * Languages are detected before the insert (inbound-language.ts), so they are already on the messages here.
 */
@Injectable()
export class InboundGuardrails {
  private readonly logger = new Logger(InboundGuardrails.name);
  /** The clock that says whether the office is closed now; tests move it to a night or a bank holiday. */
  now: () => Date = () => new Date();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly safeguarding: SafeguardingService,
    private readonly settingsStore: SettingsStore,
    private readonly audit: AuditService,
    private readonly sender: ReplySender,
    private readonly channels: ChannelConnections,
    private readonly events: InboxEventBus,
    private readonly mail: SafeguardingMail,
  ) {}

  /** `messages`: the batch's new messages from the public (never our own), as the ingestor stored them. */
  async afterIngest(
    manager: EntityManager,
    channel: IngestedChannel,
    messages: readonly IngestedMessage[],
  ): Promise<GuardrailOutcome> {
    const outcome: GuardrailOutcome = { flagged: [], autoReplies: [] };
    if (!messages.length) return outcome;
    const rows = [...messages].sort(
      (a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const organisationId = channel.organisation_id;

    const settings = await this.batchSettings(manager, organisationId);
    const { safeguarding } = settings.safeguarding;
    const triage = triageMessages(
      rows.map((row) => ({ messageId: row.id, conversationId: row.conversation_id, body: row.body })),
      safeguarding,
    );
    if (triage.size) await this.flagAll(manager, channel, triage, settings.safeguarding);
    outcome.flagged = [...triage.values()];

    outcome.autoReplies = await this.outOfHours(manager, channel, rows, triage, settings);
    return outcome;
  }

  /**
   * Both settings documents and the time zone in one query; the phrase matchers are compiled once per distinct
   * safeguarding document (SafeguardingService.matchersFromSource), not once per batch.
   */
  private async batchSettings(manager: EntityManager, organisationId: string): Promise<BatchSettings> {
    const { timeZone, sources } = await this.settingsStore.readSources(manager, organisationId, [
      'safeguarding',
      'office_hours',
    ]);
    return {
      safeguarding: this.safeguarding.matchersFromSource(sources.get('safeguarding')),
      officeHours: settingFrom(sources.get('office_hours'), defaultOfficeHours),
      timeZone,
    };
  }

  /**
   * Marks, notifies and audits each matched conversation. Who is told and where the message came are read once
   * for the batch: the people named in the settings who are still members, or the owners and admins when nobody
   * named is (a match is never seen by no one).
   */
  private async flagAll(
    manager: EntityManager,
    channel: IngestedChannel,
    triage: ReadonlyMap<string, ConversationTriage>,
    { settings }: SafeguardingMatchers,
  ): Promise<void> {
    const organisationId = channel.organisation_id;
    const names = new Map(settings.phraseSets.map((set) => [set.id, set.name]));
    const [where] = (await manager.query(`SELECT handle FROM channel WHERE id = $1`, [channel.id])) as Row[];
    const named = settings.notifyUserIds.length
      ? ((await manager.query(
          `SELECT u.id, u.email FROM app_user u JOIN membership m ON m.user_id = u.id
            WHERE m.organisation_id = $1 AND u.id = ANY($2::uuid[]) ORDER BY u.id`,
          [organisationId, settings.notifyUserIds],
        )) as Array<{ id: string; email: string }>)
      : [];
    const people = named.length
      ? named
      : ((await manager.query(
          `SELECT u.id, u.email FROM app_user u JOIN membership m ON m.user_id = u.id
            WHERE m.organisation_id = $1 AND m.role IN ('owner', 'admin') ORDER BY u.id`,
          [organisationId],
        )) as Array<{ id: string; email: string }>);
    for (const found of [...triage.values()].sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1)))
      await this.flag(manager, channel, found, (where?.handle as string | undefined) ?? null, people, names);
  }

  private async flag(
    manager: EntityManager,
    channel: IngestedChannel,
    found: ConversationTriage,
    handle: string | null,
    people: ReadonlyArray<{ id: string; email: string }>,
    names: ReadonlyMap<string, string>,
  ): Promise<void> {
    const organisationId = channel.organisation_id;
    await manager.query(
      `UPDATE conversation c SET priority = 'urgent',
              safeguarding_set_ids = ARRAY(
                SELECT s.id FROM unnest(c.safeguarding_set_ids || $2::text[]) WITH ORDINALITY AS s(id, n)
                 GROUP BY s.id ORDER BY min(s.n)),
              safeguarding_flagged_at = COALESCE(c.safeguarding_flagged_at, now()),
              updated_at = now()
        WHERE c.id = $1`,
      [found.conversationId, found.setIds],
    );
    const setNames = found.setIds.map((id) => names.get(id) ?? id);
    const sentence =
      `Safeguarding: a message to @${handle ?? 'your channel'} matched ${quoteList(setNames)}. ` +
      `Read it now and follow the runbook; nothing has been sent automatically: inbox/${found.conversationId}`;
    if (people.length)
      await manager.query(
        `INSERT INTO notification (organisation_id, user_id, kind, message)
         SELECT $1, unnest($2::uuid[]), 'inbox.safeguarding', $3`,
        [organisationId, people.map((p) => p.id), sentence],
      );
    await this.audit.record(manager, {
      organisationId,
      actor: SYSTEM_ACTOR,
      action: 'inbox.safeguarding_matched',
      subjectType: 'conversation',
      subjectId: found.conversationId,
      summary: {
        messageIds: found.messageIds,
        setIds: found.setIds,
        setNames,
        notified: people.map((p) => p.id),
        channelId: channel.id,
      },
      ip: null,
    });
    const emails: SafeguardingEmail[] = people.map((p) => ({
      to: p.email,
      subject: `Safeguarding: a message matched ${quoteList(setNames)}`,
      text: sentence,
    }));
    const after = AfterCommit.install(this.dataSource);
    if (this.mail.enabled && emails.length) await after.run(manager, () => this.mail.send(emails));
    await this.events.publishAfterCommit(this.dataSource, manager, organisationId, {
      type: 'conversation.updated',
      conversationId: found.conversationId,
      change: 'safeguarding',
      by: null,
    });
  }

  private async outOfHours(
    manager: EntityManager,
    channel: IngestedChannel,
    rows: readonly IngestedMessage[],
    triage: ReadonlyMap<string, ConversationTriage>,
    { officeHours: document, timeZone }: BatchSettings,
  ): Promise<string[]> {
    const now = this.now();
    const reply = outOfHoursReplyFor(document, timeZone, channel.id, now);
    if (!reply) return [];
    // Read after this batch's flags: a conversation flagged now or before is answered by a person.
    const conversations = new Map(
      (
        (await manager.query(
          `SELECT id, kind, safeguarding_flagged_at IS NOT NULL AS flagged FROM conversation WHERE id = ANY($1::uuid[])`,
          [[...new Set(rows.map((row) => row.conversation_id))]],
        )) as Array<{ id: string; kind: string; flagged: boolean }>
      ).map((row) => [row.id, row]),
    );
    const matched = new Set([...triage.values()].flatMap((t) => t.messageIds));
    const candidates: OutOfHoursCandidate[] = rows.map((row) => ({
      messageId: row.id,
      conversationId: row.conversation_id,
      contactId: row.author_contact_id,
      direction: 'in',
      writtenAt: new Date(row.created_at),
      safeguardingMatch: matched.has(row.id),
      conversationFlagged:
        !!conversations.get(row.conversation_id)?.flagged || triage.has(row.conversation_id),
    }));
    const choices = chooseOutOfHoursReplies(candidates, toSchedule(document, timeZone), now);
    if (!choices.length) return [];
    const maxCharacters = await this.maxCharacters(channel);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const input = choices.map((choice) => {
      const answered = byId.get(choice.messageId)!;
      const direct = conversations.get(answered.conversation_id)?.kind === 'direct';
      const messageId = randomUUID();
      return {
        contact_id: choice.contactId,
        closed_period_id: choice.closedPeriodId,
        message_id: messageId,
        answers_message_id: choice.messageId,
        conversation_id: choice.conversationId,
        body: outOfHoursText(reply, answered.language, maxCharacters, replyReference(messageId)),
        in_reply_to: direct ? null : answered.external_id,
        mode: direct ? 'direct' : 'public',
        recipient: direct ? answered.contact_external_id : null,
      };
    });
    // One statement for the batch: the (contact, closed period) keys first, in key order; a reply's rows only
    // where its key is new, so a contact already answered in this period (by an earlier batch, or by another
    // worker at this moment) gets nothing more.
    const inserted = (await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(contact_id uuid, closed_period_id text, message_id uuid,
                answers_message_id uuid, conversation_id uuid, body text, in_reply_to text, mode text, recipient text)
       ), claim AS (
         INSERT INTO out_of_hours_reply (contact_id, closed_period_id, organisation_id, message_id, answers_message_id)
         SELECT contact_id, closed_period_id, $2, message_id, answers_message_id FROM input
          ORDER BY contact_id, closed_period_id
         ON CONFLICT (contact_id, closed_period_id) DO NOTHING
         RETURNING message_id
       ), reply AS (
         INSERT INTO message (id, organisation_id, conversation_id, channel_id, direction, body,
                              in_reply_to_external_id, created_at, outbound_state)
         SELECT i.message_id, $2, i.conversation_id, $3, 'out', i.body, i.in_reply_to, now(), 'approved'
           FROM input i JOIN claim c ON c.message_id = i.message_id
         RETURNING id
       )
       INSERT INTO outbound_reply (message_id, organisation_id, conversation_id, mode, in_reply_to_external_id,
                                   recipient_external_id, author_id, automatic, approval_reason)
       SELECT i.message_id, $2, i.conversation_id, i.mode, i.in_reply_to, i.recipient, NULL, true, $4
         FROM input i JOIN reply r ON r.id = i.message_id
       RETURNING message_id`,
      [JSON.stringify(input), channel.organisation_id, channel.id, AUTOMATIC_REPLY_REASON],
    )) as Array<{ message_id: string }>;
    const queued = inserted.map((row) => row.message_id);
    // Screens hear of the batch from the ingestor's message.created; the sender reports each reply's progress.
    await this.sender.queueManyAfterCommit(manager, queued, 0);
    if (queued.length)
      this.logger.log(
        { orgId: channel.organisation_id, channelId: channel.id, count: queued.length },
        'Out-of-hours replies queued',
      );
    return queued;
  }

  /** The network's limit on a reply's length, or null when the adapter cannot say without a connection. */
  private async maxCharacters(channel: IngestedChannel): Promise<number | null> {
    try {
      return (await this.channels.adapterFor(channel).contentRules()).maxCharacters;
    } catch {
      return null;
    }
  }
}

function quoteList(names: readonly string[]): string {
  const quoted = names.map((n) => `“${n}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
