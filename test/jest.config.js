// Two projects: fast pure-function specs beside the code, and e2e specs that boot the real app
// on a fresh SQLite file per test file.
const path = require('path');
const root = path.resolve(__dirname, '..');
const tsJest = ['ts-jest', { tsconfig: path.join(root, 'test/tsconfig.json') }];

module.exports = {
  rootDir: root,
  // Jest reads testTimeout from the global configuration only: inside a project it is ignored, and
  // the e2e tests then ran with the 5 s default (and timed out on a loaded machine).
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
      displayName: 'e2e',
      rootDir: root,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      testTimeout: 60000,
    },
  ],
};
