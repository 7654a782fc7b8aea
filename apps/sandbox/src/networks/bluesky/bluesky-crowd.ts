import { Injectable } from '@nestjs/common';
import { jsonToLex, lexicons } from '@atproto/api';
import { SandboxDb } from '../../core/sandbox-db';
import type {
  Citizen,
  CrowdDelivery,
  CrowdItemRef,
  CrowdPost,
  CrowdTarget,
} from '../../core/sandbox-network';
import { BlueskyAccountsService } from './bluesky-accounts.service';
import { AccountRow, BlueskyRepository, NewRecord, POST_COLLECTION, RecordRow } from './bluesky.repository';
import { atUri } from './bluesky-records.service';
import { cidForRecord, JsonValue } from './ids/cid';
import { nextCommit } from './ids/repo-commit';
import { TidClock } from './ids/tid';
import { ReplyRefs, postNotifications } from './post-derivations';
import { invalidRequest } from './xrpc/xrpc-error';

type JsonObject = { [key: string]: JsonValue };

const MAX_GRAPHEMES = 300;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemeCount = (text: string): number => [...segmenter.segment(text)].length;

/** Keeps post text within the lexicon's 300 graphemes, ending with an ellipsis when cut. */
function fitToPost(text: string, budget = MAX_GRAPHEMES): string {
  const graphemes = [...segmenter.segment(text)].map((s) => s.segment);
  if (graphemes.length <= budget) return text;
  return `${graphemes.slice(0, budget - 1).join('')}…`;
}

interface PlannedPost {
  author: AccountRow;
  row: NewRecord;
  reply?: ReplyRefs;
}

/**
 * How the crowd reaches Bluesky: citizens get their own accounts and create real app.bsky.feed.post records
 * (replies with root/parent strong refs, mentions with a byte-offset facet), validated against the lexicon, so
 * they appear in notifications, threads and feeds as a person's posts would. Items are written in batches (one
 * transaction per batch, multi-row inserts) so a burst of thousands stays fast. Bluesky's DMs are a separate
 * chat service the sandbox does not run, so a direct message arrives as a mention.
 */
@Injectable()
export class BlueskyCrowd implements CrowdTarget {
  constructor(
    private readonly db: SandboxDb,
    private readonly accounts: BlueskyAccountsService,
    private readonly repo: BlueskyRepository,
    private readonly clock: TidClock,
  ) {}

  async recentPosts(accountId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.repo.authorPosts(accountId, { limit, filter: 'posts_no_replies' });
    return rows.map((row) => ({
      postId: atUri(row.did, row.collection, row.rkey),
      text: typeof row.value.text === 'string' ? row.value.text : undefined,
      createdAt: row.indexed_at,
    }));
  }

  async reply(accountId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [ref] = await this.deliverBatch(accountId, [{ kind: 'reply', postId, citizen, text }]);
    return ref;
  }

  async mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [ref] = await this.deliverBatch(accountId, [{ kind: 'mention', citizen, text }]);
    return ref;
  }

  async directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    const [ref] = await this.deliverBatch(accountId, [{ kind: 'dm', citizen, text }]);
    return ref;
  }

  async deliverBatch(accountId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    const target = await this.repo.accountByDid(accountId);
    if (!target) throw invalidRequest(`Could not find repo: ${accountId}`);
    const authors = new Map<string, AccountRow>();
    for (const item of items) {
      if (!authors.has(item.citizen.key))
        authors.set(item.citizen.key, await this.accounts.citizenAccount(item.citizen));
    }
    const parentUris = [...new Set(items.flatMap((item) => (item.kind === 'reply' ? [item.postId] : [])))];
    const parents = new Map((await this.repo.postsByUris(parentUris)).map((row) => [uriOf(row), row]));

    const planned = items.map((item) => {
      const author = authors.get(item.citizen.key)!;
      // A reply to a post deleted since the crowd picked it becomes a mention: one missing post must not sink
      // the whole batch, and the citizen still reaches the account.
      const parent = item.kind === 'reply' ? parents.get(item.postId) : undefined;
      const fields =
        parent && item.kind === 'reply'
          ? replyFields(item.postId, parent, item.text)
          : mentionFields(target, item.text);
      return this.plan(author, item.citizen, fields);
    });

    const known = new Set([target.did, ...[...authors.values(), ...parents.values()].map((a) => a.did)]);
    await this.db.transaction(async (tx) => {
      const locked = await this.repo.lockRepos(tx, [...new Set(planned.map((p) => p.author.did))]);
      await this.repo.insertRecords(
        tx,
        planned.map((p) => p.row),
      );
      for (const account of locked) {
        const last = planned.filter((p) => p.author.did === account.did).at(-1)!;
        const head = nextCommit(this.clock, account.did, account.repo_commit, last.row.cid);
        await this.repo.updateRepoHead(tx, account.did, head.rev, head.cid);
      }
      await this.repo.insertNotifications(
        tx,
        planned.flatMap((p) =>
          postNotifications(
            {
              authorDid: p.author.did,
              uri: uriOf(p.row),
              cid: p.row.cid,
              record: p.row.value,
              reply: p.reply,
            },
            (did) => known.has(did),
          ),
        ),
      );
    });
    return planned.map((p) => ({ objectId: uriOf(p.row) }));
  }

  private plan(
    author: AccountRow,
    citizen: Citizen,
    fields: { record: JsonObject; reply?: ReplyRefs },
  ): PlannedPost {
    const record: JsonObject = {
      $type: POST_COLLECTION,
      ...fields.record,
      langs: [citizen.language],
      createdAt: new Date().toISOString(),
    };
    // The crowd's posts must be as valid as anyone's: the same lexicon check createRecord applies.
    lexicons.assertValidRecord(POST_COLLECTION, jsonToLex(record));
    return {
      author,
      reply: fields.reply,
      row: {
        did: author.did,
        collection: POST_COLLECTION,
        rkey: this.clock.next(),
        cid: cidForRecord(record),
        value: record,
        reply_root: fields.reply?.root ?? null,
        reply_parent: fields.reply?.parent ?? null,
        has_media: false,
      },
    };
  }
}

const uriOf = (row: Pick<RecordRow, 'did' | 'collection' | 'rkey'>): string =>
  atUri(row.did, row.collection, row.rkey);

function replyFields(
  postId: string,
  parent: RecordRow,
  text: string,
): { record: JsonObject; reply: ReplyRefs } {
  const parentRef = { uri: postId, cid: parent.cid };
  const parentReply = parent.value.reply as { root?: { uri: string; cid: string } } | undefined;
  const rootRef = parentReply?.root ? { uri: parentReply.root.uri, cid: parentReply.root.cid } : parentRef;
  return {
    record: { text: fitToPost(text), reply: { root: rootRef, parent: parentRef } },
    reply: { root: rootRef.uri, parent: parentRef.uri },
  };
}

/** A post starting with "@handle", with a mention facet whose byte offsets cover exactly that tag. */
function mentionFields(target: AccountRow, text: string): { record: JsonObject } {
  const tag = `@${target.handle}`;
  return {
    record: {
      text: `${tag} ${fitToPost(text, MAX_GRAPHEMES - graphemeCount(tag) - 1)}`,
      facets: [
        {
          index: { byteStart: 0, byteEnd: Buffer.byteLength(tag, 'utf8') },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: target.did }],
        },
      ],
    },
  };
}
