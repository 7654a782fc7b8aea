import { DynamicModule, Module } from '@nestjs/common';
import { ChannelsModule } from '@outside-in/channels';
import { AppConfig, ConfigModule, LoggingModule } from '@outside-in/common';
import { DatabaseModule } from '@outside-in/database';
import { InboxModule } from '@outside-in/inbox';
import { PublishingModule } from '@outside-in/publishing';
import { QueueModule } from '@outside-in/queue';
import { RecordsModule } from '@outside-in/records';
import { InboxProcessor } from './inbox/inbox.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { PublishingProcessor } from './publishing/publishing.processor';
import { RecordsProcessor } from './records/records.processor';
import { RepeatingJobsKeeper } from './repeating-jobs.keeper';

/** The BullMQ processors. Stateless: run as many worker processes as the load needs. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'worker'),
        DatabaseModule,
        QueueModule.forRoot(),
        ChannelsModule,
        PublishingModule.forRoot(),
        InboxModule,
        RecordsModule,
      ],
      providers: [
        MaintenanceProcessor,
        PublishingProcessor,
        InboxProcessor,
        RecordsProcessor,
        RepeatingJobsKeeper,
      ],
    };
  }
}
