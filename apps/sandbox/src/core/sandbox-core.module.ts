import { DynamicModule, Global, Module } from '@nestjs/common';
import { SandboxAccountsService } from './accounts.service';
import { AccountsController } from './controls/accounts.controller';
import { CrowdController } from './controls/crowd.controller';
import { FaultsController } from './controls/faults.controller';
import { SandboxHealthController } from './controls/health.controller';
import { LedgerController } from './controls/ledger.controller';
import { RateLimitsController } from './controls/rate-limits.controller';
import { CrowdRepository } from './crowd/crowd.repository';
import { CrowdService } from './crowd/crowd.service';
import { FaultService } from './fault.service';
import { LedgerService } from './ledger.service';
import { SandboxNetworkRegistry } from './network-registry';
import { RateLimiter } from './rate-limiter';
import { SandboxDb } from './sandbox-db';
import { SANDBOX_OPTIONS, SandboxOptions } from './sandbox-options';

const services = [
  SandboxDb,
  LedgerService,
  SandboxNetworkRegistry,
  FaultService,
  RateLimiter,
  SandboxAccountsService,
  CrowdRepository,
  CrowdService,
];

/**
 * The core every network uses: global, so network modules inject SandboxDb, LedgerService,
 * SandboxNetworkRegistry, FaultService and RateLimiter without importing anything. Also serves /_sandbox.
 */
@Global()
@Module({})
export class SandboxCoreModule {
  static forRoot(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxCoreModule,
      controllers: [
        SandboxHealthController,
        AccountsController,
        LedgerController,
        FaultsController,
        RateLimitsController,
        CrowdController,
      ],
      providers: [{ provide: SANDBOX_OPTIONS, useValue: options }, ...services],
      exports: [SANDBOX_OPTIONS, ...services],
    };
  }
}
