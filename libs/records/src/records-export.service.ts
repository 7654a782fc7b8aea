import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@outside-in/common';
import { AuditActor, AuditService, Contact, Conversation, Organisation } from '@outside-in/database';
import { networkName } from './legal-holds.service';

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportPerson {
  id: string;
  network: string;
  handle: string;
  displayName: string;
  profileUrl: string | null;
}

export interface ExportConversation {
  id: string;
  kind: string;
  status: string;
  channel: { id: string; network: string; networkName: string; handle: string; displayName: string };
  contact: ExportPerson | null;
  firstMessageAt: Date;
  lastMessageAt: Date;
  tags: string[];
}

export interface ExportMessage {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  /** The person who wrote it, or null for the organisation's own messages. */
  author: ExportPerson | null;
  body: string;
  /** When it was written, by the network's clock. */
  createdAt: Date;
  /** When Outside In stored it. */
  receivedAt: Date;
  channel: { network: string; networkName: string; handle: string };
  outboundState: string | null;
  externalId: string | null;
  url: string | null;
  inReplyToExternalId: string | null;
  language: string | null;
}

export interface ExportNote {
  id: string;
  conversationId: string;
  author: string;
  body: string;
  createdAt: Date;
}

export interface ExportAuditEvent {
  seq: string;
  createdAt: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: Record<string, unknown>;
}

/** Everything held about one conversation or one contact, for an FOI or subject-access request. */
export interface RecordsExport {
  scope: 'conversation' | 'contact';
  subjectId: string;
  /** A short title in words: "Conversation with @sam on Mastodon". */
  title: string;
  organisation: { id: string; name: string; timeZone: string };
  exportedAt: Date;
  exportedBy: string;
  format: ExportFormat;
  contact: ExportPerson | null;
  conversations: ExportConversation[];
  messages: ExportMessage[];
  notes: ExportNote[];
  auditEvents: ExportAuditEvent[];
}

interface Scope {
  conversationIds: string[];
  /** For a contact: their own messages in conversations someone else started. */
  extraMessageConversationIds: string[];
  contact: ExportPerson | null;
}

/**
 * Gathers a complete record for an FOI or subject-access request, and audits that it was taken.
 *
 * A conversation's export has every message in it (ours and the public's), every internal note and every audit
 * event about the conversation, its messages and its notes. A contact's export has every conversation they
 * started (with the same), plus the messages they wrote in conversations others started; not other people's
 * messages there, which are not theirs to receive.
 */
