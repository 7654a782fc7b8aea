import { Module } from '@nestjs/common';
import { SandboxHealthController } from './sandbox-health.controller';

/** The sandbox networks. Each network's module is imported here. */
@Module({
  controllers: [SandboxHealthController],
})
export class SandboxModule {}
