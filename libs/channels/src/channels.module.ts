import { Module } from '@nestjs/common';
import { ChannelConnections } from './channel-connections.service';
import { ChannelRefresher } from './channel-refresher.service';
import { ChannelVault } from './channel-vault';
import { platformRegistryProvider } from './platform-registry.provider';

/** Channels as the rest of the system uses them: sealed credentials, the adapters, refresh and reconnect state. */
@Module({
  providers: [ChannelVault, ChannelConnections, ChannelRefresher, platformRegistryProvider],
  exports: [ChannelVault, ChannelConnections, ChannelRefresher, platformRegistryProvider],
})
export class ChannelsModule {}
