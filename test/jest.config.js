// Three tiers: fast pure-function specs beside the code (unit); services with their real
// repositories on a database of their own per test file, without HTTP (medium); and e2e specs that
// boot the real app on a fresh SQLite file per test file and talk to it over HTTP.
const path = require('path');
const root = path.resolve(__dirname, '..');
const tsJest = ['ts-jest', { tsconfig: path.join(root, 'test/tsconfig.json') }];

module.exports = {
  rootDir: root,
  projects: [
    {
      displayName: 'unit',
      rootDir: root,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'medium',
      rootDir: root,
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      // One migrated template database per run, copied for each test file (test/support/test-database.ts).
      globalSetup: '<rootDir>/test/medium/global-setup.ts',
      globalTeardown: '<rootDir>/test/medium/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      displayName: 'e2e',
      rootDir: root,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      testTimeout: 60000,
    },
  ],
};
