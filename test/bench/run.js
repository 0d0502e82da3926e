#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]`: the performance benchmark. See test/bench/README.md.
 *
 * For each size (1k, 10k, 100k items; --quick: 1k and 10k) it starts the production build on a
 * private copy of a generated database and measures start-up (spawn → first 200 from /health),
 * then loads the list request with autocannon. A raw node:http + better-sqlite3 server answering
 * the list with the same SQL and JSON (checked deep-equal first) is measured at every size, in
 * rounds alternating with the app, for the app-to-baseline ratio. At the largest size every other
 * scenario runs too: list with q, one item, stats, dashboard, iCalendar feed (an endpoint that
 * answers 404 is skipped as "not available yet"). Scenario 5, notifications, is the pluggable
 * scenarios/notifications.js. Results: a Markdown table on stdout and in results/latest.md, the
 * same figures in results/latest.json (--quick writes .cache/quick.{md,json} instead, so a smoke
 * run never replaces the committed figures; a growth run, results/growth.{md,json}).
 *
 * Options: --quick · --duration <s> (per scenario) · --warmup <s> · --connections <n> ·
 * --sizes 1000,10000 · --size <n> (growth: 100k and n, every scenario at both, scenarios/growth.js) · --emails <n> (notification dispatch) · --regenerate (rebuild the cached databases) · --node-args "<flags for the app's node>"
 * · --compare-build <dir> (another checkout's build, say main's: its uncached list, then at the largest size the cached list and every
 *   scenario, are measured in rounds alternating with this build's, with the ratios in a "Before and after" table)
 * · --postgres (the same dataset on SQLite and on PostgreSQL, and 1 and 3 instances: scenarios/postgres.js)
 *
 * Beside the baseline, the list is measured against the best implementation this benchmark knows
 * (limit-server.js: node:http + better-sqlite3 over the prebuilt list rows, the page written as text),
 * also checked equal first: "app ÷ best" is the CPU the app spends per uncached list above that floor.
 */
const { Buffer } = require('node:buffer');
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join, relative } = require('node:path');
const Database = require('better-sqlite3');
const { ensureDatabase, SEARCH_TERM, TIME_ZONE, GENERATOR_VERSION } = require('./generate');
const { measure, sample, summarize, inRounds, target } = require('./lib/load');
const { ROOT, DIST, CACHE_DIR, RESULTS_DIR, ensureBuilt } = require('./lib/paths');
const { get, startApp, startBaseline, startBest, compareWithBaseline } = require('./lib/processes');
const { evaluateTargets, toMarkdown } = require('./lib/report');
const cacheHit = require('./scenarios/cache-hit');
const { isGrowth, runsEverything } = require('./scenarios/growth');

function options(argv) {
  const value = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const quick = argv.includes('--quick');
  return {
    quick,
    regenerate: argv.includes('--regenerate'),
    durationSec: Number(value('--duration', quick ? 3 : 10)),
    warmupSec: Number(value('--warmup', quick ? 1 : 2)),
    connections: Number(value('--connections', 50)),
    /** Flags for the app's node process; by default the ones `npm start` uses (package.json config.nodeArgs). */
    nodeArgs: value('--node-args', require('../../package.json').config.nodeArgs).split(' ').filter(Boolean),
    /** One request slower than this is reported, not load-tested (it would only queue up). */
    slowMs: quick ? 3_000 : 5_000,
    /** How long the single probe request may take before the endpoint is reported as too slow. */
    probeTimeoutMs: quick ? 20_000 : 60_000,
    /** Emails the notification scenario dispatches (default: all 100,000 it queues; 2,000 with --quick). */
    emails: value('--emails', undefined) === undefined ? undefined : Number(value('--emails')),
    compareBuild: value('--compare-build', undefined),
    sizes: value('--sizes', value('--size') ? `100000,${value('--size')}` : quick ? '1000,10000' : '1000,10000,100000')
      .split(',')
      .map(Number)
      .sort((a, b) => a - b),
  };
}

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const LIST_PATH = '/api/v1/recommendations?status=in_progress&limit=50';

