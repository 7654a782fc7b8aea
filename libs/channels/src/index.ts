export * from './channel-vault';
export * from './channel-connections.service';
export * from './channel-refresher.service';
export * from './channels.module';
export * from './network-names';
export * from './platform-registry.provider';
