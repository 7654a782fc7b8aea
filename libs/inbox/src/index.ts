export * from './channel-poller.service';
export * from './inbox-ingestor.service';
export * from './inbox-scheduler.service';
export * from './inbox.module';
export * from './poll-cadence';
export * from './threading';
export * from './webhook-event-processor.service';
export * from './webhook-intake.service';
