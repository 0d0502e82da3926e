// Two projects: fast pure-function specs beside the code, and e2e specs that boot the real app
// on a fresh SQLite file per test file.
const path = require('path');
const root = path.resolve(__dirname, '..');
const tsJest = ['ts-jest', { tsconfig: path.join(root, 'test/tsconfig.json') }];

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
      displayName: 'e2e',
      rootDir: root,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
  ],
};
