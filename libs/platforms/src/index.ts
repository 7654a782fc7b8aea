export * from './port/network';
export * from './port/platform-errors';
export * from './port/platform-types';
export * from './port/platform-adapter';
export * from './adapters/mastodon/mastodon.adapter';
export * from './platform-registry';
export * from './adapters/facebook/facebook.adapter';
export * from './adapters/x';