/**
 * What runs at the largest size after the list, cheapest and most important first; the feeds and
 * the dashboard last, so that an endpoint too slow to load-test cannot disturb the API figures.
 */
function scenarios(detailSlug) {
  // A word exactly one item has at any size: the number its slug ends with.
  const rare = detailSlug.split('-').pop();
  return [
    {
      key: 'search',
      label: `List with q="${SEARCH_TERM}"`,
      path: `${LIST_PATH}&q=${encodeURIComponent(SEARCH_TERM)}`,
    },
    {
      // Two connections: each request does the whole search, and at 50 connections their interleaved
      // queries all finish together after seconds, so none completes in the window and the backlog
      // delays the next scenario.
      key: 'searchUncached',
      label: `List with q="${SEARCH_TERM}", response cache skipped (2 connections)`,
      path: `${LIST_PATH}&q=${encodeURIComponent(SEARCH_TERM)}`,
      headers: { 'cache-control': 'no-cache' },
      connections: 2,
    },
    {
      // The search plan (src/database/search-plan.ts) at its other end: a word one item has, alone and
      // beside a word nearly every item has. Cache skipped, two connections, as above.
      key: 'searchRare',
      label: `List with q="${rare}" (one item), response cache skipped (2 connections)`,
      path: `${LIST_PATH}&q=${rare}`,
      headers: { 'cache-control': 'no-cache' },
      connections: 2,
    },
    {
      key: 'searchMixed',
      label: `List with q="${rare} pursuit" (a rare word and a common one), response cache skipped (2 connections)`,
      path: `${LIST_PATH}&q=${encodeURIComponent(`${rare} pursuit`)}`,
      headers: { 'cache-control': 'no-cache' },
      connections: 2,
    },
    { key: 'detail', label: 'One recommendation', path: `/api/v1/recommendations/${detailSlug}` },
    { key: 'stats', label: 'Stats', path: '/api/v1/stats' },
    { key: 'dashboard', label: 'Dashboard', path: '/' },
    { key: 'ics', label: 'iCalendar feed of deadlines', path: '/feeds/deadlines.ics' },
  ];
}

/** Removes working copies and half-built databases that crashed runs left behind (a day old). */
function removeLeftovers() {
  for (const f of readdirSync(CACHE_DIR)) {
    if (!/^(run|notify)-|\.building-/.test(f)) continue;
    const path = join(CACHE_DIR, f);
    if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { force: true });
  }
}

/**
 * A private copy of a cached database: nothing the app writes reaches the cache, and nothing
 * another run does to the cache (regenerating it for other migrations) reaches this run.
 */
function workingCopy(cachedPath, name) {
  const path = join(CACHE_DIR, `${name}-${process.pid}.sqlite`);
  removeCopy(path);
  copyFileSync(cachedPath, path);
  return path;
}

function removeCopy(path) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

