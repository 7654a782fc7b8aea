import { Injectable } from '@nestjs/common';
import type { Citizen, CrowdItemRef, CrowdPost, CrowdTarget } from '../../core/sandbox-network';
import { BlueskyAccountsService } from './bluesky-accounts.service';
import { BlueskyRepository, POST_COLLECTION } from './bluesky.repository';
import { BlueskyRecordsService, atUri } from './bluesky-records.service';
import { invalidRequest } from './xrpc/xrpc-error';

const MAX_GRAPHEMES = 300;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Keeps post text within the lexicon's 300 graphemes, ending with an ellipsis when cut. */
function fitToPost(text: string, budget = MAX_GRAPHEMES): string {
  const graphemes = [...segmenter.segment(text)].map((s) => s.segment);
  if (graphemes.length <= budget) return text;
  return `${graphemes.slice(0, budget - 1).join('')}…`;
}

/**
 * How the crowd reaches Bluesky: citizens get their own accounts and create real app.bsky.feed.post records
 * (replies with root/parent refs, mentions with a byte-offset facet), so they appear in notifications,
 * threads and feeds exactly as a person's would. Bluesky's DMs are a separate chat service the sandbox does
 * not run, so a direct message arrives as a mention.
 */
@Injectable()
export class BlueskyCrowd implements CrowdTarget {
  constructor(
    private readonly accounts: BlueskyAccountsService,
    private readonly repo: BlueskyRepository,
    private readonly records: BlueskyRecordsService,
  ) {}

  async recentPosts(accountId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.repo.authorPosts(accountId, { limit, filter: 'posts_no_replies' });
    return rows.map((row) => ({
      postId: atUri(row.did, row.collection, row.rkey),
      text: typeof row.value.text === 'string' ? row.value.text : undefined,
      createdAt: row.indexed_at,
    }));
  }

  async reply(_accountId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [parent] = await this.repo.postsByUris([postId]);
    if (!parent) throw invalidRequest(`Post not found: ${postId}`, 'NotFound');
    const parentRef = { uri: postId, cid: parent.cid };
    const rootRef = parent.reply_root
      ? { uri: parent.reply_root, cid: String((parent.value.reply as { root: { cid: string } }).root.cid) }
      : parentRef;
    return this.post(citizen, { text: fitToPost(text), reply: { root: rootRef, parent: parentRef } });
  }

  async mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const target = await this.repo.accountByDid(accountId);
    if (!target) throw invalidRequest(`Could not find repo: ${accountId}`);
    const tag = `@${target.handle}`;
    const body = `${tag} ${fitToPost(text, MAX_GRAPHEMES - [...segmenter.segment(tag)].length - 1)}`;
    return this.post(citizen, {
      text: body,
      facets: [
        {
          index: { byteStart: 0, byteEnd: Buffer.byteLength(tag, 'utf8') },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: target.did }],
        },
      ],
    });
  }

  directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.mention(accountId, citizen, text);
  }

  private async post(citizen: Citizen, fields: Record<string, unknown>): Promise<CrowdItemRef> {
    const author = await this.accounts.citizenAccount(citizen);
    const out = await this.records.createRecord(
      author.did,
      {
        repo: author.did,
        collection: POST_COLLECTION,
        record: {
          $type: POST_COLLECTION,
          ...(fields as Record<string, never>),
          langs: [citizen.language],
          createdAt: new Date().toISOString(),
        },
      },
      { ledger: false },
    );
    return { objectId: out.uri };
  }
}
