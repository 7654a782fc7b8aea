import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { SandboxCoreModule } from './core/sandbox-core.module';
import { SandboxOptions } from './core/sandbox-options';
import { MetaModule } from './networks/meta/meta.module';
import { MastodonModule } from './networks/mastodon/mastodon.module';
import { BlueskyModule } from './networks/bluesky/bluesky.module';
import { XNetworkModule } from './networks/x/x.module';

/** Each network's Nest module: add yours here (one line). */
export const SANDBOX_NETWORK_MODULES: NonNullable<ModuleMetadata['imports']> = [
  MetaModule,
  BlueskyModule,
  MastodonModule,
  XNetworkModule,
];

/** The sandbox networks: the core (/_sandbox controls) plus every network module. */
@Module({})
export class SandboxModule {
  /** `extraImports` lets tests add a stand-in network. */
  static forRoot(
    options: SandboxOptions,
    extraImports: NonNullable<ModuleMetadata['imports']> = [],
  ): DynamicModule {
    return {
      module: SandboxModule,
      imports: [SandboxCoreModule.forRoot(options), ...SANDBOX_NETWORK_MODULES, ...extraImports],
    };
  }
}