function pickDetailSlug(dbPath) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM recommendation WHERE headline_status = 'in_progress'`).get();
    return db
      .prepare(`SELECT slug FROM recommendation WHERE headline_status = 'in_progress' ORDER BY slug LIMIT 1 OFFSET ?`)
      .get(Math.floor(n / 2)).slug;
  } finally {
    db.close();
  }
}

/**
 * Requests once. Returns { skip } with the reason not to load-test ("not available yet (404)",
 * an error status, or one request slower than `slowMs`), and the first answer's time and size.
 */
async function probe(base, path, { slowMs, probeTimeoutMs }) {
  const started = process.hrtime.bigint();
  const elapsedMs = () => Number((Number(process.hrtime.bigint() - started) / 1e6).toFixed(2));
  try {
    const res = await get(base + path, { timeoutMs: probeTimeoutMs });
    const firstMs = elapsedMs();
    const first = { firstMs, firstBytes: Buffer.byteLength(res.body) };
    if (res.status === 404) return { skip: 'not available yet (404)', ...first };
    if (res.status < 200 || res.status >= 300) return { skip: `answers ${res.status}, not measured`, ...first };
    if (firstMs > slowMs) {
      const mb = (first.firstBytes / 1024 / 1024).toFixed(1);
      return { skip: `one request took ${(firstMs / 1000).toFixed(1)} s for ${mb} MB: too slow to load-test`, ...first };
    }
    return { skip: null, ...first };
  } catch (error) {
    const timedOut = /timed out/.test(error.message);
    return {
      skip: timedOut
        ? `one request took over ${probeTimeoutMs / 1000} s: too slow to load-test`
        : `request failed: ${error.message}`,
      firstMs: timedOut ? elapsedMs() : null,
    };
  }
}

function machine() {
  const cpus = os.cpus();
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    // not a git checkout
  }
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version() AS v').get().v;
  db.close();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    commit,
  };
}

const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const quotient = (x, y) => (x && y ? Number((x / y).toFixed(2)) : null);

/** Everything measured on one database size; fills `results` (and returns the per-size figures). */
async function runSize(size, dbPath, opts, results) {
  const largest = size === results.meta.largest;
  const everything = runsEverything(size, results.meta);
  const load = { connections: opts.connections, durationSec: opts.durationSec, warmupSec: opts.warmupSec };
  const detailSlug = pickDetailSlug(dbPath);
  log(`${size} items: starting the app`);
  const app = await startApp(dbPath, { timeZone: TIME_ZONE, nodeArgs: opts.nodeArgs });
  let baseline = null;
  let best = null;
  let other = null;
  let otherCopy = null;
  const perSize = { startupMs: Math.round(app.startupMs) };
  const show = (label, m) =>
    log(
      `${size} items: ${label}: ${m.rps} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.errors} errors, ${m.cpuMsPerRequest} CPU ms/req`,
    );
  try {
    log(`${size} items: app answered /health after ${perSize.startupMs} ms`);

    // 1. The list, as clients get it (response cache on).
    const list = await measure(app.base + LIST_PATH, { ...load, cpuMs: app.cpuMs });
    show('list', list);
    Object.assign(perSize, {
      rps: list.rps,
      p50Ms: list.p50Ms,
      p99Ms: list.p99Ms,
      errors: list.errors,
      cpuMsPerRequest: list.cpuMsPerRequest,
    });
    if (largest) results.list = { label: 'List: status=in_progress, limit=50', path: LIST_PATH, firstMs: null, ...list };

    // 2. The baseline answers the same request with the same JSON (checked first). It is compared
    // with the app skipping its response cache (Cache-Control: no-cache), so both do the same work,
    // in alternating rounds, so that other load on the machine hits both alike (the idle one costs
    // nothing meanwhile).
    baseline = await startBaseline(dbPath, { timeZone: TIME_ZONE });
    const mismatch = await compareWithBaseline(app.base, baseline.base, LIST_PATH);
    if (mismatch) {
      results.problems.push(`${size} items: the baseline's JSON differs from the app's: ${mismatch}`);
      log(`${size} items: WARNING baseline JSON differs from the app's: ${mismatch}`);
    } else {
      log(`${size} items: baseline JSON deep-equals the app's`);
    }
    perSize.baselineJsonEqual = mismatch === null;
    best = await startBest(dbPath, { timeZone: TIME_ZONE });
    const bestMismatch = await compareWithBaseline(app.base, best.base, LIST_PATH);
    if (bestMismatch) {
      results.problems.push(`${size} items: the best implementation's JSON differs from the app's: ${bestMismatch}`);
      log(`${size} items: WARNING best implementation's JSON differs from the app's: ${bestMismatch}`);
    } else {
      log(`${size} items: best implementation's JSON deep-equals the app's`);
    }
    perSize.bestJsonEqual = bestMismatch === null;
    if (opts.compareBuild) {
      otherCopy = workingCopy(dbPath, 'compare');
      other = await startApp(otherCopy, {
        timeZone: TIME_ZONE,
        nodeArgs: opts.nodeArgs,
        dist: join(opts.compareBuild, 'dist'),
        name: 'compare-build',
      });
      const otherMismatch = await compareWithBaseline(app.base, other.base, LIST_PATH);
      if (otherMismatch)
        results.problems.push(`${size} items: the compared build's JSON differs from the app's: ${otherMismatch}`);
      perSize.compareJsonEqual = otherMismatch === null;
    }
    // Alternating rounds (the order rotates), so that other load on the machine hits all alike.
    const targets = [
      { name: 'app', base: app.base, cpuMs: app.cpuMs, headers: { 'cache-control': 'no-cache' }, samples: [] },
      { name: 'baseline', base: baseline.base, cpuMs: baseline.cpuMs, headers: {}, samples: [] },
      { name: 'best', base: best.base, cpuMs: best.cpuMs, headers: {}, samples: [] },
      ...(other
        ? [{ name: 'compare', base: other.base, cpuMs: other.cpuMs, headers: { 'cache-control': 'no-cache' }, samples: [] }]
        : []),
    ];
    const [u, b, bst, cmp] = await inRounds(targets, LIST_PATH, load);
    for (const p of [baseline, best]) await p.stop();
    baseline = best = null;
    show('list, response cache skipped', u);
    show('raw baseline', b);
    show('best implementation', bst);
    if (cmp) show(`compared build (${opts.compareBuild}), cache skipped`, cmp);
    if (largest) Object.assign(results.list, { uncached: u });
    Object.assign(perSize, {
      uncachedRps: u.rps,
      uncachedP50Ms: u.p50Ms,
      uncachedP99Ms: u.p99Ms,
      uncachedErrors: u.errors,
      uncachedCpuMsPerRequest: u.cpuMsPerRequest,
      baselineRps: b.rps,
      baselineP50Ms: b.p50Ms,
      baselineP99Ms: b.p99Ms,
      baselineCpuMsPerRequest: b.cpuMsPerRequest,
      ratio: quotient(u.rps, b.rps),
      cachedRatio: quotient(perSize.rps, b.rps),
      cpuRatio: quotient(b.cpuMsPerRequest, u.cpuMsPerRequest),
      bestRps: bst.rps,
      bestP50Ms: bst.p50Ms,
      bestP99Ms: bst.p99Ms,
      bestCpuMsPerRequest: bst.cpuMsPerRequest,
      cpuToBest: quotient(u.cpuMsPerRequest, bst.cpuMsPerRequest),
      ...(cmp
        ? {
            compareRps: cmp.rps,
            compareCpuMsPerRequest: cmp.cpuMsPerRequest,
            rpsToCompare: quotient(u.rps, cmp.rps),
            cpuToCompare: quotient(u.cpuMsPerRequest, cmp.cpuMsPerRequest),
          }
        : {}),
    });

    // 3. A cache hit against a bare Fastify route answering the same bytes (scenarios/cache-hit.js).
    if (largest) {
      results.cacheHit = await cacheHit.run({ app, path: LIST_PATH, load, log: (line) => log(`${size} items: ${line}`) });
    }

    // 4. Everything else, at the largest size (and, in a growth run, at every size from 100k).
    if (everything) {
      perSize.scenarios = {};
      if (other && largest) {
        // Before and after: the uncached list above, then the list as clients get it and every scenario
        // below, each in rounds alternating between the two builds.
        results.compare = {
          build: opts.compareBuild,
          rows: [
            compareRow(
              { key: 'listUncached', label: 'List, response cache skipped' },
              u,
              cmp,
              {},
              { sameAnswer: perSize.compareJsonEqual },
            ),
          ],
        };
        const listFirst = { firstMs: null, sameAnswer: perSize.compareJsonEqual };
        const [a, c] = await inRounds([target(app), target(other)], LIST_PATH, load);
        results.compare.rows.push(compareRow({ key: 'list', label: 'List (response cache on)' }, a, c, listFirst, listFirst));
      }
      for (const s of scenarios(detailSlug)) {
        if (s.key === 'dashboard' && largest) results.memory.peakRssApiMb = Number(app.peakRssMb().toFixed(1));
        const p = await probe(app.base, s.path, opts);
        const po = other && largest ? await probe(other.base, s.path, opts) : null;
        let figures;
        if (p.skip) {
          log(`${size} items: ${s.label} (GET ${s.path}): skipped, ${p.skip}`);
          figures = { label: s.label, path: s.path, skipped: p.skip, firstMs: p.firstMs, firstBytes: p.firstBytes };
          if (po) results.compare.rows.push({ ...compareRow(s, null, null, p, po), skipped: p.skip });
        } else if (po) {
          const same = await sameAnswer(app.base, other.base, s.path, s.headers);
          const run = { ...load, connections: s.connections ?? load.connections };
          const [a, c] = po.skip
            ? [summarize([await sample(app.base + s.path, { ...run, headers: s.headers, cpuMs: app.cpuMs })]), null]
            : await inRounds([target(app, s.headers), target(other, s.headers)], s.path, run);
          show(s.label, a);
          if (c) show(`${s.label}, compared build`, c);
          figures = { label: s.label, path: s.path, firstMs: p.firstMs, firstBytes: p.firstBytes, ...a };
          results.compare.rows.push({
            ...compareRow(s, a, c, p, { ...po, sameAnswer: same }),
            skipped: po.skip ? `compared build: ${po.skip}` : null,
          });
        } else {
          const m = await measure(app.base + s.path, {
            ...load,
            connections: s.connections ?? load.connections,
            headers: s.headers,
            cpuMs: app.cpuMs,
          });
          show(s.label, m);
          figures = { label: s.label, path: s.path, firstMs: p.firstMs, firstBytes: p.firstBytes, ...m };
        }
        perSize.scenarios[s.key] = figures;
        if (largest) results[s.key] = figures;
      }
    }
  } catch (error) {
    results.problems.push(`${size} items: ${error.message}`);
    log(`${size} items: FAILED ${error.stack}\n${app.output()}`);
  } finally {
    perSize.peakRssMb = Number(app.peakRssMb().toFixed(1));
    await app.stop();
    for (const p of [baseline, best, other]) if (p) await p.stop();
    if (otherCopy) removeCopy(otherCopy);
  }
  return perSize;
}

