import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, publicUrl } from '@outside-in/common';
import { prepareDatabase } from '@outside-in/database';
import { QueueModule } from '@outside-in/queue';
import { createApiApp } from './api.bootstrap';
import { DemoAccount, DemoSeeder } from './demo/demo-seeder.service';

/** Prepares the database, starts the API and, when DEMO_SEED is on, seeds and prints the demo. */
export async function startApi(
  config: AppConfig,
  options: { migrate?: boolean } = {},
): Promise<NestExpressApplication> {
  const logger = new Logger('Api');
  if (options.migrate ?? true) {
    const applied = await prepareDatabase(config.DATABASE_URL);
    if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
  await QueueModule.warnAboutEviction(config, logger);
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
  logger.log(
    `Outside In is running at ${publicUrl(config)} (API documentation at ${publicUrl(config)}/api/docs)`,
  );
  if (config.DEMO_SEED) {
    const accounts = await app.get(DemoSeeder).seedIfEmpty();
    if (accounts) printDemo(publicUrl(config), accounts);
  }
  return app;
}

function printDemo(url: string, accounts: DemoAccount[]): void {
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = [
    '',
    'Demo Council is ready. Sign in at ' + url + ' as any of these people (one per role):',
    '',
    ...accounts.map(
      (a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(width)}  password: ${a.password}   (${a.name})`,
    ),
    '',
    'These passwords are shown only now; keep them. They were made at random for this installation.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
