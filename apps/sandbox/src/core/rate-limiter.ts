import { Injectable } from '@nestjs/common';

export interface RateLimitRule {
  /** Calls allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitKey {
  network: string;
  /** The caller's account (user-context limits) or an app id (app-context limits). */
  accountId: string;
  /** A stable name for the endpoint family, e.g. `POST /2/tweets` or `statuses`. */
  endpoint: string;
}

export interface RateLimitState {
  /** False when this call is over the limit: answer the network's 429. */
  allowed: boolean;
  limit: number;
  /** Calls left in the window after this one (never negative). */
  remaining: number;
  /** When the window ends and `remaining` goes back to `limit`. */
  resetAt: Date;
}

export interface RateLimitRuleEntry extends RateLimitRule {
  network: string;
  endpoint: string;
  /** `override` when set through PUT /_sandbox/rate-limits, else `default` (the network's own). */
  source: 'default' | 'override';
}

/** Used when a network consumes an endpoint it never defined: generous, so it never surprises a test. */
const FALLBACK_RULE: RateLimitRule = { limit: 10_000, windowSeconds: 900 };

interface Window {
  startedAt: number;
  used: number;
}

/**
 * Fixed windows per (network, accountId, endpoint), like X's 15-minute per-user windows: a window starts
 * with the first call and resets `windowSeconds` later. Networks `define` their documented limits in
 * onModuleInit; tests and the demo may override them (PUT /_sandbox/rate-limits). Each network turns the
 * returned state into its own headers (x-rate-limit-*, X-RateLimit-*, RateLimit-*, X-App-Usage) and 429.
 * Kept in memory: a restart starts fresh windows, as a real network's would roll over.
 */
@Injectable()
export class RateLimiter {
  private readonly defaults = new Map<string, RateLimitRule>();
  private readonly overrides = new Map<string, RateLimitRule>();
  private readonly windows = new Map<string, Window>();

  /** The network's own limit for an endpoint (call in onModuleInit). */
  define(network: string, endpoint: string, rule: RateLimitRule): void {
    this.defaults.set(ruleKey(network, endpoint), { ...rule });
  }

  /** Replaces the limit for an endpoint until cleared; current windows restart. */
  override(network: string, endpoint: string, rule: RateLimitRule): void {
    const key = ruleKey(network, endpoint);
    this.overrides.set(key, { ...rule });
    this.dropWindows((k) => k.startsWith(`${key}\u0000`));
  }

  /** Removes overrides and open windows (of one network, or all). */
  reset(network?: string): void {
    const matches = (key: string): boolean => !network || key.startsWith(`${network}\u0000`);
    for (const key of [...this.overrides.keys()]) if (matches(key)) this.overrides.delete(key);
    this.dropWindows(matches);
  }

  rules(): RateLimitRuleEntry[] {
    const entries: RateLimitRuleEntry[] = [];
    const keys = new Set([...this.defaults.keys(), ...this.overrides.keys()]);
    for (const key of [...keys].sort()) {
      const [network, endpoint] = key.split('\u0000');
      const override = this.overrides.get(key);
      const rule = override ?? this.defaults.get(key)!;
      entries.push({ network, endpoint, ...rule, source: override ? 'override' : 'default' });
    }
    return entries;
  }

  rule(network: string, endpoint: string): RateLimitRule {
    const key = ruleKey(network, endpoint);
    return this.overrides.get(key) ?? this.defaults.get(key) ?? FALLBACK_RULE;
  }

  /** Counts one call and says whether it is allowed. A refused call does not use up the window further. */
  consume(key: RateLimitKey, now = Date.now()): RateLimitState {
    const rule = this.rule(key.network, key.endpoint);
    const window = this.currentWindow(key, rule, now);
    const allowed = window.used < rule.limit;
    if (allowed) window.used++;
    return state(rule, window, allowed);
  }

  /** The state without counting a call (for headers on responses that do not count). */
  peek(key: RateLimitKey, now = Date.now()): RateLimitState {
    const rule = this.rule(key.network, key.endpoint);
    const window = this.currentWindow(key, rule, now);
    return state(rule, window, window.used < rule.limit);
  }

  private currentWindow(key: RateLimitKey, rule: RateLimitRule, now: number): Window {
    const id = `${ruleKey(key.network, key.endpoint)}\u0000${key.accountId}`;
    let window = this.windows.get(id);
    if (!window || now >= window.startedAt + rule.windowSeconds * 1000) {
      window = { startedAt: now, used: 0 };
      this.windows.set(id, window);
    }
    return window;
  }

  private dropWindows(matches: (key: string) => boolean): void {
    for (const key of [...this.windows.keys()]) if (matches(key)) this.windows.delete(key);
  }
}

function ruleKey(network: string, endpoint: string): string {
  return `${network}\u0000${endpoint}`;
}

function state(rule: RateLimitRule, window: Window, allowed: boolean): RateLimitState {
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(rule.limit - window.used, 0),
    resetAt: new Date(window.startedAt + rule.windowSeconds * 1000),
  };
}
