export * from './config/app-config';
export * from './config/config.module';
export * from './logging/logging.module';
export * from './crypto/tokens';
export * from './crypto/secret-box';
export * from './crypto/media-url';
export * from './errors/domain-errors';
export * from './lifecycle/graceful-shutdown';
