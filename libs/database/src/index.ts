export * from './entities';
export * from './data-source-options';
export * from './prepare-database';
export * from './database.module';
export * from './audit/audit.service';
export * from './audit/audit-chain';
export * from './audit/audit-append';
export * from './returned-rows';
