import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_CATALOGUE, JobName, JobPayloads, QueueName } from './job-catalogue';

/** Job ids must not contain ':' (BullMQ uses it as a key separator). */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/:/g, '_')).join('.');
}

/** The one way feature code enqueues work. Call it after the transaction that wrote the rows commits. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: Pick<JobsOptions, 'jobId' | 'delay' | 'priority'> = {},
  ): Promise<void> {
    const definition = JOB_CATALOGUE[name];
    await this.queue(definition.queue).add(name, payload, { ...definition.options, ...options });
  }

  /**
   * Many jobs of one kind in one round trip (BullMQ addBulk, atomic): a batch's automatic replies cost one call
   * to Redis, not one each. A job whose id is already queued is left as it is, as with `enqueue`.
   */
  async enqueueMany<N extends JobName>(
    name: N,
    jobs: ReadonlyArray<{
      payload: JobPayloads[N];
      options?: Pick<JobsOptions, 'jobId' | 'delay' | 'priority'>;
    }>,
  ): Promise<void> {
    if (!jobs.length) return;
    const definition = JOB_CATALOGUE[name];
    await this.queue(definition.queue).addBulk(
      jobs.map((job) => ({ name, data: job.payload, opts: { ...definition.options, ...job.options } })),
    );
  }

  /** Installs (or updates) the schedule of every repeating job; safe to call from every process. */
  async scheduleRepeatingJobs(): Promise<void> {
    for (const [name, definition] of Object.entries(JOB_CATALOGUE)) {
      if (!definition.everyMs) continue;
      await this.queue(definition.queue).upsertJobScheduler(
        name,
        { every: definition.everyMs },
        { name, data: {}, opts: definition.options },
      );
    }
  }
}