@Injectable()
export class RecordsExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async exportConversation(
    organisationId: string,
    conversationId: string,
    format: ExportFormat,
    actor: AuditActor,
    ip: string | null,
  ): Promise<RecordsExport> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await manager
        .getRepository(Conversation)
        .findOneBy({ id: conversationId, organisationId });
      if (!conversation) {
        throw new NotFoundError(
          'There is no such conversation in this organisation. Check the conversation id.',
        );
      }
      const contact = conversation.contactId
        ? await manager.getRepository(Contact).findOneBy({ id: conversation.contactId })
        : null;
      return this.build(manager, organisationId, 'conversation', conversationId, format, actor, ip, {
        conversationIds: [conversationId],
        extraMessageConversationIds: [],
        contact: contact ? person(contact) : null,
      });
    });
  }

  async exportContact(
    organisationId: string,
    contactId: string,
    format: ExportFormat,
    actor: AuditActor,
    ip: string | null,
  ): Promise<RecordsExport> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await manager.getRepository(Contact).findOneBy({ id: contactId, organisationId });
      if (!contact) {
        throw new NotFoundError(
          'There is no such contact in this organisation. Search for the contact again.',
        );
      }
      const started: Array<{ id: string }> = await manager.query(
        `SELECT id FROM conversation WHERE organisation_id = $1 AND contact_id = $2 ORDER BY first_message_at, id`,
        [organisationId, contactId],
      );
      const elsewhere: Array<{ conversation_id: string }> = await manager.query(
        `SELECT DISTINCT m.conversation_id FROM message m JOIN conversation c ON c.id = m.conversation_id
          WHERE m.organisation_id = $1 AND m.author_contact_id = $2
            AND c.contact_id IS DISTINCT FROM $2`,
        [organisationId, contactId],
      );
      return this.build(manager, organisationId, 'contact', contactId, format, actor, ip, {
        conversationIds: started.map((r) => r.id),
        extraMessageConversationIds: elsewhere.map((r) => r.conversation_id),
        contact: person(contact),
      });
    });
  }

  private async build(
    manager: EntityManager,
    organisationId: string,
    scope: 'conversation' | 'contact',
    subjectId: string,
    format: ExportFormat,
    actor: AuditActor,
    ip: string | null,
    { conversationIds, extraMessageConversationIds, contact }: Scope,
  ): Promise<RecordsExport> {
    const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
    const conversations = await this.conversations(manager, [
      ...conversationIds,
      ...extraMessageConversationIds,
    ]);
    const messages = await this.messages(
      manager,
      organisationId,
      conversationIds,
      extraMessageConversationIds,
      subjectId,
    );
    const notes = await this.notes(manager, organisationId, conversationIds);
    const ids = [subjectId, ...conversationIds, ...messages.map((m) => m.id), ...notes.map((n) => n.id)];
    const auditEvents = await this.auditEvents(manager, organisationId, ids);

    await this.audit.record(manager, {
      organisationId,
      actor,
      action: 'records.exported',
      subjectType: scope,
      subjectId,
      summary: {
        format,
        conversations: conversations.length,
        messages: messages.length,
        notes: notes.length,
        auditEvents: auditEvents.length,
      },
      ip,
    });

    const first = conversations.find((c) => c.id === subjectId);
    const title =
      scope === 'contact' && contact
        ? `Everything held about ${contact.handle} on ${networkName(contact.network)}`
        : `Conversation${first?.contact ? ` with ${first.contact.handle}` : ''} on ${networkName(first?.channel.network ?? '')} (${first?.channel.handle ?? ''})`;
    return {
      scope,
      subjectId,
      title,
      organisation: { id: organisation.id, name: organisation.name, timeZone: organisation.timeZone },
      exportedAt: new Date(),
      exportedBy: actor.label,
      format,
      contact,
      conversations,
      messages,
      notes,
      auditEvents,
    };
  }

  private async conversations(manager: EntityManager, ids: string[]): Promise<ExportConversation[]> {
    if (!ids.length) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT c.id, c.kind, c.status, c.first_message_at, c.last_message_at, c.tags,
              ch.id AS channel_id, ch.network, ch.handle AS channel_handle, ch.display_name AS channel_name,
              ct.id AS contact_id, ct.network AS contact_network, ct.handle AS contact_handle,
              ct.display_name AS contact_name, ct.profile_url AS contact_url
         FROM conversation c JOIN channel ch ON ch.id = c.channel_id
         LEFT JOIN contact ct ON ct.id = c.contact_id
        WHERE c.id = ANY($1)
        ORDER BY c.first_message_at, c.id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as string,
      status: r.status as string,
      channel: {
        id: r.channel_id as string,
        network: r.network as string,
        networkName: networkName(r.network as string),
        handle: r.channel_handle as string,
        displayName: r.channel_name as string,
      },
      contact: r.contact_id
        ? {
            id: r.contact_id as string,
            network: r.contact_network as string,
            handle: r.contact_handle as string,
            displayName: r.contact_name as string,
            profileUrl: (r.contact_url as string | null) ?? null,
          }
        : null,
      firstMessageAt: r.first_message_at as Date,
      lastMessageAt: r.last_message_at as Date,
      tags: (r.tags as string[]) ?? [],
    }));
  }

  private async messages(
    manager: EntityManager,
    organisationId: string,
    wholeConversationIds: string[],
    ownMessagesConversationIds: string[],
    contactId: string,
  ): Promise<ExportMessage[]> {
    if (!wholeConversationIds.length && !ownMessagesConversationIds.length) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT m.id, m.conversation_id, m.direction, m.body, m.created_at, m.received_at, m.outbound_state,
              m.external_id, m.url, m.in_reply_to_external_id, m.language,
              ch.network, ch.handle AS channel_handle,
              ct.id AS author_id, ct.network AS author_network, ct.handle AS author_handle,
              ct.display_name AS author_name, ct.profile_url AS author_url
         FROM message m JOIN channel ch ON ch.id = m.channel_id
         LEFT JOIN contact ct ON ct.id = m.author_contact_id
        WHERE m.organisation_id = $1
          AND (m.conversation_id = ANY($2) OR (m.conversation_id = ANY($3) AND m.author_contact_id = $4))
        ORDER BY m.created_at, m.id`,
      [organisationId, wholeConversationIds, ownMessagesConversationIds, contactId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      conversationId: r.conversation_id as string,
      direction: r.direction as 'in' | 'out',
      author: r.author_id
        ? {
            id: r.author_id as string,
            network: r.author_network as string,
            handle: r.author_handle as string,
            displayName: r.author_name as string,
            profileUrl: (r.author_url as string | null) ?? null,
          }
        : null,
      body: r.body as string,
      createdAt: r.created_at as Date,
      receivedAt: r.received_at as Date,
      channel: {
        network: r.network as string,
        networkName: networkName(r.network as string),
        handle: r.channel_handle as string,
      },
      outboundState: (r.outbound_state as string | null) ?? null,
      externalId: (r.external_id as string | null) ?? null,
      url: (r.url as string | null) ?? null,
      inReplyToExternalId: (r.in_reply_to_external_id as string | null) ?? null,
      language: (r.language as string | null) ?? null,
    }));
  }

  private async notes(
    manager: EntityManager,
    organisationId: string,
    conversationIds: string[],
  ): Promise<ExportNote[]> {
    if (!conversationIds.length) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT n.id, n.conversation_id, n.body, n.created_at, u.name AS author_name, u.email AS author_email
         FROM inbox_note n LEFT JOIN app_user u ON u.id = n.author_id
        WHERE n.organisation_id = $1 AND n.conversation_id = ANY($2)
        ORDER BY n.created_at, n.id`,
      [organisationId, conversationIds],
    );
    return rows.map((r) => ({
      id: r.id as string,
      conversationId: r.conversation_id as string,
      author: r.author_name ? `${r.author_name as string} <${r.author_email as string}>` : 'A former member',
      body: r.body as string,
      createdAt: r.created_at as Date,
    }));
  }

  /** Events whose subject is one of the ids (conversations, messages, notes, the contact). */
  private async auditEvents(
    manager: EntityManager,
    organisationId: string,
    ids: string[],
  ): Promise<ExportAuditEvent[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT seq, created_at, actor_label, action, subject_type, subject_id, summary
         FROM audit_event
        WHERE organisation_id = $1 AND subject_id = ANY($2)
        ORDER BY seq`,
      [organisationId, ids],
    );
    return rows.map((r) => ({
      seq: String(r.seq),
      createdAt: r.created_at as Date,
      actor: r.actor_label as string,
      action: r.action as string,
      subjectType: r.subject_type as string,
      subjectId: (r.subject_id as string | null) ?? null,
      summary: (r.summary as Record<string, unknown>) ?? {},
    }));
  }
}

function person(contact: Contact): ExportPerson {
  return {
    id: contact.id,
    network: contact.network,
    handle: contact.handle,
    displayName: contact.displayName,
    profileUrl: contact.profileUrl,
  };
}

export interface ContactMatch extends ExportPerson {
  conversations: number;
  messages: number;
}

/** Contacts whose handle or name contains the words typed, for the Exports page. */
@Injectable()
export class RecordsLookupService {
  constructor(private readonly dataSource: DataSource) {}

  async findContacts(organisationId: string, query: string): Promise<ContactMatch[]> {
    const words = query.trim().replace(/^@/, '');
    if (!words) return [];
    const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ct.id, ct.network, ct.handle, ct.display_name, ct.profile_url,
              (SELECT count(*) FROM conversation c WHERE c.contact_id = ct.id)::int AS conversations,
              (SELECT count(*) FROM message m WHERE m.author_contact_id = ct.id)::int AS messages
         FROM contact ct
        WHERE ct.organisation_id = $1 AND (ct.handle ILIKE $2 OR ct.display_name ILIKE $2)
        ORDER BY (lower(ct.handle) = lower($3) OR lower(ct.handle) = lower('@' || $3)) DESC, ct.handle, ct.id
        LIMIT 20`,
      [organisationId, pattern, words],
    );
    return rows.map((r) => ({
      id: r.id as string,
      network: r.network as string,
      handle: r.handle as string,
      displayName: r.display_name as string,
      profileUrl: (r.profile_url as string | null) ?? null,
      conversations: r.conversations as number,
      messages: r.messages as number,
    }));
  }
}