/** Whether two servers answer `path` with the same status and bytes. */
async function sameAnswer(baseA, baseB, path, headers) {
  const [a, b] = await Promise.all([get(baseA + path, { headers }), get(baseB + path, { headers })]);
  return a.status === b.status && a.body === b.body;
}

/** One row of the before/after table: this build (`a`) and the compared one (`c`), with their ratios. */
function compareRow(s, a, c, first = {}, otherFirst = {}) {
  const pick = (m) =>
    m
      ? {
          rps: m.rps,
          p50Ms: m.p50Ms,
          p99Ms: m.p99Ms,
          errors: m.errors,
          cpuMsPerRequest: m.cpuMsPerRequest,
          bytesPerRequest: m.bytesPerRequest,
        }
      : null;
  return {
    key: s.key,
    label: s.label,
    path: s.path ?? LIST_PATH,
    app: pick(a),
    compare: pick(c),
    rpsRatio: quotient(a?.rps, c?.rps),
    cpuRatio: quotient(a?.cpuMsPerRequest, c?.cpuMsPerRequest),
    firstMs: first.firstMs ?? null,
    compareFirstMs: otherFirst.firstMs ?? null,
    firstBytes: first.firstBytes ?? null,
    compareFirstBytes: otherFirst.firstBytes ?? null,
    sameAnswer: otherFirst.sameAnswer ?? null,
  };
}

