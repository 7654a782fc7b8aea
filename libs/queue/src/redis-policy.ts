import type { Redis } from 'ioredis';

/**
 * BullMQ loses jobs silently if Redis evicts keys under memory pressure; Postgres would let the
 * reconciler recover them, but eviction should still be reported at boot. Returns a warning or null.
 */
export async function checkEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy && policy !== 'noeviction') {
      return `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued jobs may be evicted. Set it with: redis-cli CONFIG SET maxmemory-policy noeviction`;
    }
    return null;
  } catch {
    // Managed Redis services often refuse CONFIG; we cannot tell, so say so once.
    return 'Could not read Redis maxmemory-policy (CONFIG GET refused); make sure it is "noeviction".';
  }
}
