import { DynamicModule, Module } from '@nestjs/common';
import { ChannelsModule } from '@outside-in/channels';
import { PostTargetRepository } from './post-target.repository';
import { PostTargetScheduling } from './post-target-scheduling.service';
import { PublishReconciler } from './publish-reconciler.service';
import { PublishRunner } from './publish-runner.service';
import { PublishScheduler } from './publish-scheduler.service';
import { DEFAULT_PUBLISHING_OPTIONS, PUBLISHING_OPTIONS, PublishingOptions } from './publishing-options';
import { PairGate } from './pair-gate.service';

const SERVICES = [
  PostTargetRepository,
  PublishScheduler,
  PublishRunner,
  PublishReconciler,
  PostTargetScheduling,
  PairGate,
];

/**
 * The publishing engine. Needs the database (DatabaseModule, global), the queue (QueueModule.forRoot(), global)
 * and the channels.
 */
@Module({})
export class PublishingModule {
  static forRoot(options: Partial<PublishingOptions> = {}): DynamicModule {
    return {
      module: PublishingModule,
      imports: [ChannelsModule],
      providers: [
        ...SERVICES,
        { provide: PUBLISHING_OPTIONS, useValue: { ...DEFAULT_PUBLISHING_OPTIONS, ...options } },
      ],
      exports: [...SERVICES, PUBLISHING_OPTIONS],
    };
  }
}
