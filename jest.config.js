// Three tiers (see CONVENTIONS.md): unit beside the code, integration against the real Postgres and
// Redis, browser in Debian's Chromium. @swc/jest keeps decorator metadata, which TypeORM and Nest need.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@outside-in/(common|database|queue|platforms|guardrails|guardrail-settings|channels|publishing|inbox|records)$':
    '<rootDir>/libs/$1/src',
  '^@outside-in/(common|database|queue|platforms|guardrails|guardrail-settings|channels|publishing|inbox|records)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
};

const base = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // masto's CommonJS build requires change-case, which ships ESM only: let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!change-case/)'],
};

module.exports = {
  // Project-level timeouts are not honoured by jest 30; browser tests raise theirs with jest.setTimeout.
  testTimeout: 60000,
  // Most tests wait on Postgres, Redis, HTTP or Chromium rather than the CPU: two workers on two cores.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/apps/web/src/**/*.spec.tsx'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
