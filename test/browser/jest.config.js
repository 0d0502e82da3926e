// Browser tests (npm run test:browser): the real app, in-process on a seeded database, driven by
// Debian's chromium through playwright-core. Kept out of `npm test` (test/jest.config.js), which must
// pass on a machine without a browser. Same TypeScript transform as the e2e project.
const path = require('path');
const main = require('../jest.config.js');

const e2e = main.projects.find((p) => p.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'browser',
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  testTimeout: 120000,
  // One browser, one app: run the files one after another.
  maxWorkers: 1,
};
