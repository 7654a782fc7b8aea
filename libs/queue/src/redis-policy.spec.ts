import type { Redis } from 'ioredis';
import { checkEvictionPolicy } from './redis-policy';

/** A stand-in for the one Redis command the check uses. */
function redisAnswering(reply: () => Promise<unknown>): Redis {
  return { config: reply } as unknown as Redis;
}

describe('checkEvictionPolicy', () => {
  it('is silent for noeviction', async () => {
    expect(
      await checkEvictionPolicy(redisAnswering(async () => ['maxmemory-policy', 'noeviction'])),
    ).toBeNull();
  });

  it('warns, with the fix, for an evicting policy', async () => {
    const warning = await checkEvictionPolicy(
      redisAnswering(async () => ['maxmemory-policy', 'allkeys-lru']),
    );
    expect(warning).toMatch(/"allkeys-lru"; BullMQ needs "noeviction"/);
    expect(warning).toMatch(/CONFIG SET maxmemory-policy noeviction/);
  });

  it('says it could not tell when CONFIG is refused (managed Redis)', async () => {
    const warning = await checkEvictionPolicy(
      redisAnswering(async () => Promise.reject(new Error('ERR unknown command'))),
    );
    expect(warning).toMatch(/Could not read Redis maxmemory-policy/);
  });
});
