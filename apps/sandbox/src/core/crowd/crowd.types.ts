import { CrowdCategory } from './crowd-messages';
import { CrowdKind } from './crowd-generator';

export interface CrowdSettings {
  seed: string;
  /** Items per minute produced by the timer (0: only bursts). */
  ratePerMinute: number;
  /** Only accounts on these networks (default: every network). */
  networks: string[] | null;
  /** Only these accounts (default: every account created through POST /_sandbox/accounts). */
  accountIds: string[] | null;
}

export interface BurstProgress {
  requested: number;
  delivered: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface CrowdStatus {
  /** `idle`: never configured; `running`: the timer produces items; `paused`: nothing is produced. */
  state: 'idle' | 'running' | 'paused';
  settings: CrowdSettings | null;
  /** The sequence number of the next item (items 0..nextSeq-1 of this seed have been planned). */
  nextSeq: number;
  /** The last burst, if any. */
  burst: BurstProgress | null;
}

export interface CrowdLogEntry {
  id: string;
  seed: string;
  seq: number;
  network: string;
  accountId: string;
  kind: CrowdKind;
  category: CrowdCategory;
  language: 'en' | 'cy';
  citizenHandle: string;
  citizenName: string;
  text: string;
  /** The post a reply answers. */
  postId: string | null;
  /** The created item's id on the network; null when the network refused it (see error). */
  objectId: string | null;
  error: string | null;
  createdAt: string;
}
