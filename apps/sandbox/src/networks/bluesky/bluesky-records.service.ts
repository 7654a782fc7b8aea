import { Injectable } from '@nestjs/common';
import { jsonToLex, lexicons } from '@atproto/api';
import { LedgerService } from '../../core/ledger.service';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import { BLUESKY_NETWORK } from './bluesky-network';
import { AccountRow, BlueskyRepository, POST_COLLECTION, RecordRow } from './bluesky.repository';
import { cidForRecord, JsonValue } from './ids/cid';
import { nextCommit } from './ids/repo-commit';
import { toPdsValidationMessage } from './xrpc/lex-messages';
import {
  ReplyRefs,
  didOfUri,
  hasMedia,
  mentionedDids,
  postNotifications,
  replyRefs,
} from './post-derivations';
import { TidClock } from './ids/tid';
import { XrpcError, authRequired, internalServerError, invalidRequest } from './xrpc/xrpc-error';

type JsonObject = { [key: string]: JsonValue };

export interface CreateRecordInput {
  repo: string;
  collection: string;
  rkey?: string;
  validate?: boolean;
  record: JsonObject;
  swapCommit?: string;
}

export interface CreateRecordOutput {
  uri: string;
  cid: string;
  commit: { cid: string; rev: string };
  validationStatus?: 'valid' | 'unknown';
}

export interface DeleteRecordInput {
  repo: string;
  collection: string;
  rkey: string;
  swapRecord?: string;
  swapCommit?: string;
}

interface BlobRef {
  cid: string;
  mimeType: string;
  size: number;
  path: string;
}

/** The constraints the PDS applies to images in posts (app.bsky.embed.images#image.image). */
const POST_IMAGE = { maxSize: 1_000_000, accept: 'image/*' };

export const atUri = (did: string, collection: string, rkey: string): string =>
  `at://${did}/${collection}/${rkey}`;

/**
 * The repo write path of a PDS: records validated against the lexicons, content-addressed by their real
 * DAG-CBOR CID, keyed by TIDs (or the client's rkey), committed with a new revision, and recorded in the ledger
 * in the same transaction. Posts also produce the notifications an AppView would derive from them.
 */
@Injectable()
export class BlueskyRecordsService {
  constructor(
    private readonly db: SandboxDb,
    private readonly repo: BlueskyRepository,
    private readonly ledger: LedgerService,
    private readonly clock: TidClock,
  ) {}

  async createRecord(callerDid: string, input: CreateRecordInput): Promise<CreateRecordOutput> {
    const account = await this.writableRepo(input.repo);
    if (account.did !== callerDid) throw authRequired();
    const record: JsonObject = { ...input.record };
    const validate = input.validate !== false;
    if (record.$type === undefined) record.$type = input.collection;
    if (validate && record.$type !== input.collection) {
      throw invalidRequest(`Invalid $type: expected ${input.collection}, got ${String(record.$type)}`);
    }
    const validationStatus = validate ? this.validateRecord(record, input.validate === true) : undefined;
    let cid: string;
    try {
      cid = cidForRecord(record);
    } catch {
      throw invalidRequest('Bad record');
    }
    const blobs = findBlobRefs(record);
    const rkey = input.rkey || this.clock.next();
    const uri = atUri(account.did, input.collection, rkey);
    const reply = input.collection === POST_COLLECTION ? replyRefs(record) : undefined;

    const commit = await this.db.transaction(async (tx) => {
      const locked = await this.repo.lockRepo(tx, account.did);
      if (!locked) throw invalidRequest(`Could not find repo: ${input.repo}`);
      if (input.swapCommit !== undefined && input.swapCommit !== locked.repo_commit) {
        throw invalidRequest(`Commit was at ${locked.repo_commit ?? 'null'}`, 'InvalidSwap');
      }
      await this.checkBlobs(account.did, input.collection, blobs, validate);
      if (await this.repo.recordExists(tx, account.did, input.collection, rkey)) {
        // A PDS of this release answers a create onto an existing key with a bare 500 (its MST refuses the
        // duplicate; bluesky-social/atproto#3718, an explicit error is only proposed in #4728). Clients that use
        // a deterministic rkey as an idempotency key must treat this as "maybe already there" and read back.
        throw internalServerError();
      }
      await this.repo.insertRecord(tx, {
        did: account.did,
        collection: input.collection,
        rkey,
        cid,
        value: record,
        reply_root: reply?.root ?? null,
        reply_parent: reply?.parent ?? null,
        has_media: hasMedia(record),
      });
      const head = nextCommit(this.clock, account.did, locked.repo_commit, cid);
      await this.repo.updateRepoHead(tx, account.did, head.rev, head.cid);
      if (input.collection === POST_COLLECTION)
        await this.notifyForPost(tx, account.did, uri, cid, record, reply);
      // The ledger keeps what clients published: posts and replies (likes, follows ... are not publications).
      if (input.collection === POST_COLLECTION) {
        await this.ledger.record(
          {
            network: BLUESKY_NETWORK,
            accountId: account.did,
            kind: reply ? 'reply' : 'post',
            objectId: uri,
            idempotencyKey: input.rkey ?? null,
            content: typeof record.text === 'string' ? record.text : null,
            parentId: reply?.parent ?? null,
            meta: { cid, rkey, collection: input.collection, rev: head.rev, blobs: blobs.map((b) => b.cid) },
          },
          tx,
        );
      }
      return head;
    });
    return { uri, cid, commit, ...(validationStatus ? { validationStatus } : {}) };
  }

