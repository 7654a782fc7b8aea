export * from './foi-requests.service';
export * from './legal-holds.service';
export * from './record-locks';
export * from './records-export.service';
export * from './records.module';
export * from './retention-purger.service';
export * from './working-days';
