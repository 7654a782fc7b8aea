import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Deletes every Redis key under `prefix` in one script, so atomically, as FLUSHALL would for this deployment
 * (all the app's keys carry its queue prefix) without touching anyone else's keys. Reading the keys and deleting
 * them in two commands is not the same: a job added in between keeps its hash but loses its place in the queue,
 * and its id, still taken, can never be added again. Returns how many keys were deleted.
 */
export async function flushPrefix(queue: Queue, prefix: string): Promise<number> {
  const client = (await queue.client) as unknown as Redis;
  const deleted = await client.eval(
    `local keys = redis.call('KEYS', ARGV[1])
     for i = 1, #keys, 1000 do redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys))) end
     return #keys`,
    0,
    `${prefix}:*`,
  );
  return Number(deleted);
}
