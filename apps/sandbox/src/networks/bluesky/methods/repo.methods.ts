import { Injectable } from '@nestjs/common';
import { FaultService } from '../../../core/fault.service';
import { LedgerService } from '../../../core/ledger.service';
import { BlueskyAccountsService } from '../bluesky-accounts.service';
import { BlueskyRepository } from '../bluesky.repository';
import { CREATE_POINTS, DELETE_POINTS } from '../bluesky-rate-limits';
import {
  BlueskyRecordsService,
  CreateRecordInput,
  DeleteRecordInput,
  atUri,
} from '../bluesky-records.service';
import { canonicalJson } from '../bluesky-views.service';
import { cidForBlob } from '../ids/cid';
import { invalidRequest } from '../xrpc/xrpc-error';
import { XrpcCall, XrpcMethod, XrpcResult, json } from '../xrpc/xrpc-method';
import { BLUESKY_NETWORK } from '../bluesky-network';
import { sniffMimeType } from './sniff-mime-type';

/** com.atproto.repo.* and com.atproto.sync.getBlob: the PDS's own repository methods. */
@Injectable()
export class RepoMethods {
  constructor(
    private readonly records: BlueskyRecordsService,
    private readonly repo: BlueskyRepository,
    private readonly ledger: LedgerService,
    private readonly faults: FaultService,
    private readonly accounts: BlueskyAccountsService,
  ) {}

  methods(): [string, XrpcMethod][] {
    const writeCharge = (points: number) => (call: XrpcCall) => [
      { endpoint: 'repo-write-hour', key: call.did!, points },
      { endpoint: 'repo-write-day', key: call.did!, points },
    ];
    return [
      [
        'com.atproto.repo.createRecord',
        {
          auth: 'access',
          rateLimits: writeCharge(CREATE_POINTS),
          handle: async (call) => {
            const out = await this.records.createRecord(call.did!, call.input as CreateRecordInput);
            return this.answerAfterCommit(call, out);
          },
        },
      ],
      [
        'com.atproto.repo.deleteRecord',
        {
          auth: 'access',
          rateLimits: writeCharge(DELETE_POINTS),
          handle: async (call) =>
            json(await this.records.deleteRecord(call.did!, call.input as DeleteRecordInput)),
        },
      ],
      [
        'com.atproto.repo.getRecord',
        {
          auth: 'none',
          handle: async (call) => {
            const row = await this.records.getRecord(
              call.params as { repo: string; collection: string; rkey: string; cid?: string },
            );
            return json({
              uri: atUri(row.did, row.collection, row.rkey),
              cid: row.cid,
              value: canonicalJson(row.value),
            });
          },
        },
      ],
      [
        'com.atproto.repo.listRecords',
        {
          auth: 'none',
          handle: async (call) => {
            const { rows } = await this.records.listRecords(
              call.params as {
                repo: string;
                collection: string;
                limit?: number;
                cursor?: string;
                reverse?: boolean;
              },
            );
            const last = rows.at(-1);
            return json({
              records: rows.map((row) => ({
                uri: atUri(row.did, row.collection, row.rkey),
                cid: row.cid,
                value: canonicalJson(row.value),
              })),
              ...(last ? { cursor: last.rkey } : {}),
            });
          },
        },
      ],
      [
        'com.atproto.repo.describeRepo',
        {
          auth: 'none',
          handle: async (call) => {
            const account = await this.records.repoAccount(String(call.params.repo));
            return json({
              handle: account.handle,
              did: account.did,
              didDoc: this.accounts.didDocument(account, call.serviceUrl),
              collections: await this.repo.collections(account.did),
              handleIsCorrect: true,
            });
          },
        },
      ],
      [
        'com.atproto.repo.uploadBlob',
        {
          auth: 'access',
          handle: async (call) => {
            const bytes = call.input as Buffer;
            const declared =
              call.req.headers['content-type']?.split(';')[0].trim() ?? 'application/octet-stream';
            // Like the PDS, trust the bytes over the header when the format is recognisable.
            const mimeType = sniffMimeType(bytes) ?? declared;
            const cid = cidForBlob(bytes).toString();
            await this.repo.insertBlob({
              did: call.did!,
              cid,
              mime_type: mimeType,
              size: bytes.length,
              bytes,
            });
            await this.ledger.record({
              network: BLUESKY_NETWORK,
              accountId: call.did!,
              kind: 'media',
              objectId: cid,
              content: `${mimeType} ${bytes.length} bytes`,
              meta: { mimeType, size: bytes.length },
            });
            return this.answerAfterCommit(call, {
              blob: { $type: 'blob', ref: { $link: cid }, mimeType, size: bytes.length },
            });
          },
        },
      ],
      [
        'com.atproto.sync.getLatestCommit',
        {
          auth: 'optional',
          handle: async (call) => {
            const did = String(call.params.did);
            const account = await this.repo.accountByDid(did);
            if (!account?.repo_commit || !account.repo_rev) {
              throw invalidRequest(`Could not find root for DID: ${did}`, 'RepoNotFound');
            }
            return json({ cid: account.repo_commit, rev: account.repo_rev });
          },
        },
      ],
      [
        'com.atproto.sync.getBlob',
        {
          auth: 'optional',
          handle: async (call) => {
            const { did, cid } = call.params as { did: string; cid: string };
            const blob = await this.repo.findBlob(did, cid);
            if (!blob) throw invalidRequest('Blob not found');
            // Binary answers are not compressed, so the PDS varies them on Authorization only.
            call.res.setHeader('Vary', 'Authorization');
            call.res.setHeader('x-content-type-options', 'nosniff');
            call.res.setHeader('content-security-policy', "default-src 'none'; sandbox");
            return { kind: 'bytes', contentType: blob.mime_type, bytes: blob.bytes };
          },
        },
      ],
    ];
  }

  /** The commit is done and recorded; a commit-then-drop fault now cuts the connection instead of answering. */
  private answerAfterCommit(call: XrpcCall, body: unknown): XrpcResult {
    if (this.faults.dropAfterCommit(call.req, call.res, { network: BLUESKY_NETWORK, accountId: call.did })) {
      return { kind: 'handled' };
    }
    return json(body);
  }
}
