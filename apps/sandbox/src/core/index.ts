// The core contract the networks build on (see each file's doc comments).
export * from './sandbox-options';
export * from './sandbox-db';
export * from './sandbox-network';
export * from './network-registry';
export * from './ledger.service';
export * from './fault.types';
export * from './fault.service';
export * from './rate-limiter';
export * from './prng';
export * from './accounts.service';
export * from './sandbox-core.module';
export * from './crowd/crowd.types';
export * from './crowd/crowd-messages';
export * from './crowd/crowd.service';
