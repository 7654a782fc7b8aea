import 'reflect-metadata';
import { closeOnSignals, loadConfig } from '@outside-in/common';
import { bootstrapSandbox } from './sandbox.bootstrap';

/** `npm run start:sandbox`: the sandbox networks alone. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await bootstrapSandbox(config);
  closeOnSignals(() => app.close(), config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
