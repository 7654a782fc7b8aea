export * from './coach-settings.service';
export * from './defaults';
export * from './guardrail-settings.module';
export * from './office-hours.service';
export * from './quiet-periods.service';
export * from './retention.service';
export * from './safeguarding.service';
export * from './settings-store';
