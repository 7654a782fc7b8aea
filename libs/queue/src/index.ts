export * from './job-catalogue';
export * from './job-queue.service';
export * from './redis-policy';
export * from './queue.module';