  async deleteRecord(
    callerDid: string,
    input: DeleteRecordInput,
  ): Promise<{ commit?: { cid: string; rev: string } }> {
    const account = await this.writableRepo(input.repo);
    if (account.did !== callerDid) throw authRequired();
    const commit = await this.db.transaction(async (tx) => {
      const locked = await this.repo.lockRepo(tx, account.did);
      if (!locked) throw invalidRequest(`Could not find repo: ${input.repo}`);
      const existing = await this.repo.findRecord(account.did, input.collection, input.rkey);
      // Deleting a record that is not there is a no-op that succeeds, as deleteRecord's lexicon says.
      if (!existing) return undefined;
      if (input.swapCommit !== undefined && input.swapCommit !== locked.repo_commit) {
        throw invalidRequest(`Commit was at ${locked.repo_commit ?? 'null'}`, 'InvalidSwap');
      }
      if (input.swapRecord !== undefined && input.swapRecord !== existing.cid) {
        throw invalidRequest(`Record was at ${existing.cid}`, 'InvalidSwap');
      }
      await this.repo.deleteRecord(tx, account.did, input.collection, input.rkey);
      await this.repo.deleteNotificationsFor(tx, atUri(account.did, input.collection, input.rkey));
      const head = nextCommit(this.clock, account.did, locked.repo_commit, null);
      await this.repo.updateRepoHead(tx, account.did, head.rev, head.cid);
      return head;
    });
    return commit ? { commit } : {};
  }

  async getRecord(params: {
    repo: string;
    collection: string;
    rkey: string;
    cid?: string;
  }): Promise<RecordRow> {
    // A repo the PDS does not host goes to the AppView, which answers that it cannot find the repo.
    const account = await this.repoAccount(params.repo);
    const uri = atUri(account.did, params.collection, params.rkey);
    const found = await this.repo.findRecord(account.did, params.collection, params.rkey);
    if (!found || (params.cid !== undefined && params.cid !== found.cid)) {
      throw invalidRequest(`Could not locate record: ${uri}`, 'RecordNotFound');
    }
    return found;
  }

  async listRecords(params: {
    repo: string;
    collection: string;
    limit?: number;
    cursor?: string;
    reverse?: boolean;
  }): Promise<{ account: AccountRow; rows: RecordRow[] }> {
    const account = await this.repoAccount(params.repo);
    const rows = await this.repo.listRecords(account.did, params.collection, {
      limit: params.limit ?? 50,
      cursor: params.cursor,
      reverse: params.reverse ?? false,
    });
    return { account, rows };
  }

