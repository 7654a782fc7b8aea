// A worker process for tests (see worker-process.ts): configuration from the environment, no migrations (the
// test database is cloned from the migrated template). Tells the parent when it is processing.
require('reflect-metadata');
require('./ts-register');
const { loadConfig } = require('@outside-in/common');
const { DEFAULT_PUBLISHING_OPTIONS } = require('@outside-in/publishing');
const { startWorker } = require('../../../apps/worker/src/start-worker');

// Tests shorten the engine's timings (retries, settling, stuck claims) the way PublishingModule.forRoot(overrides)
// does in-process: the worker module reads the defaults when it is built, after this.
if (process.env.OI_TEST_PUBLISHING_OPTIONS) {
  Object.assign(DEFAULT_PUBLISHING_OPTIONS, JSON.parse(process.env.OI_TEST_PUBLISHING_OPTIONS));
}

startWorker(loadConfig(), { migrate: false }).then(
  () => process.send?.({ ready: true }),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
