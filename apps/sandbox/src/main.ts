import 'reflect-metadata';
import { loadConfig } from '@outside-in/common';
import { bootstrapSandbox } from './sandbox.bootstrap';

bootstrapSandbox(loadConfig()).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
