// Three tiers: fast pure-function specs beside the code (unit); services with their real
// repositories on a database of their own per test file, without HTTP (medium); and e2e specs that
// boot the real app on a fresh SQLite file per test file and talk to it over HTTP.
const path = require('path');
const root = path.resolve(__dirname, '..');
const tsJest = ['ts-jest', { tsconfig: path.join(root, 'test/tsconfig.json') }];
// The tiers that boot the app migrate one template database per run and copy it for each test file
// (test/support/test-database.ts), which is faster than migrating an empty file every time.
const databaseTemplate = {
  globalSetup: '<rootDir>/test/support/database-template.setup.ts',
  globalTeardown: '<rootDir>/test/support/database-template.teardown.ts',
};

module.exports = {
  rootDir: root,
  // Jest applies testTimeout only from the top level (jest-circus reads the global config; a
  // project's own is ignored): the e2e boots need more than the default 5 s on a loaded machine.
  testTimeout: 60000,
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
      ...databaseTemplate,
    },
    {
      displayName: 'e2e',
      ...databaseTemplate,
      rootDir: root,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
  ],
};
