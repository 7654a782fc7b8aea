import { Injectable } from '@nestjs/common';
import { Citizen, CrowdDelivery, CrowdItemRef, CrowdPost, CrowdTarget } from '../../core/sandbox-network';
import { XAccountsService } from './x-accounts.service';
import { XCrowdBatchService } from './x-crowd-batch.service';
import { XDmService } from './x-dm.service';
import { XTweetsService } from './x-tweets.service';
import { XRepository } from './x.repository';

/** The app id X reports for posts and DMs written in its own web client. */
const X_WEB_APP_ID = '3033300';

/** How simulated citizens act on X: replies and mentions are posts by them, DMs are DMs to the account. */
@Injectable()
export class XCrowdTarget implements CrowdTarget {
  constructor(
    private readonly repository: XRepository,
    private readonly accounts: XAccountsService,
    private readonly tweets: XTweetsService,
    private readonly dms: XDmService,
    private readonly batch: XCrowdBatchService,
  ) {}

  /** Burst mode: many items for one account with batched inserts. */
  deliverBatch(accountId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    return this.batch.deliver(accountId, items);
  }

  async recentPosts(accountId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.repository.recentTweetsOf(accountId, limit);
    return rows.map((row) => ({ postId: String(row.id), text: row.text, createdAt: row.created_at }));
  }

  /** X puts the replied-to account's @handle at the start of a reply; so does the crowd. */
  async reply(accountId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [account, author] = await Promise.all([
      this.account(accountId),
      this.accounts.citizenUser(citizen),
    ]);
    const tweet = await this.tweets.createAsCitizen({
      authorId: String(author.id),
      text: `@${account.username} ${text}`,
      inReplyToTweetId: postId,
      lang: citizen.language,
    });
    return { objectId: String(tweet.id) };
  }

  async mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [account, author] = await Promise.all([
      this.account(accountId),
      this.accounts.citizenUser(citizen),
    ]);
    const tweet = await this.tweets.createAsCitizen({
      authorId: String(author.id),
      text: `@${account.username} ${text}`,
      lang: citizen.language,
    });
    return { objectId: String(tweet.id) };
  }

  async directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [account, sender] = await Promise.all([
      this.account(accountId),
      this.accounts.citizenUser(citizen),
    ]);
    const event = await this.dms.send(
      {
        senderId: String(sender.id),
        recipientId: String(account.id),
        text,
        mediaIds: [],
        appId: X_WEB_APP_ID,
      },
      false,
    );
    return { objectId: String(event.id) };
  }

  private async account(accountId: string) {
    const user = await this.repository.findUser(accountId);
    if (!user) throw new Error(`There is no X account ${accountId} in this sandbox.`);
    return user;
  }
}
