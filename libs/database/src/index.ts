export * from './entities';
export * from './data-source-options';
export * from './prepare-database';
export * from './database.module';
