import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { Fault, FaultContext, FaultSpec } from './fault.types';
import { SandboxNetworkRegistry } from './network-registry';
import { Prng } from './prng';
import { FaultStatus } from './sandbox-network';

interface ActiveFault {
  fault: Fault;
  routePattern?: RegExp;
  prng: Prng;
}

const DEFAULT_TIMEOUT_HOLD_MS = 120_000;
const DEFAULT_RESET_SECONDS = 900;

/**
 * Injected faults (POST /_sandbox/faults). They live in memory: they belong to the test or demo that added
 * them and are gone after a restart. Network code calls, after it has authenticated the caller:
 *
 *   if (await this.faults.before(req, res, { network: 'x', accountId })) return;   // response already written
 *
 * and, after it has created the object and recorded it in the ledger, just before answering:
 *
 *   if (this.faults.dropAfterCommit(req, res, { network: 'x', accountId })) return; // socket destroyed
 *
 * Handlers that call these must write the response themselves (`@Res()` in Nest) or return nothing once
 * either call returned true.
 */
@Injectable()
export class FaultService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FaultService.name);
  private readonly faults: ActiveFault[] = [];
  private readonly heldSockets = new Set<Socket>();

  constructor(private readonly registry: SandboxNetworkRegistry) {}

  /** Adds a fault (the spec must already be validated: see FaultSpecDto). */
  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      id: randomUUID(),
      remaining: spec.count ?? null,
      hits: 0,
      createdAt: new Date().toISOString(),
    };
    this.faults.push({
      fault,
      routePattern: spec.route ? new RegExp(spec.route) : undefined,
      prng: new Prng(spec.seed ?? fault.id),
    });
    return fault;
  }

  list(): Fault[] {
    return this.faults.map(({ fault }) => ({ ...fault }));
  }

  /** Removes every fault, or those of one network; returns how many were removed. */
  clear(network?: string): number {
    let removed = 0;
    for (let i = this.faults.length - 1; i >= 0; i--) {
      if (!network || this.faults[i].fault.network === network) {
        this.faults.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }

  remove(id: string): boolean {
    const index = this.faults.findIndex(({ fault }) => fault.id === id);
    if (index < 0) return false;
    this.faults.splice(index, 1);
    return true;
  }

  /**
   * Applies the faults that match this call, in the order they were added. Latency faults delay and let the
   * call go on; a status fault writes the network's error response; a timeout holds the connection and then
   * cuts it. Returns true when the response has been taken care of and the handler must stop.
   */
  async before(req: Request, res: Response, context: FaultContext): Promise<boolean> {
    const used = new Set<Fault>();
    for (;;) {
      const active = this.take(req, context, (f) => f.action.kind !== 'commit-then-drop' && !used.has(f));
      if (!active) return false;
      used.add(active.fault);
      const action = active.fault.action;
      switch (action.kind) {
        case 'latency':
          await sleep(action.ms);
          continue;
        case 'timeout':
          await this.hold(req, action.ms ?? DEFAULT_TIMEOUT_HOLD_MS);
          return true;
        case 'status':
          this.respond(req, res, context, {
            status: action.status,
            resetAt: new Date(Date.now() + (action.resetInSeconds ?? DEFAULT_RESET_SECONDS) * 1000),
            message: statusMessage(action.status),
          });
          return true;
        default:
          return false;
      }
    }
  }

  /** Cuts the connection if a commit-then-drop fault matches: the object exists, the client never hears so. */
  dropAfterCommit(req: Request, _res: Response, context: FaultContext): boolean {
    const active = this.take(req, context, (f) => f.action.kind === 'commit-then-drop');
    if (!active) return false;
    req.socket.destroy();
    return true;
  }

  beforeApplicationShutdown(): void {
    // Held connections would keep the HTTP server from closing.
    for (const socket of this.heldSockets) socket.destroy();
    this.heldSockets.clear();
  }

  /** Finds the first matching fault that fires (count left, probability roll) and counts the hit. */
  private take(req: Request, context: FaultContext, accept: (f: Fault) => boolean): ActiveFault | undefined {
    const route = `${req.method} ${(req.originalUrl ?? req.url).split('?')[0]}`;
    for (const active of this.faults) {
      const { fault } = active;
      if (!accept(fault)) continue;
      if (!networkMatches(fault.network, context.network)) continue;
      if (fault.accountId && fault.accountId !== context.accountId) continue;
      if (active.routePattern && !active.routePattern.test(route)) continue;
      if (fault.remaining !== null && fault.remaining <= 0) continue;
      if (fault.probability !== undefined && active.prng.next() >= fault.probability) continue;
      if (fault.remaining !== null) fault.remaining--;
      fault.hits++;
      return active;
    }
    return undefined;
  }

  private respond(req: Request, res: Response, context: FaultContext, status: FaultStatus): void {
    const responder = this.registry.get(context.network)?.faultResponder;
    if (responder) {
      responder(req, res, status);
      return;
    }
    res.status(status.status).json({ error: { status: status.status, message: status.message } });
  }

  private hold(req: Request, ms: number): Promise<void> {
    const socket = req.socket;
    this.heldSockets.add(socket);
    return new Promise<void>((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.heldSockets.delete(socket);
        socket.destroy();
        resolve();
      };
      const timer = setTimeout(release, ms);
      socket.once('close', release);
    }).then(() => this.logger.debug(`Released a held connection for ${req.method} ${req.originalUrl}`));
  }
}

function networkMatches(faultNetwork: string, network: string): boolean {
  return (
    faultNetwork === network ||
    (faultNetwork === 'meta' && (network === 'facebook' || network === 'instagram'))
  );
}

function statusMessage(status: FaultStatus['status']): string {
  switch (status) {
    case 401:
      return 'The access token has expired (sandbox fault).';
    case 429:
      return 'Too many requests (sandbox fault).';
    case 500:
      return 'Internal server error (sandbox fault).';
    case 503:
      return 'Service unavailable (sandbox fault).';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