/** Scenario 5: the pluggable notifications scenario (null until that work has landed). */
async function runNotifications(dbPath, opts, results) {
  results.notify = { scanRowsPerSec: null, emailsPerSec: null };
  try {
    const scenario = require('./scenarios/notifications');
    const res = await scenario.run({
      dbPath,
      size: results.meta.largest,
      quick: opts.quick,
      root: ROOT,
      dist: DIST,
      timeZone: TIME_ZONE,
      smtp: require('./lib/smtp-sink'),
      log,
      emails: opts.emails,
      nodeArgs: opts.nodeArgs,
    });
    if (res) Object.assign(results.notify, res);
    else {
      results.notify.skipped = existsSync(join(ROOT, 'src', 'notifications'))
        ? 'scenario not written yet'
        : 'not available yet (no src/notifications)';
    }
  } catch (error) {
    results.notify.skipped = `failed: ${error.message}`;
    results.problems.push(`notifications: ${error.message}`);
    log(`notifications: FAILED ${error.stack}`);
  }
}

/** Scenario 6: writes (scenarios/writes.js), on its own copy of the largest database. */
async function runWrites(dbPath, opts, results) {
  try {
    results.writes = await require('./scenarios/writes').run({
      dbPath,
      seconds: opts.quick ? 4 : opts.durationSec,
      importItems: opts.quick ? 500 : 2000,
      nodeArgs: opts.nodeArgs,
      log,
    });
  } catch (error) {
    results.writes = { skipped: `failed: ${error.message}` };
    results.problems.push(`writes: ${error.message}`);
    log(`writes: FAILED ${error.stack}`);
  }
}

