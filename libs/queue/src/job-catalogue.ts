import type { JobsOptions } from 'bullmq';

/**
 * Every job Outside In runs, in one place: its queue, its payload and its options.
 * Payloads carry ids only; a handler re-reads its rows and does nothing unless they are in the
 * state it expects, so a job run twice, late or after a Redis loss is harmless.
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  /** Deletes expired sessions, throttles and long-dead invitations. Repeats. */
  PurgeExpired = 'maintenance.purge-expired',
}

export interface JobPayloads {
  [JobName.PurgeExpired]: Record<string, never>;
}

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
  /** For repeating jobs: every how many milliseconds. */
  everyMs?: number;
}

export const JOB_CATALOGUE: { [N in JobName]: JobDefinition } = {
  [JobName.PurgeExpired]: {
    queue: QueueName.Maintenance,
    everyMs: 15 * 60 * 1000,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    },
  },
};

export const ALL_QUEUES = Object.values(QueueName);
