import {
  BeforeApplicationShutdown,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { SandboxAccount, SandboxAccountsService } from '../accounts.service';
import { SandboxNetworkRegistry } from '../network-registry';
import { SANDBOX_OPTIONS, SandboxOptions } from '../sandbox-options';
import { CrowdDelivery, CrowdItemRef, CrowdPost, SandboxNetworkEntry } from '../sandbox-network';
import { planCrowdItem, PlannedCrowdItem } from './crowd-generator';
import { CrowdRepository } from './crowd.repository';
import { BurstProgress, CrowdLogEntry, CrowdSettings, CrowdStatus } from './crowd.types';

const DEFAULT_TICK_MS = 1000;
/** A timer tick never produces more than this (after a long pause the crowd does not flood to catch up). */
const MAX_ITEMS_PER_TICK = 2000;
/** Burst items are planned and delivered in chunks of this size (one batched insert per account and chunk). */
const BURST_CHUNK = 500;
/** Per-item deliveries in flight at once, for networks without deliverBatch. */
const DELIVERY_CONCURRENCY = 8;
/** How many of an account's recent posts the crowd chooses from when replying. */
const RECENT_POSTS = 20;

type LogEntry = Omit<CrowdLogEntry, 'id' | 'createdAt'>;

/**
 * The crowd of simulated citizens. Item number `seq` of a seed is planned by a pure function (see
 * planCrowdItem), so the same seed against the same accounts and posts produces the same items, whether they
 * come from the timer or a burst. Settings and the sequence are stored, so a restart carries on where it was.
 */
@Injectable()
export class CrowdService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CrowdService.name);
  private settings: CrowdSettings | null = null;
  private paused = false;
  private nextSeq = 0;
  /** The timer's schedule: items due = rate x time since rateStartedAt, minus those already produced. */
  private rateStartedAt = Date.now();
  private producedSinceRateStart = 0;
  private timer?: NodeJS.Timeout;
  private tickRun?: Promise<void>;
  private burstProgress: BurstProgress | null = null;
  private burstRun?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly repository: CrowdRepository,
    private readonly accounts: SandboxAccountsService,
    private readonly registry: SandboxNetworkRegistry,
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repository.ensureSchema();
    const stored = await this.repository.load();
    if (stored) {
      this.settings = stored.settings;
      this.paused = stored.paused;
      this.nextSeq = stored.nextSeq;
    }
  }

  /** The timer starts once every network has registered (they do so in onModuleInit). */
  onApplicationBootstrap(): void {
    this.resetSchedule();
    this.timer = setInterval(() => this.tick(), this.options.crowdTickMs ?? DEFAULT_TICK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await Promise.allSettled([this.tickRun, this.burstRun]);
  }

  async status(): Promise<CrowdStatus & { targets: number }> {
    return {
      state: !this.settings ? 'idle' : this.paused ? 'paused' : 'running',
      settings: this.settings,
      nextSeq: this.nextSeq,
      burst: this.burstProgress ? { ...this.burstProgress } : null,
      targets: this.settings ? (await this.targets(this.settings)).length : 0,
    };
  }

  /** Starts (or restarts) the crowd from item 0 of `settings.seed`. */
  async configure(settings: CrowdSettings): Promise<CrowdStatus & { targets: number }> {
    this.settings = settings;
    this.paused = false;
    this.nextSeq = 0;
    this.resetSchedule();
    await this.repository.save({ settings, paused: false, nextSeq: 0 });
    return this.status();
  }

  async pause(): Promise<CrowdStatus & { targets: number }> {
    this.requireSettings();
    this.paused = true;
    await this.repository.setPaused(true);
    return this.status();
  }

  async resume(): Promise<CrowdStatus & { targets: number }> {
    this.requireSettings();
    this.paused = false;
    this.resetSchedule(); // carry on at the rate from now, without catching up on the paused time
    await this.repository.setPaused(false);
    return this.status();
  }

  /**
   * Produces `count` items as fast as the database allows (10,000 take well under a minute), in chunks, in
   * the background unless `wait`. Pausing the crowd pauses the burst too.
   */
  async burst(count: number, wait: boolean): Promise<CrowdStatus & { targets: number }> {
    const settings = this.requireSettings();
    if (this.burstRun) {
      throw conflict(
        'A burst is already running: wait for it to finish (GET /_sandbox/crowd shows its progress).',
      );
    }
    if (!(await this.targets(settings)).length) throw conflict(noTargetsMessage(settings));
    const progress: BurstProgress = {
      requested: count,
      delivered: 0,
      failed: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.burstProgress = progress;
    this.burstRun = this.runBurst(progress).finally(() => {
      progress.finishedAt = new Date().toISOString();
      this.burstRun = undefined;
    });
    if (wait) await this.burstRun;
    return this.status();
  }

  findItems(query: Parameters<CrowdRepository['find']>[0]): Promise<CrowdLogEntry[]> {
    return this.repository.find(query);
  }

  private async runBurst(progress: BurstProgress): Promise<void> {
    let left = progress.requested;
    while (left > 0 && !this.stopping) {
      if (this.paused) {
        await sleep(100);
        continue;
      }
      const size = Math.min(BURST_CHUNK, left);
      const result = await this.produce(size).catch((error: Error) => {
        this.logger.warn(`Crowd burst chunk failed: ${error.message}`);
        return { delivered: 0, failed: size };
      });
      progress.delivered += result.delivered;
      progress.failed += result.failed;
      left -= size;
    }
  }

  private tick(): void {
    if (this.tickRun || this.stopping || this.paused || !this.settings || this.settings.ratePerMinute <= 0)
      return;
    const due =
      Math.floor(((Date.now() - this.rateStartedAt) * this.settings.ratePerMinute) / 60_000) -
      this.producedSinceRateStart;
    if (due <= 0) return;
    const count = Math.min(due, MAX_ITEMS_PER_TICK);
    this.producedSinceRateStart += count;
    this.tickRun = this.produce(count)
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Crowd tick failed: ${error.message}`))
      .finally(() => (this.tickRun = undefined));
  }

  /** Plans the next `count` items and delivers them through the networks' CrowdTargets; logs every one. */
  private async produce(count: number): Promise<{ delivered: number; failed: number }> {
    const settings = this.settings;
    if (!settings) return { delivered: 0, failed: 0 };
    const targets = await this.targets(settings);
    if (!targets.length) return { delivered: 0, failed: 0 };
    const first = this.nextSeq;
    this.nextSeq += count;
    const byTarget = new Map<number, PlannedCrowdItem[]>();
    for (let seq = first; seq < first + count; seq++) {
      const item = planCrowdItem(settings.seed, seq, targets.length);
      byTarget.set(item.targetIndex, [...(byTarget.get(item.targetIndex) ?? []), item]);
    }
    // Accounts are served in parallel: a burst is bound by round trips to Postgres, not by CPU.
    const perTarget = await Promise.all(
      [...byTarget].map(([index, items]) => this.deliver(settings.seed, targets[index], items)),
    );
    const log = perTarget.flat().sort((a, b) => a.seq - b.seq);
    await this.repository.log(log);
    await this.repository.advance(settings.seed, first + count);
    const failed = log.filter((entry) => entry.error).length;
    return { delivered: log.length - failed, failed };
  }

  private async deliver(
    seed: string,
    account: SandboxAccount,
    items: PlannedCrowdItem[],
  ): Promise<LogEntry[]> {
    const entry = this.registry.get(account.network);
    const posts =
      entry && items.some((i) => i.kind === 'reply') ? await this.recentPosts(entry, account) : [];
    const deliveries = items.map((item) => toDelivery(item, posts));
    const outcomes: (CrowdItemRef | Error)[] = entry
      ? await this.send(entry, account.accountId, deliveries)
      : deliveries.map(() => new Error(`network ${account.network} is not running`));
    return deliveries.map((delivery, i) => {
      const outcome = outcomes[i];
      const item = items[i];
      return {
        seed,
        seq: item.seq,
        network: account.network,
        accountId: account.accountId,
        kind: delivery.kind,
        category: item.category,
        language: item.citizen.language,
        citizenHandle: item.citizen.handle,
        citizenName: item.citizen.displayName,
        text: item.text,
        postId: delivery.kind === 'reply' ? delivery.postId : null,
        objectId: outcome instanceof Error ? null : outcome.objectId,
        error: outcome instanceof Error ? outcome.message.slice(0, 500) : null,
      };
    });
  }

  private async recentPosts(entry: SandboxNetworkEntry, account: SandboxAccount): Promise<CrowdPost[]> {
    try {
      return await entry.crowd.recentPosts(account.accountId, RECENT_POSTS);
    } catch (error) {
      this.logger.warn(`recentPosts failed on ${account.network}: ${(error as Error).message}`);
      return [];
    }
  }

  private async send(
    entry: SandboxNetworkEntry,
    accountId: string,
    deliveries: CrowdDelivery[],
  ): Promise<(CrowdItemRef | Error)[]> {
    const crowd = entry.crowd;
    if (crowd.deliverBatch) {
      try {
        const refs = await crowd.deliverBatch(accountId, deliveries);
        return deliveries.map((_, i) => refs[i] ?? new Error('deliverBatch returned fewer refs than items'));
      } catch (error) {
        return deliveries.map(() => asError(error));
      }
    }
    const outcomes: (CrowdItemRef | Error)[] = new Array(deliveries.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < deliveries.length) {
        const i = next++;
        const d = deliveries[i];
        try {
          outcomes[i] =
            d.kind === 'reply'
              ? await crowd.reply(accountId, d.postId, d.citizen, d.text)
              : d.kind === 'mention'
                ? await crowd.mention(accountId, d.citizen, d.text)
                : await crowd.directMessage(accountId, d.citizen, d.text);
        } catch (error) {
          outcomes[i] = asError(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, deliveries.length) }, worker));
    return outcomes;
  }

  private async targets(settings: CrowdSettings): Promise<SandboxAccount[]> {
    const running = new Set(this.registry.names());
    const accounts = await this.accounts.list({
      networks: settings.networks ?? undefined,
      accountIds: settings.accountIds ?? undefined,
    });
    return accounts.filter((account) => running.has(account.network));
  }

  private resetSchedule(): void {
    this.rateStartedAt = Date.now();
    this.producedSinceRateStart = 0;
  }

  private requireSettings(): CrowdSettings {
    if (!this.settings) {
      throw conflict(
        'The crowd is not set up yet: POST /_sandbox/crowd { "seed": "demo", "ratePerMinute": 10 }.',
      );
    }
    return this.settings;
  }
}

function toDelivery(item: PlannedCrowdItem, posts: CrowdPost[]): CrowdDelivery {
  if (item.kind === 'reply' && posts.length) {
    return {
      kind: 'reply',
      postId: posts[Math.floor(item.postRoll * posts.length)].postId,
      citizen: item.citizen,
      text: item.text,
    };
  }
  // Nothing to reply to yet: the citizen mentions the account instead.
  return { kind: item.kind === 'dm' ? 'dm' : 'mention', citizen: item.citizen, text: item.text };
}

function noTargetsMessage(settings: CrowdSettings): string {
  const scope = [
    settings.networks ? `networks ${settings.networks.join(', ')}` : '',
    settings.accountIds ? `accounts ${settings.accountIds.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `The crowd has no account to talk to${scope ? ` among ${scope}` : ''}: create one with POST /_sandbox/accounts.`;
}

function conflict(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
