import 'reflect-metadata';
import { closeOnSignals, loadConfig } from '@outside-in/common';
import { prepareDatabase } from '@outside-in/database';
import { startApi } from '../../api/src/start-api';
import { bootstrapSandbox } from '../../sandbox/src/sandbox.bootstrap';
import { startWorker } from '../../worker/src/start-worker';

/**
 * `npm start`: every role in one process for a single machine (api with the web app, worker,
 * sandbox networks), with the demo organisation on first start. For several machines, start the
 * roles separately (npm run start:api / start:worker / start:sandbox).
 */
async function main(): Promise<void> {
  const config = loadConfig({ DEMO_SEED: 'true', ...process.env });
  await prepareDatabase(config.DATABASE_URL);
  const sandbox = await bootstrapSandbox(config);
  const worker = await startWorker(config, { migrate: false });
  const api = await startApi(config, { migrate: false });
  closeOnSignals(async () => {
    await api.close();
    await worker.close();
    await sandbox.close();
  }, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
