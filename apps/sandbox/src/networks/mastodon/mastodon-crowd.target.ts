import { Injectable } from '@nestjs/common';
import { Citizen, CrowdItemRef, CrowdPost, CrowdTarget } from '../../core/sandbox-network';
import { Visibility } from './mastodon-entities';
import { MastodonProvisioningService } from './mastodon-provisioning.service';
import { MastodonRepository } from './mastodon.repository';
import { MastodonStatusService } from './mastodon-status.service';

/**
 * The crowd on Mastodon: citizens reply, mention and write direct statuses exactly as a Mastodon user would,
 * through the same insert path as the API, so the account sees mention notifications and conversations.
 * Crowd items are not ledger entries (the core logs them).
 */
@Injectable()
export class MastodonCrowdTarget implements CrowdTarget {
  constructor(
    private readonly repo: MastodonRepository,
    private readonly statuses: MastodonStatusService,
    private readonly provisioning: MastodonProvisioningService,
  ) {}

  async recentPosts(accountId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.repo.recentStatuses(accountId, limit);
    return rows.map((row) => ({ postId: row.id, text: row.text, createdAt: row.created_at }));
  }

  async reply(accountId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const parent = await this.statuses.visibleStatus(postId, accountId);
    return this.post(accountId, citizen, text, 'public', parent.id);
  }

  async mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.post(accountId, citizen, text, 'public', null);
  }

  async directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.post(accountId, citizen, text, 'direct', null);
  }

  /** Every crowd status starts with @account, as a Mastodon client writes replies, mentions and DMs. */
  private async post(
    accountId: string,
    citizen: Citizen,
    text: string,
    visibility: Visibility,
    inReplyToId: string | null,
  ) {
    const account = (await this.repo.accountsByIds([accountId])).get(accountId);
    if (!account) throw new Error(`No Mastodon account ${accountId} in the sandbox`);
    const citizenId = await this.provisioning.citizenAccount(citizen);
    const inReplyTo = inReplyToId ? await this.repo.statusById(inReplyToId) : null;
    const body = `@${account.username} ${text}`;
    const id = await this.repo.transaction(async (tx) => {
      const statusId = await this.repo.nextId(tx);
      await this.statuses.insert(
        {
          accountId: citizenId,
          text: body,
          spoilerText: '',
          visibility,
          sensitive: false,
          language: citizen.language,
          inReplyTo,
          mediaIds: [],
          applicationName: 'Web',
          idempotencyKey: null,
        },
        statusId,
        tx,
      );
      return statusId;
    });
    return { objectId: id };
  }
}
