#!/usr/bin/env node
// Time to first byte, whole-answer time and peak RSS of the iCalendar feed, built (not from the cache)
// by one or more builds of the app on the same database, in interleaved rounds (each build started
// fresh for each round, so each round's first request is a build of the feed). While the feed is
// built, /health is requested every 20 ms: its slowest answer says how long the event loop was held.
//
//   npm run build && node test/bench/feed-stream.js <db.sqlite> [--dist dist,/tmp/other/dist] [--rounds 3]
//                                                   [--path /feeds/deadlines.ics,/api/v1/stats] [--no-heap-cap]
//                                                   [--pragmas "cache_size = -8000; temp_store = FILE|…"]
//
// Several paths are requested one after another in the same process (each reported with the peak RSS
// after it). --pragmas measures the same build again with other SQLite settings (lib/sqlite-pragmas.js
// replaces the app's when it sets them; '|' separates variants): how much of the RSS is SQLite's.
//
// The apps run on <db.sqlite> itself (one at a time; the notification scheduler may write to it), so
// pass a copy. Peak RSS is the kernel's VmHWM of the app's process: after start-up, then after the
// feed, so the difference is what building the feed added. Nothing is asserted.
const http = require('http');
const { setTimeout: sleep } = require('timers/promises');
const os = require('os');
const { resolve } = require('path');
const { startApp, memoryOf } = require('./lib/processes');
const { DIST } = require('./lib/paths');

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const dbPath = args[0];
if (!dbPath || dbPath.startsWith('--')) {
  console.error('usage: node test/bench/feed-stream.js <db.sqlite> [--dist a,b] [--rounds 3] [--path /feeds/deadlines.ics]');
  process.exit(2);
}
const targets = value('--dist', DIST)
  .split(',')
  .flatMap((d) => ['', ...(value('--pragmas', undefined)?.split('|') ?? [])].map((pragmas) => ({ dist: resolve(d), pragmas })));
const rounds = Number(value('--rounds', 3));
const paths = value('--path', '/feeds/deadlines.ics').split(',');
const nodeArgs = args.includes('--no-heap-cap') ? [] : require('../../package.json').config.nodeArgs.split(' ');

/** One GET: ms to the response head, to the first body byte and to the end, and the bytes. */
function timed(url) {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const req = http.get(url, { agent: false }, (res) => {
      const headMs = ms();
      let firstByteMs = null;
      let bytes = 0;
      res.on('data', (chunk) => {
        if (firstByteMs === null) firstByteMs = ms();
        bytes += chunk.length;
      });
      res.on('end', () =>
        done({ status: res.statusCode, headMs, firstByteMs, totalMs: ms(), bytes, chunked: !res.headers['content-length'] }),
      );
    });
    req.on('error', fail);
  });
}

/** Requests /health every `everyMs` until stopped; resolves with the slowest answer's ms. */
function probeHealth(base, everyMs = 20) {
  let stopped = false;
  let worst = 0;
  const loop = (async () => {
    while (!stopped) {
      const r = await timed(`${base}/health`);
      worst = Math.max(worst, r.totalMs);
      await sleep(everyMs);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return worst;
  };
}

async function measure({ dist, pragmas }) {
  const preload = pragmas ? ['-r', resolve(__dirname, 'lib/sqlite-pragmas.js')] : [];
  const env = pragmas ? { BENCH_SQLITE_PRAGMAS: pragmas } : {};
  const app = await startApp(dbPath, { timeZone: 'America/Chicago', nodeArgs: [...nodeArgs, ...preload], dist, env });
  try {
    await timed(`${app.base}/health`);
    const bootPeakMb = memoryOf(app.pid).peakMb;
    const steps = [];
    for (const path of paths) {
      const stop = probeHealth(app.base);
      const first = await timed(app.base + path);
      const healthWorstMs = await stop();
      const afterPeakMb = memoryOf(app.pid).peakMb;
      const cached = await timed(app.base + path);
      steps.push({ path, first, cachedMs: cached.totalMs, healthWorstMs, afterPeakMb });
    }
    return { bootPeakMb, steps };
  } finally {
    await app.stop();
  }
}

(async () => {
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ');
  const name = (t) => `${t.dist}${t.pragmas ? ` [${t.pragmas}]` : ''}`;
  console.log(`${paths.join(', ')} on ${dbPath}; node ${nodeArgs.join(' ') || '(no heap cap)'}; load average before ${load()}`);
  const results = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round, so a change in the machine's load hits every target alike.
    for (let k = 0; k < targets.length; k++) {
      const i = (k + round) % targets.length;
      const r = await measure(targets[i]);
      results[i].push(r);
      console.log(`round ${round + 1} ${name(targets[i])}: peak RSS ${r.bootPeakMb.toFixed(0)} MB after start-up`);
      for (const s of r.steps) {
        console.log(
          `  ${s.path}: status ${s.first.status}, ${s.first.bytes} bytes${s.first.chunked ? ' (chunked)' : ''}, ` +
            `first byte ${s.first.firstByteMs.toFixed(0)} ms, whole ${s.first.totalMs.toFixed(0)} ms, cached ${s.cachedMs.toFixed(0)} ms, ` +
            `slowest /health ${s.healthWorstMs.toFixed(0)} ms, peak RSS ${s.afterPeakMb.toFixed(0)} MB`,
        );
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\nmedians over ${rounds} rounds (load average after ${load()}):`);
  console.log('| target | request | first byte ms | whole ms | slowest /health ms | peak RSS MB after it (after start-up) |');
  console.log('|---|---|---:|---:|---:|---:|');
  targets.forEach((t, i) => {
    paths.forEach((path, j) => {
      const rs = results[i].map((r) => r.steps[j]);
      console.log(
        `| ${name(t)} | ${path} | ${median(rs.map((s) => s.first.firstByteMs)).toFixed(0)} | ${median(rs.map((s) => s.first.totalMs)).toFixed(0)} | ` +
          `${median(rs.map((s) => s.healthWorstMs)).toFixed(0)} | ${median(rs.map((s) => s.afterPeakMb)).toFixed(0)} ` +
          `(${median(results[i].map((r) => r.bootPeakMb)).toFixed(0)}) |`,
      );
    });
  });
  for (let i = 1; i < targets.length; i++) {
    paths.forEach((path, j) => {
      const ratio = (f) => median(results[0].map((r, k) => f(r.steps[j]) / f(results[i][k].steps[j])));
      console.log(
        `paired per-round ratios, ${name(targets[0])} ÷ ${name(targets[i])}, ${path}: first byte ${ratio((s) => s.first.firstByteMs).toFixed(2)}, ` +
          `whole ${ratio((s) => s.first.totalMs).toFixed(2)}, peak RSS ${ratio((s) => s.afterPeakMb).toFixed(2)}`,
      );
    });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
