import { CID } from 'multiformats/cid';
import { cidForIpld } from './cid';
import { TidClock } from './tid';

export interface RepoCommit {
  cid: string;
  rev: string;
}

/**
 * A new repo revision (a TID, later than any before) and its commit CID. The sandbox keeps no Merkle search
 * tree, so the commit object (did, version 3, data, rev, prev) hashes the previous head and the changed record
 * where a PDS would put the MST root: the CID is a real dag-cbor CID, but not the one a PDS would compute.
 */
export function nextCommit(
  clock: TidClock,
  did: string,
  prev: string | null,
  changed: string | null,
): RepoCommit {
  const rev = clock.next();
  const data = cidForIpld({
    prev: prev ? CID.parse(prev) : null,
    changed: changed ? CID.parse(changed) : null,
  });
  return { cid: cidForIpld({ did, version: 3, data, rev, prev: null }).toString(), rev };
}
