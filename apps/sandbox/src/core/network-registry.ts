import { Injectable } from '@nestjs/common';
import { SandboxNetworkEntry } from './sandbox-network';

/**
 * The networks running in this sandbox. Each network module calls `register` in its onModuleInit:
 *
 *   this.registry.register({ network: 'x', provisionAccount: (o) => this.accounts.provision(o), crowd: this.crowd,
 *                            faultResponder: (req, res, fault) => writeXProblem(res, fault) });
 *
 * The core uses it for POST /_sandbox/accounts, the crowd, and the error shape of injected faults.
 */
@Injectable()
export class SandboxNetworkRegistry {
  private readonly entries = new Map<string, SandboxNetworkEntry>();

  register(entry: SandboxNetworkEntry): void {
    if (this.entries.has(entry.network)) {
      throw new Error(`The sandbox network "${entry.network}" is registered twice: register it once.`);
    }
    this.entries.set(entry.network, entry);
  }

  get(network: string): SandboxNetworkEntry | undefined {
    return this.entries.get(network);
  }

  /** Registered network names, sorted, for messages and for the crowd's deterministic order. */
  names(): string[] {
    return [...this.entries.keys()].sort();
  }
}
