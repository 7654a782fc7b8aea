import { Injectable } from '@nestjs/common';
import { Citizen, CrowdDelivery, CrowdItemRef, CrowdPost, CrowdTarget } from '../../core/sandbox-network';
import { StatusRow } from './mastodon-entities';
import { MastodonError } from './mastodon-error';
import { MastodonProvisioningService } from './mastodon-provisioning.service';
import { MastodonRepository } from './mastodon.repository';
import { StatusDraft, MastodonStatusService } from './mastodon-status.service';

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
    await this.statuses.visibleStatus(postId, accountId);
    return this.one(accountId, { kind: 'reply', postId, citizen, text });
  }

  mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.one(accountId, { kind: 'mention', citizen, text });
  }

  directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.one(accountId, { kind: 'dm', citizen, text });
  }

  /**
   * Many items for one account in one transaction and a handful of statements. A reply whose post has been
   * deleted meanwhile is posted as a plain mention, as a citizen would when the thread is gone.
   */
  async deliverBatch(accountId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    if (items.length === 0) return [];
    const owner = (await this.repo.accountsByIds([accountId])).get(accountId);
    if (!owner) throw MastodonError.notFound();
    const citizenIds = await this.citizenAccounts(items.map((item) => item.citizen));
    const parents = await this.repo.statusesByIds([
      ...new Set(items.flatMap((item) => (item.kind === 'reply' ? [item.postId] : []))),
    ]);
    return this.repo.transaction(async (tx) => {
      const ids = await this.repo.nextIds(items.length, tx);
      await this.statuses.insertMany(
        items.map((item, i) => ({
          id: ids[i],
          draft: draftFor(item, owner.username, citizenIds.get(item.citizen.key) ?? '', parents),
        })),
        tx,
      );
      return ids.map((objectId) => ({ objectId }));
    });
  }

  private async one(accountId: string, item: CrowdDelivery): Promise<CrowdItemRef> {
    const [ref] = await this.deliverBatch(accountId, [item]);
    return ref;
  }

  /** The citizens' own accounts, created on first use (one query for those that exist already). */
  private async citizenAccounts(citizens: Citizen[]): Promise<Map<string, string>> {
    const unique = new Map(citizens.map((citizen) => [citizen.key, citizen]));
    const ids = await this.repo.accountIdsByCitizenKeys([...unique.keys()]);
    for (const [key, citizen] of unique) {
      if (!ids.has(key)) ids.set(key, await this.provisioning.citizenAccount(citizen));
    }
    return ids;
  }
}

/** Every crowd status starts with @account, as a Mastodon client writes replies, mentions and DMs. */
function draftFor(
  item: CrowdDelivery,
  ownerUsername: string,
  citizenId: string,
  parents: Map<string, StatusRow>,
): StatusDraft {
  return {
    accountId: citizenId,
    text: `@${ownerUsername} ${item.text}`,
    spoilerText: '',
    visibility: item.kind === 'dm' ? 'direct' : 'public',
    sensitive: false,
    language: item.citizen.language,
    inReplyTo: item.kind === 'reply' ? (parents.get(item.postId) ?? null) : null,
    mediaIds: [],
    applicationName: 'Web',
    idempotencyKey: null,
  };
}
