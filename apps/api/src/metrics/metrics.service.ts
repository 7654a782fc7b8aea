import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ALL_QUEUES, JobQueue } from '@outside-in/queue';
import { troubledWebhookEvents } from '@outside-in/inbox';
import { DataSource } from 'typeorm';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** One registry per application instance, so several instances in one process (tests) do not collide. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(jobs: JobQueue, dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'outside_in_' });
    this.httpDuration = new Histogram({
      name: 'outside_in_http_request_duration_seconds',
      help: 'HTTP request latency by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'outside_in_queue_jobs',
      help: 'Jobs in each queue by state, read from Redis when scraped',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of ALL_QUEUES) {
          const counts = await jobs.queue(queue).getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'outside_in_webhook_events_troubled',
      help: 'Webhook deliveries kept for a person to look at: failed, unreadable, or unprocessed for over an hour',
      registers: [this.registry],
      async collect() {
        this.set((await troubledWebhookEvents(dataSource)).count);
      },
    });
    new Gauge({
      name: 'outside_in_queue_job_outcomes_total',
      help: 'Jobs finished since the queue began, by outcome (BullMQ worker metrics, across all workers)',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
      async collect() {
        for (const queue of ALL_QUEUES) {
          for (const outcome of ['completed', 'failed'] as const) {
            const metrics = await jobs.queue(queue).getMetrics(outcome, 0, 0);
            this.set({ queue, outcome }, metrics.meta.count);
          }
        }
      },
    });
  }
}
