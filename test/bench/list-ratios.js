#!/usr/bin/env node
/**
 * The two ratios of the list against its floors, alone (the full `npm run bench` takes 30+ minutes):
 * the uncached list (`Cache-Control: no-cache`) against the best implementation (limit-server.js),
 * and a cache hit against a bare Fastify route answering the same bytes (scenarios/cache-hit.js),
 * every target in the same alternating rounds (the order rotates each round), so that other load on
 * the machine hits all alike. With --compare-build, another checkout's build (say main's, on its own
 * copy of the database: the app writes to it) is measured in the same rounds, uncached and hit.
 * Answers are checked first: the best implementation's and the other build's deep-equal the app's.
 *
 *   node test/bench/list-ratios.js <database copy> [--rounds 5] [--duration 5] [--warmup 2] [--connections 50]
 *     [--compare-build <checkout> --compare-db <another copy> [--compare-node-args "<flags>"]]
 *
 * Prints, per target, CPU ms per answered request and req/s over all rounds, then each ratio of CPU
 * per request pooled over the rounds and per round (min / median / max), with the load average before
 * and after.
 */
const os = require('node:os');
const { join } = require('node:path');
const { TIME_ZONE } = require('./generate');
const { inRounds, target } = require('./lib/load');
const { startApp, startBest, compareWithBaseline } = require('./lib/processes');
const { startBare } = require('./scenarios/cache-hit');

const LIST_PATH = '/api/v1/recommendations?status=in_progress&limit=50';
const NO_CACHE = { 'cache-control': 'no-cache' };

function options(argv) {
  const value = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const db = argv[0];
  if (!db || db.startsWith('--')) throw new Error('usage: list-ratios.js <database copy> [options] (see the file header)');
  const compareBuild = value('--compare-build', undefined);
  const compareDb = value('--compare-db', undefined);
  if (compareBuild && !compareDb) throw new Error('--compare-build needs --compare-db (its own copy: the app writes to it)');
  return {
    db,
    compareBuild,
    compareDb,
    rounds: Number(value('--rounds', 5)),
    durationSec: Number(value('--duration', 5)),
    warmupSec: Number(value('--warmup', 2)),
    connections: Number(value('--connections', 50)),
    nodeArgs: require('../../package.json').config.nodeArgs.split(' ').filter(Boolean),
    /** Flags for the compared build's node (default: the same as this build's), e.g. another heap setting. */
    compareNodeArgs: value('--compare-node-args', undefined)?.split(' ').filter(Boolean),
  };
}

const log = (line) => process.stderr.write(`[list-ratios] ${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
const perRequest = (s) => (s.ok > 0 && s.cpuUsedMs !== null ? s.cpuUsedMs / s.ok : NaN);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const opts = options(process.argv.slice(2));
  const started = [];
  const start = async (promise) => {
    const p = await promise;
    started.push(p);
    return p;
  };
  try {
    const app = await start(startApp(opts.db, { timeZone: TIME_ZONE, nodeArgs: opts.nodeArgs }));
    const best = await start(startBest(opts.db, { timeZone: TIME_ZONE }));
    const other = opts.compareBuild
      ? await start(
          startApp(opts.compareDb, {
            timeZone: TIME_ZONE,
            nodeArgs: opts.compareNodeArgs ?? opts.nodeArgs,
            dist: join(opts.compareBuild, 'dist'),
            name: 'compare-build',
          }),
        )
      : null;
    for (const [name, server] of [
      ['best implementation', best],
      ['compared build', other],
    ]) {
      if (!server) continue;
      const mismatch = await compareWithBaseline(app.base, server.base, LIST_PATH);
      if (mismatch) throw new Error(`the ${name}'s answer differs from the app's: ${mismatch}`);
      log(`the ${name}'s answer deep-equals the app's`);
    }
    const bare = await startBare(app, LIST_PATH);
    if (bare.skipped) throw new Error(`no bare route: ${bare.skipped}`);
    started.push({ stop: bare.stop });

    const targets = {
      'app, uncached': target(app, NO_CACHE),
      best: target(best),
      'app, hit': target(app),
      'bare Fastify': target(bare.bare),
      ...(other ? { 'compared build, uncached': target(other, NO_CACHE), 'compared build, hit': target(other) } : {}),
    };
    const loadBefore = load();
    log(`load average before: ${loadBefore}; ${opts.rounds} rounds × ${opts.durationSec} s per target`);
    const list = Object.values(targets);
    const figures = await inRounds(list, LIST_PATH, { ...opts, durationSec: opts.durationSec * opts.rounds }, opts.rounds);
    const loadAfter = load();

    const lines = [`Load average (1 / 5 / 15 min) before: ${loadBefore}; after: ${loadAfter}`, ''];
    lines.push('| Target | CPU ms/req | req/s | errors |', '|---|---:|---:|---:|');
    Object.keys(targets).forEach((name, i) =>
      lines.push(`| ${name} | ${figures[i].cpuMsPerRequest} | ${figures[i].rps} | ${figures[i].errors} |`),
    );
    const ratios = [
      ['app uncached ÷ best', 'app, uncached', 'best'],
      ['app hit ÷ bare Fastify', 'app, hit', 'bare Fastify'],
      ...(other
        ? [
            ['compared build uncached ÷ best', 'compared build, uncached', 'best'],
            ['compared build hit ÷ bare Fastify', 'compared build, hit', 'bare Fastify'],
            ['app uncached ÷ compared build uncached', 'app, uncached', 'compared build, uncached'],
          ]
        : []),
    ];
    lines.push('', '| CPU per request | pooled | per round: min / median / max |', '|---|---:|---|');
    for (const [label, a, b] of ratios) {
      const [x, y] = [figures[Object.keys(targets).indexOf(a)], figures[Object.keys(targets).indexOf(b)]];
      const rounds = targets[a].samples.map((s, k) => perRequest(s) / perRequest(targets[b].samples[k]));
      const f = (v) => v.toFixed(2);
      lines.push(
        `| ${label} | ${f(x.cpuMsPerRequest / y.cpuMsPerRequest)} | ${f(Math.min(...rounds))} / ${f(median(rounds))} / ${f(Math.max(...rounds))} |`,
      );
    }
    lines.push('', 'Per round, CPU ms / answers:');
    for (const [name, t] of Object.entries(targets))
      lines.push(`- ${name}: ${t.samples.map((x) => `${x.cpuUsedMs} / ${x.ok}`).join(', ')}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const p of started.reverse()) await p.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