  /** Writes to a repo this PDS does not host answer 403 AccountNotFound (checked against @atproto/dev-env). */
  private async writableRepo(repo: string): Promise<AccountRow> {
    const account = await this.repo.accountByIdentifier(repo);
    if (!account) throw new XrpcError(403, 'AccountNotFound', 'Account not found');
    return account;
  }

  async repoAccount(repo: string): Promise<AccountRow> {
    const account = await this.repo.accountByIdentifier(repo);
    if (!account) throw invalidRequest(`Could not find repo: ${repo}`);
    return account;
  }

  /** Lexicon validation with the PDS's messages; `unknown` for collections no lexicon describes. */
  private validateRecord(record: JsonObject, requireLexicon: boolean): 'valid' | 'unknown' {
    const type = String(record.$type);
    if (!lexicons.getDef(type)) {
      if (requireLexicon) throw invalidRequest(`Lexicon not found: lex:${type}`);
      return 'unknown';
    }
    try {
      lexicons.assertValidRecord(type, jsonToLex(record));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw invalidRequest(
        `Invalid ${type} record: ${toPdsValidationMessage(detail, { name: 'Record', value: record })}`,
      );
    }
    return 'valid';
  }

  private async checkBlobs(
    did: string,
    collection: string,
    blobs: BlobRef[],
    validate: boolean,
  ): Promise<void> {
    for (const blob of blobs) {
      const stored = await this.repo.findBlob(did, blob.cid);
      if (!stored) throw invalidRequest(`Could not find blob: ${blob.cid}`, 'BlobNotFound');
      if (stored.mime_type !== blob.mimeType) {
        throw invalidRequest(
          `Referenced Mimetype does not match stored blob. Expected: ${stored.mime_type}, Got: ${blob.mimeType}`,
          'InvalidMimeType',
        );
      }
      const isPostImage = collection === POST_COLLECTION && /(^|\/)image$/.test(blob.path);
      if (!validate || !isPostImage) continue;
      if (stored.size > POST_IMAGE.maxSize) {
        throw invalidRequest(
          `This file is too large. It is ${prettyBytes(stored.size)} but the maximum size is ${prettyBytes(POST_IMAGE.maxSize)}.`,
          'BlobTooLarge',
        );
      }
      if (!stored.mime_type.startsWith('image/')) {
        throw invalidRequest(
          `Wrong type of file. It is ${stored.mime_type} but it must match ${POST_IMAGE.accept}.`,
          'InvalidMimeType',
        );
      }
    }
  }

  /** The notifications an AppView derives from a post, for the accounts that exist here. */
  private async notifyForPost(
    tx: SandboxQueryable,
    authorDid: string,
    uri: string,
    cid: string,
    record: JsonObject,
    reply: ReplyRefs | undefined,
  ): Promise<void> {
    const candidates = [...mentionedDids(record), ...(reply ? [reply.parent, reply.root].map(didOfUri) : [])];
    const known = new Set(
      (await this.repo.accountsByDids(candidates.filter((d): d is string => !!d))).map((a) => a.did),
    );
    const notifications = postNotifications({ authorDid, uri, cid, record, reply }, (did) => known.has(did));
    await this.repo.insertNotifications(tx, notifications);
  }
}

/** Every blob ref in a record (objects with `$type: "blob"`), with the path the PDS checks constraints by. */
function findBlobRefs(value: JsonValue, path: string[] = [], depth = 0): BlobRef[] {
  if (depth > 32 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item) => findBlobRefs(item, path, depth + 1));
  if (value.$type === 'blob') {
    const ref = value.ref as { $link?: unknown } | undefined;
    if (
      typeof ref?.$link === 'string' &&
      typeof value.mimeType === 'string' &&
      typeof value.size === 'number'
    ) {
      return [{ cid: ref.$link, mimeType: value.mimeType, size: value.size, path: path.join('/') }];
    }
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) => findBlobRefs(item, [...path, key], depth + 1));
}

/** Sizes as the PDS words them in BlobTooLarge ("976.56KB"). */
function prettyBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))}${units[unit]}`;
}
