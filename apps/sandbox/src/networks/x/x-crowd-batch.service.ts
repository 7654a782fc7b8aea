import { Injectable } from '@nestjs/common';
import { Citizen, CrowdDelivery, CrowdItemRef } from '../../core/sandbox-network';
import { XAccountsService } from './x-accounts.service';
import { BatchCitizen, BatchDm, BatchTweet, XCrowdBatchRepository } from './x-crowd-batch.repository';
import { nextSnowflake } from './x-ids';
import { dmConversationId } from './x-presenter';
import { XUserRow } from './x-rows';
import { composeText, MAX_WEIGHTED_LENGTH, weightedLength } from './x-text';
import { XWebhookDeliveryService } from './x-webhook-delivery.service';
import { XRepository } from './x.repository';

const X_WEB_APP_ID = '3033300';

/**
 * Burst mode for the crowd: the same items XCrowdTarget creates one by one (replies and mentions as posts by
 * the citizen, DMs to the account), written with a handful of statements per batch.
 */
@Injectable()
export class XCrowdBatchService {
  constructor(
    private readonly repository: XRepository,
    private readonly batch: XCrowdBatchRepository,
    private readonly accounts: XAccountsService,
    private readonly webhooks: XWebhookDeliveryService,
  ) {}

  async deliver(accountId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    const account = await this.repository.findUser(accountId);
    if (!account) throw new Error(`There is no X account ${accountId} in this sandbox.`);
    const citizens = await this.citizenUsers(items.map((item) => item.citizen));
    const parentIds = [...new Set(items.flatMap((item) => (item.kind === 'reply' ? [item.postId] : [])))];
    const parents = new Map(
      (await this.repository.findTweets(parentIds)).map((row) => [String(row.id), row]),
    );

    const tweets: BatchTweet[] = [];
    const dms: BatchDm[] = [];
    const refs: CrowdItemRef[] = [];
    const mentionedNames = new Set<string>();
    const composed = items.map((item) => {
      if (item.kind === 'dm') return undefined;
      const text = fitToLimit(`@${account.username} ${item.text}`);
      const result = composeText(text);
      for (const mention of result.mentions) mentionedNames.add(mention.username.toLowerCase());
      return { source: text, result };
    });
    const mentioned = await this.repository.findUsersByUsernames([...mentionedNames]);
    const idByName = new Map(mentioned.map((user) => [user.username.toLowerCase(), String(user.id)]));

    items.forEach((item, index) => {
      const author = citizens.get(item.citizen.key) as XUserRow;
      const id = nextSnowflake();
      refs.push({ objectId: id });
      if (item.kind === 'dm') {
        dms.push({
          id,
          dm_conversation_id: dmConversationId(String(author.id), accountId),
          sender_id: String(author.id),
          recipient_id: accountId,
          text: item.text,
        });
        return;
      }
      const { source, result } = composed[index]!;
      const parent = item.kind === 'reply' ? parents.get(item.postId) : undefined;
      if (item.kind === 'reply' && !parent) {
        throw new Error(`Post ${item.postId} does not exist or was deleted: the crowd cannot reply to it.`);
      }
      const mentions = result.mentions.map((mention) => {
        const mentionedId = idByName.get(mention.username.toLowerCase());
        return mentionedId ? { ...mention, id: mentionedId } : mention;
      });
      tweets.push({
        id,
        author_id: String(author.id),
        text: result.text,
        source_text: source,
        conversation_id: parent ? String(parent.conversation_id) : id,
        in_reply_to_tweet_id: parent ? String(parent.id) : null,
        in_reply_to_user_id: parent ? String(parent.author_id) : null,
        mentions,
        hashtags: result.hashtags,
        urls: result.urls,
        mentioned_user_ids: [...new Set(mentions.flatMap((m) => (m.id ? [m.id] : [])))],
        lang: item.citizen.language,
      });
    });

    const [tweetRows, dmRows] = await Promise.all([
      this.batch.insertTweets(tweets),
      this.batch.insertDms(dms),
    ]);
    const involved = [accountId, ...[...citizens.values()].map((user) => String(user.id))];
    if (await this.batch.anySubscription(involved)) {
      for (const row of tweetRows) this.webhooks.tweetCreated(row);
      for (const row of dmRows) this.webhooks.dmCreated(row, X_WEB_APP_ID);
    }
    return refs;
  }

  /** The citizens' accounts, creating the missing ones in one statement (rare clashes one by one). */
  private async citizenUsers(citizens: Citizen[]): Promise<Map<string, XUserRow>> {
    const unique = new Map(citizens.map((citizen) => [citizen.key, citizen]));
    const found = new Map(
      (await this.batch.citizensByKeys([...unique.keys()])).map((u) => [u.citizen_key!, u]),
    );
    const missing: BatchCitizen[] = [...unique.values()]
      .filter((citizen) => !found.has(citizen.key))
      .map((citizen) => ({
        id: nextSnowflake(),
        username: citizen.handle.slice(0, 15),
        name: citizen.displayName,
        citizen_key: citizen.key,
        language: citizen.language,
      }));
    if (missing.length) {
      await this.batch.insertCitizens(missing);
      const created = await this.batch.citizensByKeys(missing.map((citizen) => citizen.citizen_key));
      for (const user of created) found.set(user.citizen_key!, user);
      for (const citizen of unique.values()) {
        if (!found.has(citizen.key)) found.set(citizen.key, await this.accounts.citizenUser(citizen));
      }
    }
    return found;
  }
}

/** A citizen's message longer than X allows is cut, as they would have had to cut it themselves. */
function fitToLimit(text: string): string {
  if (weightedLength(text) <= MAX_WEIGHTED_LENGTH) return text;
  const chars = Array.from(text);
  while (chars.length && weightedLength(`${chars.join('')}…`) > MAX_WEIGHTED_LENGTH) chars.pop();
  return `${chars.join('')}…`;
}