function writesMarkdown(w) {
  if (!w || w.skipped) return `\n## Writes\n\n${w?.skipped ?? 'not run'}\n`;
  const a = w.afterWrite;
  const r = w.underReaders;
  return [
    '',
    '## Writes (largest size)',
    '',
    '| | first request after a write, ms (median / min) | cached, ms (median / min) | first ÷ cached (medians / mins) |',
    '|---|---:|---:|---:|',
    ...Object.values(a).map(
      (x) =>
        `| \`GET ${x.path}\` after ${x.write} | ${x.firstMs} / ${x.firstMinMs} | ${x.cachedMs} / ${x.cachedMinMs} | ${x.ratio} / ${x.minRatio} |`,
    ),
    '',
    w.alone
      ? `Status changes alone, one after another: ${w.alone.writes}, p50 ${w.alone.writeP50Ms} ms, p99 ${w.alone.writeP99Ms} ms, ` +
        `app CPU ${w.alone.cpuMsPerWrite} ms per write.`
      : '',
    '',
    `Status changes under ${r.readers} uncached readers (${r.writesPerSecOffered}/s offered, writer on its own thread): ` +
      `${r.writes} done, p50 ${r.writeP50Ms} ms, p99 ${r.writeP99Ms} ms, max ${r.writeMaxMs} ms; reads ${r.readRps} req/s.`,
    '',
    w.import.skipped
      ? `Import: ${w.import.skipped}`
      : `Import: ${w.import.items} items (${w.import.rows} rows) in ${w.import.seconds} s: ${w.import.rowsPerSec} rows/s ` +
        `(${w.import.rowsPerCpuSec} rows per second of the app's CPU).`,
    '',
  ].join('\n');
}

