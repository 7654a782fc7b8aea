import { isNetwork, type Network, NETWORKS } from './port/network';
import type { PlatformAdapter } from './port/platform-adapter';

/**
 * The adapters this process has, one per network. Generic code asks for a channel's adapter here and never
 * branches on the network itself.
 */
export class PlatformRegistry {
  private readonly adapters = new Map<Network, PlatformAdapter>();

  constructor(adapters: readonly PlatformAdapter[]) {
    for (const adapter of adapters) {
      if (this.adapters.has(adapter.network)) {
        throw new Error(`Two platform adapters were given for the network "${adapter.network}": give one.`);
      }
      this.adapters.set(adapter.network, adapter);
    }
  }

  /** The adapter for this network; throws a clear error for a network that is unknown or has no adapter. */
  get(network: string): PlatformAdapter {
    if (!isNetwork(network)) {
      throw new Error(`Unknown network "${network}": expected one of ${NETWORKS.join(', ')}.`);
    }
    const adapter = this.adapters.get(network);
    if (!adapter) {
      const known = [...this.adapters.keys()];
      throw new Error(
        `No platform adapter is registered for "${network}" (registered: ${known.join(', ') || 'none'}).`,
      );
    }
    return adapter;
  }

  has(network: string): boolean {
    return isNetwork(network) && this.adapters.has(network);
  }

  /** The networks with an adapter, in registration order. */
  networks(): Network[] {
    return [...this.adapters.keys()];
  }
}
