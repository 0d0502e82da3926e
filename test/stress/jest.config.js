// `npm run test:stress`: the load test with writes, on the production build (not part of `npm test`).
const path = require('path');
const root = path.resolve(__dirname, '..', '..');

module.exports = {
  rootDir: root,
  testMatch: ['<rootDir>/test/stress/**/*.stress-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'test/tsconfig.json') }] },
  testEnvironment: 'node',
  testTimeout: 600000,
};
