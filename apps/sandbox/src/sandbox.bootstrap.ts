import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@outside-in/common';
import { SandboxModule } from './sandbox.module';

/** Starts the sandbox networks on SANDBOX_PORT (0 picks a free port). */
export async function bootstrapSandbox(config: AppConfig, port = config.SANDBOX_PORT): Promise<INestApplication> {
  const app = await NestFactory.create(SandboxModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
  new Logger('Sandbox').log(`Sandbox networks listening on ${await app.getUrl()}`);
  return app;
}
