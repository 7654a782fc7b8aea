import { Injectable } from '@nestjs/common';
import { LedgerService } from '../../core/ledger.service';
import { X_NETWORK } from './x-gate.service';
import { nextSnowflake } from './x-ids';
import { dmConversationId } from './x-presenter';
import { forbidden, invalidRequest } from './x-problem';
import { XDmEventRow } from './x-rows';
import { MAX_DM_LENGTH } from './x-text';
import { XWebhookDeliveryService } from './x-webhook-delivery.service';
import { XRepository } from './x.repository';

export interface DmDraft {
  senderId: string;
  recipientId: string;
  text: string;
  mediaIds: string[];
  /** The app whose client sent it (shows as source_app_id in webhook events). */
  appId: string;
}

/** One-to-one direct messages: sending (recorded in the ledger for clients) and reading. */
@Injectable()
export class XDmService {
  constructor(
    private readonly repository: XRepository,
    private readonly ledger: LedgerService,
    private readonly webhooks: XWebhookDeliveryService,
  ) {}

  async send(draft: DmDraft, recordInLedger: boolean): Promise<XDmEventRow> {
    if (draft.senderId === draft.recipientId) {
      throw forbidden('You cannot send a Direct Message to yourself.');
    }
    const recipient = await this.repository.findUser(draft.recipientId);
    if (!recipient) {
      throw invalidRequest([
        {
          parameter: 'participant_id',
          value: draft.recipientId,
          message: `Could not find user with participant_id: [${draft.recipientId}].`,
        },
      ]);
    }
    if (Array.from(draft.text).length > MAX_DM_LENGTH) {
      throw invalidRequest([
        {
          parameter: '$.text',
          message: `$.text: a Direct Message may be at most ${MAX_DM_LENGTH} characters long.`,
        },
      ]);
    }
    const mediaKeys = await this.mediaKeys(draft.senderId, draft.mediaIds);
    const id = nextSnowflake();
    const conversationId = dmConversationId(draft.senderId, draft.recipientId);
    const row = await this.repository.db.transaction(async (tx) => {
      const inserted = await this.repository.insertDmEvent(
        {
          id,
          dm_conversation_id: conversationId,
          sender_id: draft.senderId,
          recipient_id: draft.recipientId,
          text: draft.text,
          media_keys: mediaKeys,
        },
        tx,
      );
      if (recordInLedger) {
        await this.ledger.record(
          {
            network: X_NETWORK,
            accountId: draft.senderId,
            kind: 'dm',
            objectId: id,
            content: draft.text,
            meta: {
              recipientId: draft.recipientId,
              dmConversationId: conversationId,
              ...(draft.mediaIds.length ? { mediaIds: draft.mediaIds } : {}),
            },
          },
          tx,
        );
      }
      return inserted;
    });
    this.webhooks.dmCreated(row, draft.appId);
    return row;
  }

  /** DM media must be the sender's, finalized, and uploaded for DMs (dm_* categories) or posts. */
  private async mediaKeys(senderId: string, mediaIds: string[]): Promise<string[]> {
    if (!mediaIds.length) return [];
    const rows = await this.repository.findMediaByIds(mediaIds);
    const ok =
      rows.length === mediaIds.length &&
      rows.every(
        (row) =>
          (String(row.owner_id) === senderId || row.additional_owners.map(String).includes(senderId)) &&
          row.state === 'finalized' &&
          (row.processing_state === null || row.processing_state === 'succeeded'),
      );
    if (!ok) {
      throw invalidRequest([
        { parameter: '$.attachments', value: mediaIds.join(','), message: 'Your media IDs are invalid.' },
      ]);
    }
    return rows.map((row) => row.media_key);
  }
}
