import type { Network } from './network';

/**
 * What went wrong on a network, in the terms publishing and the inbox act on. Adapters map each
 * network's own error bodies and statuses to exactly one of these; generic code never reads a
 * network's error codes.
 */
export abstract class PlatformError extends Error {
  abstract readonly kind:
    | 'rate_limited'
    | 'auth_expired'
    | 'invalid_content'
    | 'duplicate'
    | 'transient'
    | 'outcome_unknown'
    | 'permanent';
  constructor(
    readonly network: Network,
    message: string,
    /** The network's own code or status, for people reading logs ("X 403", "Graph #506"). */
    readonly networkCode?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Too many calls; nothing was done. Wait until `resetAt` before calling this channel again. */
export class RateLimited extends PlatformError {
  readonly kind = 'rate_limited';
  constructor(
    network: Network,
    message: string,
    readonly resetAt: Date,
    networkCode?: string,
  ) {
    super(network, message, networkCode);
  }
}

/** The access was revoked or expired and refreshing did not help: a person must reconnect the channel. */
export class AuthExpired extends PlatformError {
  readonly kind = 'auth_expired';
}

/** The network refused the content (too long, missing media, bad alt text); editing it is the fix. */
export class InvalidContent extends PlatformError {
  readonly kind = 'invalid_content';
}

/** The network says this exact content was already published: treat as done only after reading back. */
export class Duplicate extends PlatformError {
  readonly kind = 'duplicate';
}

/** A failure that may pass (5xx, a reset connection before sending): safe to retry with backoff. */
export class Transient extends PlatformError {
  readonly kind = 'transient';
  constructor(
    network: Network,
    message: string,
    readonly retryAfter?: Date,
    networkCode?: string,
  ) {
    super(network, message, networkCode);
  }
}

/**
 * The request may or may not have taken effect (timeout, connection cut after sending). Never
 * retried blindly: the caller reads the channel's recent posts back and matches a fingerprint.
 */
export class OutcomeUnknown extends PlatformError {
  readonly kind = 'outcome_unknown';
}

/** Anything else the network refused for good (blocked, not permitted, not found). */
export class Permanent extends PlatformError {
  readonly kind = 'permanent';
}
