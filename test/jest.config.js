// Two projects: fast pure-function specs beside the code, and e2e specs that boot the real app
// on a fresh SQLite file per test file.
const path = require('path');
const root = path.resolve(__dirname, '..');
const tsJest = ['ts-jest', { tsconfig: path.join(root, 'test/tsconfig.json') }];
// content-disposition 3 (used by @fastify/static, which serves the API docs UI) ships only ESM. Node 20.19+
// loads it natively through require(esm); Jest's module system cannot, so tests transpile it to CommonJS.
const esmOnly = ['content-disposition'];
const esmTransform = {
  transform: { '^.+\\.ts$': tsJest, [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }] },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
};

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
      displayName: 'e2e',
      rootDir: root,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      ...esmTransform,
      testEnvironment: 'node',
      testTimeout: 60000,
    },
  ],
};