async function main() {
  const opts = options(process.argv.slice(2));
  if (process.argv.includes('--postgres')) {
    // SQLite beside PostgreSQL, and 1 and 3 instances on PostgreSQL: scenarios/postgres.js.
    return require('./scenarios/postgres').main({ opts, listPath: LIST_PATH, scenarios, probe, pickDetailSlug, machine, log });
  }
  const started = Date.now();
  const loadBefore = loadAverage();
  log(
    `${opts.quick ? 'quick' : 'full'} run: sizes ${opts.sizes.join(', ')}, ${opts.connections} connections, ` +
      `${opts.durationSec} s per scenario after ${opts.warmupSec} s warm-up (load average ${loadBefore.join(' / ')})`,
  );
  ensureBuilt();
  mkdirSync(CACHE_DIR, { recursive: true });
  removeLeftovers();

  const largest = opts.sizes[opts.sizes.length - 1];
  const copies = {};
  const cached = {};
  for (const size of opts.sizes) {
    const res = await ensureDatabase(size, { force: opts.regenerate, log });
    log(`${size} items: ${res.cached ? 'cached' : `generated in ${(res.ms / 1000).toFixed(1)} s`} (${relative(ROOT, res.path)})`);
    copies[size] = workingCopy(res.path, `run-${size}`);
    cached[size] = res.path;
    if (size === largest) copies.notify = workingCopy(res.path, `notify-${size}`);
  }

  const results = {
    meta: {
      mode: opts.quick ? 'quick' : 'full',
      date: new Date().toISOString(),
      sizes: opts.sizes,
      largest,
      connections: opts.connections,
      durationSec: opts.durationSec,
      warmupSec: opts.warmupSec,
      nodeArgs: opts.nodeArgs,
      generatorVersion: GENERATOR_VERSION,
      searchTerm: SEARCH_TERM,
      machine: machine(),
      loadAverageBefore: loadBefore,
    },
    scaling: { sizes: {} },
    memory: {},
    problems: [],
  };

  try {
    for (const size of opts.sizes) {
      results.scaling.sizes[size] = await runSize(size, copies[size], opts, results);
      removeCopy(copies[size]);
    }
    await runNotifications(copies.notify, opts, results);
    await runWrites(cached[largest], opts, results);
  } finally {
    for (const path of Object.values(copies)) removeCopy(path);
  }

  const top = results.scaling.sizes[largest] ?? {};
  const small = results.scaling.sizes[opts.sizes[0]] ?? {};
  const full = largest === 100000 && opts.sizes[0] === 1000;
  results.list = results.list ?? {};
  Object.assign(results.list, {
    baselineRps: top.baselineRps ?? null,
    ratio: top.ratio ?? null,
    cachedRatio: top.cachedRatio ?? null,
    cpuRatio: top.cpuRatio ?? null,
    baselineJsonEqual: top.baselineJsonEqual ?? null,
    bestRps: top.bestRps ?? null,
    bestCpuMsPerRequest: top.bestCpuMsPerRequest ?? null,
    bestJsonEqual: top.bestJsonEqual ?? null,
    cpuToBest: top.cpuToBest ?? null,
    rpsToCompare: top.rpsToCompare ?? null,
    cpuToCompare: top.cpuToCompare ?? null,
  });
  Object.assign(results.scaling, {
    latencyMeasure: 'p50 of the list request with the response cache skipped (Cache-Control: no-cache)',
    largestTo1k: quotient(top.uncachedP50Ms, small.uncachedP50Ms),
    latencyRatio100kTo1k: full ? quotient(top.uncachedP50Ms, small.uncachedP50Ms) : null,
    latencyRatio10kTo1k: quotient(results.scaling.sizes[10000]?.uncachedP50Ms, results.scaling.sizes[1000]?.uncachedP50Ms),
    cachedLatencyRatio100kTo1k: full ? quotient(top.p50Ms, small.p50Ms) : null,
    cpuRatio100kTo1k: full ? quotient(top.uncachedCpuMsPerRequest, small.uncachedCpuMsPerRequest) : null,
  });
  Object.assign(results.memory, { peakRssMb: top.peakRssMb ?? null, atSize: largest });
  results.startup = { ms: top.startupMs ?? null, atSize: largest };
  results.meta.loadAverageAfter = loadAverage();
  results.meta.totalSec = Math.round((Date.now() - started) / 1000);
  results.targets = evaluateTargets(results);

  const markdown = toMarkdown(results) + writesMarkdown(results.writes);
  const outDir = opts.quick ? CACHE_DIR : RESULTS_DIR;
  // A growth run (--size) has its own files, so it never replaces the standard run's figures.
  const outName = opts.quick ? 'quick' : isGrowth(opts.sizes) ? 'growth' : 'latest';
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${outName}.md`), markdown);
  writeFileSync(join(outDir, `${outName}.json`), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${markdown}\n`);
  log(`done in ${results.meta.totalSec} s; wrote ${relative(ROOT, join(outDir, outName))}.{md,json}`);
}

main().catch((error) => {
  log(`FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
