/** Where things are, and the production build the benchmark measures. */
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'dist');
const BENCH = join(ROOT, 'test', 'bench');
const CACHE_DIR = join(BENCH, '.cache');
const RESULTS_DIR = join(BENCH, 'results');

/** Loads a compiled module of the app (the same code the production build runs). */
function requireDist(relative) {
  return require(join(DIST, relative));
}

/** Builds the app when dist/ is missing or stale (the same check `npm start` does). */
function ensureBuilt() {
  execFileSync(process.execPath, [join(ROOT, 'src', 'build-if-needed.js')], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(DIST, 'src', 'main.js'))) throw new Error('dist/src/main.js is missing after the build');
}

module.exports = { ROOT, DIST, BENCH, CACHE_DIR, RESULTS_DIR, requireDist, ensureBuilt };
