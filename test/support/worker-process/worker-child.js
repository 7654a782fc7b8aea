// A worker process for tests (see worker-process.ts): configuration from the environment, no migrations (the
// test database is cloned from the migrated template). Tells the parent when it is processing.
require('reflect-metadata');
require('./ts-register');
const { loadConfig } = require('@outside-in/common');
const { startWorker } = require('../../../apps/worker/src/start-worker');

startWorker(loadConfig(), { migrate: false }).then(
  () => process.send?.({ ready: true }),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
