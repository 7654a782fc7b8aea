import { Injectable } from '@nestjs/common';
import { Citizen, CrowdDelivery, CrowdItemRef, CrowdPost, CrowdTarget } from '../../../core/sandbox-network';
import { MetaAccountsRepository, MetaIgUser, MetaPage } from '../store/meta-accounts.repository';
import { MetaContentRepository } from '../store/meta-content.repository';
import { MetaInstagramRepository } from '../store/meta-instagram.repository';
import { CommentsService } from './comments.service';
import { MessengerService } from './messenger.service';
import { MetaCrowdBatchService } from './meta-crowd-batch.service';
import { MetaProvisioningService } from './meta-provisioning.service';

/** How citizens reach a Facebook page: comments on its posts, and Messenger. */
@Injectable()
export class FacebookCrowdTarget implements CrowdTarget {
  constructor(
    private readonly accounts: MetaAccountsRepository,
    private readonly content: MetaContentRepository,
    private readonly comments: CommentsService,
    private readonly messenger: MessengerService,
    private readonly people: MetaProvisioningService,
    private readonly batch: MetaCrowdBatchService,
  ) {}

  deliverBatch(pageId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    return this.batch.deliver('facebook', pageId, items);
  }

  async recentPosts(pageId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.content.listPosts(pageId, 'feed', { limit });
    return rows
      .slice(0, limit)
      .map((row) => ({ postId: row.id, text: row.message ?? undefined, createdAt: row.created_at }));
  }

  async reply(pageId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const page = await this.page(pageId);
    const person = await this.people.citizen(citizen);
    const post = await this.content.findPost(postId);
    const comment = post ? undefined : await this.content.findComment(postId);
    if ((!post || post.page_id !== page.id) && !comment)
      throw new Error(`Post ${postId} is not a post of page ${pageId}`);
    const target = post ? { post } : { comment: comment! };
    const created = await this.comments.addFacebookComment(
      page,
      target,
      { id: person.id, name: person.name },
      text,
      false,
    );
    return { objectId: created.id };
  }

  /** A mention of a page is a comment naming it on its latest post (or a message if it has not posted). */
  async mention(pageId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const page = await this.page(pageId);
    const [latest] = await this.recentPosts(pageId, 1);
    if (!latest) return this.directMessage(pageId, citizen, text);
    const mentioned = text.includes(page.name) ? text : `${page.name} ${text}`;
    return this.reply(pageId, latest.postId, citizen, mentioned);
  }

  async directMessage(pageId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const page = await this.page(pageId);
    const person = await this.people.citizen(citizen);
    const message = await this.messenger.receive(page, 'messenger', person, text);
    return { objectId: message.id };
  }

  private async page(pageId: string): Promise<MetaPage> {
    const page = await this.accounts.findPage(pageId);
    if (!page) throw new Error(`No Facebook page ${pageId} in the sandbox`);
    return page;
  }
}

/** How citizens reach an Instagram account: comments on its media, and Instagram Direct. */
@Injectable()
export class InstagramCrowdTarget implements CrowdTarget {
  constructor(
    private readonly accounts: MetaAccountsRepository,
    private readonly instagram: MetaInstagramRepository,
    private readonly content: MetaContentRepository,
    private readonly comments: CommentsService,
    private readonly messenger: MessengerService,
    private readonly people: MetaProvisioningService,
    private readonly batch: MetaCrowdBatchService,
  ) {}

  deliverBatch(igUserId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    return this.batch.deliver('instagram', igUserId, items);
  }

  async recentPosts(igUserId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.instagram.listMedia(igUserId, { limit });
    return rows
      .slice(0, limit)
      .map((row) => ({ postId: row.id, text: row.caption ?? undefined, createdAt: row.created_at }));
  }

  async reply(igUserId: string, mediaId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const { page, igUser } = await this.account(igUserId);
    const person = await this.people.citizen(citizen);
    const media = await this.instagram.findMedia(mediaId);
    const comment = media ? undefined : await this.content.findComment(mediaId);
    if ((!media || media.ig_user_id !== igUserId) && !comment)
      throw new Error(`Media ${mediaId} is not media of ${igUserId}`);
    const target = media ? { media } : { comment: comment! };
    const author = {
      id: person.ig_id ?? person.id,
      name: person.name,
      username: person.ig_username ?? undefined,
    };
    const created = await this.comments.addInstagramComment(page, igUser, target, author, text, false);
    return { objectId: created.id };
  }

  async mention(igUserId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const { igUser } = await this.account(igUserId);
    const [latest] = await this.recentPosts(igUserId, 1);
    if (!latest) return this.directMessage(igUserId, citizen, text);
    const mentioned = text.includes(`@${igUser.username}`) ? text : `@${igUser.username} ${text}`;
    return this.reply(igUserId, latest.postId, citizen, mentioned);
  }

  async directMessage(igUserId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const { page } = await this.account(igUserId);
    const person = await this.people.citizen(citizen);
    const message = await this.messenger.receive(page, 'instagram', person, text);
    return { objectId: message.id };
  }

  private async account(igUserId: string): Promise<{ page: MetaPage; igUser: MetaIgUser }> {
    const igUser = await this.accounts.findIgUser(igUserId);
    const page = igUser ? await this.accounts.findPage(igUser.page_id) : undefined;
    if (!igUser || !page) throw new Error(`No Instagram account ${igUserId} in the sandbox`);
    return { page, igUser };
  }
}
