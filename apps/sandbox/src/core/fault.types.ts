/** What an injected fault does to a matching call. */
export type FaultAction =
  /** Answer with this status in the network's own error shape (429 carries its reset, 401 is "token expired"). */
  | { kind: 'status'; status: 401 | 429 | 500 | 503; resetInSeconds?: number }
  /** Wait this long, then carry on as usual. */
  | { kind: 'latency'; ms: number }
  /** Hold the connection without answering until the client gives up, or `ms` (default 120 000) pass, then cut it. */
  | { kind: 'timeout'; ms?: number }
  /** Let the call succeed (the object is created and recorded), then cut the connection before the response. */
  | { kind: 'commit-then-drop' };

export interface FaultSpec {
  /** A network name (x, facebook, instagram, mastodon, bluesky), or `meta` for both facebook and instagram. */
  network: string;
  /** A regular expression tested against `METHOD /path` (no query string), e.g. `^POST /x/2/tweets$`. */
  route?: string;
  /** Only calls made as this account. */
  accountId?: string;
  /** Apply to the next `count` matching calls, then stop. */
  count?: number;
  /** Apply to each matching call with this probability (0..1). Neither count nor probability: every call. */
  probability?: number;
  /** Makes the probability rolls reproducible. */
  seed?: string;
  action: FaultAction;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Calls still to be affected (null: no count limit). */
  remaining: number | null;
  /** Calls this fault has affected so far. */
  hits: number;
  createdAt: string;
}

/** Who is calling, as the network knows after authenticating the caller. */
export interface FaultContext {
  network: string;
  accountId?: string;
}
