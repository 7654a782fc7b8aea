import { Injectable } from '@nestjs/common';
import { SandboxDb } from '../../../core/sandbox-db';
import { Citizen, CrowdDelivery, CrowdItemRef } from '../../../core/sandbox-network';
import { feedCommentEntry, igCommentEntry, inboundMessageEntry } from '../graph/webhook-entries';
import { metaIds } from '../meta-ids';
import { MetaAccountsRepository, MetaPage, MetaUser } from '../store/meta-accounts.repository';
import { MetaComment, MetaContentRepository } from '../store/meta-content.repository';
import { MetaInstagramRepository } from '../store/meta-instagram.repository';
import { MessagingPlatform, MetaMessage, MetaMessagingRepository } from '../store/meta-messaging.repository';
import { MetaWebhooksService } from './meta-webhooks.service';

/** Where one crowd item lands: a comment on an object, or a message to the page. */
type Plan =
  | { kind: 'comment'; objectId: string; citizen: Citizen; text: string }
  | { kind: 'dm'; citizen: Citizen; text: string };

/**
 * Crowd bursts (10,000 items a minute) with a handful of statements per batch instead of several per item:
 * citizens, comments, conversations and messages are inserted with `unnest`, and webhooks go out batched,
 * many entries per POST, as Meta batches them.
 */
@Injectable()
export class MetaCrowdBatchService {
  constructor(
    private readonly db: SandboxDb,
    private readonly accounts: MetaAccountsRepository,
    private readonly content: MetaContentRepository,
    private readonly instagram: MetaInstagramRepository,
    private readonly messaging: MetaMessagingRepository,
    private readonly webhooks: MetaWebhooksService,
  ) {}

  async deliver(
    network: 'facebook' | 'instagram',
    accountId: string,
    items: CrowdDelivery[],
  ): Promise<CrowdItemRef[]> {
    const { page, igUserId, username, latest } = await this.account(network, accountId);
    const existing = await this.content.existingObjects(
      items.flatMap((item) => (item.kind === 'reply' ? [item.postId] : [])),
    );
    // A reply to a post deleted meanwhile, and a mention, become a comment on the latest post; without posts, a message.
    const plans: Plan[] = items.map((item) => {
      if (item.kind === 'dm') return { kind: 'dm', citizen: item.citizen, text: item.text };
      const target = item.kind === 'reply' && existing.has(item.postId) ? item.postId : latest;
      if (!target) return { kind: 'dm', citizen: item.citizen, text: item.text };
      const name = network === 'instagram' ? `@${username}` : page.name;
      const text = item.kind === 'mention' && !item.text.includes(name) ? `${name} ${item.text}` : item.text;
      return { kind: 'comment', objectId: target, citizen: item.citizen, text };
    });
    const people = await this.people(plans.map((plan) => plan.citizen));
    const platform: MessagingPlatform = network === 'instagram' ? 'instagram' : 'messenger';

    const { comments, messages } = await this.db.transaction(async (tx) => {
      const commentRows = plans.flatMap((plan) => {
        if (plan.kind !== 'comment') return [];
        const person = people.get(plan.citizen.key)!;
        const instagram = network === 'instagram';
        return [
          {
            id: instagram ? metaIds.instagram('comment') : metaIds.comment(plan.objectId),
            network,
            object_id: plan.objectId,
            parent_id: null,
            page_id: page.id,
            author_id: instagram ? (person.ig_id ?? person.id) : person.id,
            author_name: person.name,
            author_username: instagram ? person.ig_username : null,
            message: plan.text,
          },
        ];
      });
      const inserted = await this.content.insertComments(commentRows, tx);
      const dmPlans = plans.filter((plan) => plan.kind === 'dm');
      const conversations = await this.messaging.conversationsWith(
        page.id,
        platform,
        dmPlans.map((plan) => people.get(plan.citizen.key)!.id),
        tx,
      );
      const sent = await this.messaging.insertInboundMessages(
        dmPlans.map((plan) => ({
          conversationId: conversations.get(people.get(plan.citizen.key)!.id)!.id,
          text: plan.text,
        })),
        tx,
      );
      return { comments: inserted, messages: sent };
    });

    this.emitWebhooks(network, page, igUserId, plans, people, comments, messages);
    let nextComment = 0;
    let nextMessage = 0;
    return plans.map((plan) => ({
      objectId: plan.kind === 'comment' ? comments[nextComment++].id : messages[nextMessage++].id,
    }));
  }

  private emitWebhooks(
    network: 'facebook' | 'instagram',
    page: MetaPage,
    igUserId: string | null,
    plans: Plan[],
    people: Map<string, MetaUser>,
    comments: MetaComment[],
    messages: MetaMessage[],
  ): void {
    const dmPeople = plans.filter((plan) => plan.kind === 'dm').map((plan) => people.get(plan.citizen.key)!);
    if (network === 'instagram' && igUserId) {
      this.webhooks.emitMany(
        page.id,
        'instagram',
        'comments',
        comments.map((c) =>
          igCommentEntry(igUserId, c, { id: c.author_id, username: c.author_username ?? c.author_name }),
        ),
      );
      this.webhooks.emitMany(
        page.id,
        'instagram',
        'messages',
        messages.map((m, i) => inboundMessageEntry(igUserId, dmPeople[i].ig_id ?? dmPeople[i].id, m)),
      );
      return;
    }
    this.webhooks.emitMany(
      page.id,
      'page',
      'feed',
      comments.map((c) => feedCommentEntry(page.id, c, { id: c.author_id, name: c.author_name })),
    );
    this.webhooks.emitMany(
      page.id,
      'page',
      'messages',
      messages.map((m, i) => inboundMessageEntry(page.id, dmPeople[i].id, m)),
    );
  }

  private async account(
    network: 'facebook' | 'instagram',
    accountId: string,
  ): Promise<{ page: MetaPage; igUserId: string | null; username: string; latest?: string }> {
    if (network === 'facebook') {
      const page = await this.accounts.findPage(accountId);
      if (!page) throw new Error(`No Facebook page ${accountId} in the sandbox`);
      const [latest] = await this.content.listPosts(page.id, 'feed', { limit: 1 });
      return { page, igUserId: null, username: page.username, latest: latest?.id };
    }
    const igUser = await this.accounts.findIgUser(accountId);
    const page = igUser ? await this.accounts.findPage(igUser.page_id) : undefined;
    if (!igUser || !page) throw new Error(`No Instagram account ${accountId} in the sandbox`);
    const [latest] = await this.instagram.listMedia(igUser.id, { limit: 1 });
    return { page, igUserId: igUser.id, username: igUser.username, latest: latest?.id };
  }

  private people(citizens: Citizen[]): Promise<Map<string, MetaUser>> {
    const unique = new Map(citizens.map((citizen) => [citizen.key, citizen]));
    return this.accounts.ensureCitizens(
      [...unique.values()].map((citizen) => ({
        id: metaIds.numeric(),
        name: citizen.displayName,
        key: citizen.key,
        igId: metaIds.instagram('user'),
        igUsername: citizen.handle,
      })),
    );
  }
}
