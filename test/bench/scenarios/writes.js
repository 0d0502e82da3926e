#!/usr/bin/env node
/**
 * Writes and what they cost readers, on a working copy of a bench database (the app's production
 * build, as run.js starts it). Reported as numbers and ratios, never asserted:
 *
 * - after a write: for /api/v1/stats and the dashboard `/`, a status change (then a subscription,
 *   which only the notification tables see) is committed through the API, then the path is
 *   requested once (the first answer after the write) and once more (the cached answer); the ratio
 *   first ÷ cached, of the medians and of the minimums over `rounds`;
 * - writes alone: `aloneWrites` status changes one after another, p50/p99 and the app's CPU per write;
 * - writes under readers: `readers` connections load the list with `Cache-Control: no-cache`
 *   (every read does the full work) while one writer (on its own thread) posts status changes at
 *   `writesPerSec`;
 *   write p50/p99 and the readers' req/s;
 * - import: POST /api/v1/import of `importItems` new items (each with two status changes and one
 *   deadline), rows per second.
 *
 *   node test/bench/scenarios/writes.js <db.sqlite> [--rounds 21] [--readers 50] [--seconds 10] [--import 2000] [--alone 200] [--dist <dir>] [--in-place] [--after-write-only] [--offset 0]
 * (copies the database first; run.js calls run() at its largest size.) `--offset N` writes to other
 * items and starts the status cycle elsewhere: on a working copy reused with --in-place, a run with
 * the offset of an earlier one would write the same statuses again and change nothing.
 */
const { execFileSync } = require('node:child_process');
const { copyFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const http = require('node:http');
const os = require('node:os');
const { Buffer } = require('node:buffer');
const { setTimeout } = require('node:timers');
const { isMainThread, parentPort, Worker, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const { BENCH, DIST, CACHE_DIR } = require('../lib/paths');
const { startApp } = require('../lib/processes');
const { sample, summarize, percentile } = require('../lib/load');

const TIME_ZONE = 'America/Chicago';
const LIST_PATH = '/api/v1/recommendations?status=in_progress&limit=50';

function request(base, method, path, { headers = {}, body } = {}) {
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      base + path,
      {
        method,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);
const round2 = (x) => (x === null || x === undefined ? null : Number(x.toFixed(2)));

/** An editor key made with the CLI of the build under test (`dist`: its migrations, if any, are the app's). */
function editorKey(dbPath, dist = DIST) {
  const out = execFileSync(process.execPath, [join(dist, 'src', 'cli.js'), 'keys:create', '--name', `bench-${Date.now()}`, '--role', 'editor'], {
    env: { ...process.env, DATABASE_PATH: dbPath, TRACKER_TIME_ZONE: TIME_ZONE, LOG_LEVEL: 'error' },
  })
    .toString()
    .trim()
    .split('\n');
  return out[out.length - 1];
}

/**
 * Items to write to, spread over the table; a source slug for the evidence. `offset` picks other
 * items (ids ≡ offset modulo the spacing), so runs on one reused working copy change other items.
 */
function targets(dbPath, n, offset = 0) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const { count } = db.prepare(`SELECT COUNT(*) AS count FROM recommendation`).get();
    const step = Math.max(1, Math.floor(count / n));
    const slugs = db.prepare(`SELECT slug FROM recommendation WHERE id % ? = ? LIMIT ?`).pluck().all(step, offset % step, n);
    const source = db.prepare(`SELECT slug FROM source ORDER BY id LIMIT 1`).pluck().get();
    const topic = db.prepare(`SELECT slug FROM topic ORDER BY id LIMIT 1`).pluck().get();
    return { slugs, source, topic };
  } finally {
    db.close();
  }
}

const STATUSES = ['in_progress', 'implemented', 'stalled', 'partially_implemented'];
let writeCount = 0;

/** One status change through the API (a different status each time, so the headline moves). */
async function statusChange(base, key, slug, source) {
  writeCount += 1;
  const res = await request(base, 'POST', `/api/v1/recommendations/${encodeURIComponent(slug)}/status-changes`, {
    headers: { authorization: `Bearer ${key}` },
    body: {
      status: STATUSES[writeCount % STATUSES.length],
      effectiveOn: '2026-11-30',
      source,
      excerpt: `Bench write ${writeCount}.`,
    },
  });
  if (res.status !== 201) throw new Error(`status change answered ${res.status}: ${res.body.slice(0, 300)}`);
  return res.ms;
}

/** A write only the notification tables see: a subscription (the subscription, its token, the confirmation in the outbox). */
let subscriptionCount = 0;
async function subscribe(base) {
  subscriptionCount += 1;
  const res = await request(base, 'POST', '/api/v1/subscriptions', {
    body: { email: `bench-${process.pid}-${subscriptionCount}@example.org` },
  });
  if (res.status !== 202) throw new Error(`subscription answered ${res.status}: ${res.body.slice(0, 300)}`);
  return res.ms;
}

async function afterWrite(base, key, t, rounds, cpuMs, log) {
  const out = {};
  const writes = [
    ['a status change', (i) => statusChange(base, key, t.slugs[i % t.slugs.length], t.source)],
    ['a subscription', () => subscribe(base)],
  ];
  for (const [write, doWrite] of writes) {
    for (const [name, path] of [
      ['stats', '/api/v1/stats'],
      ['dashboard', '/'],
    ]) {
      const first = [];
      const cached = [];
      const firstCpu = [];
      const cachedCpu = [];
      /** The request, and the server's CPU time while it ran (one request at a time: steadier than latency on a loaded machine). */
      const timed = async (cpu) => {
        const before = cpuMs();
        const res = await request(base, 'GET', path);
        cpu.push(cpuMs() - before);
        return res;
      };
      await request(base, 'GET', path);
      for (let i = 0; i < rounds; i++) {
        await doWrite(i);
        const a = await timed(firstCpu);
        const b = await timed(cachedCpu);
        if (a.status !== 200 || b.status !== 200) throw new Error(`${path} answered ${a.status}/${b.status}`);
        first.push(a.ms);
        cached.push(b.ms);
      }
      // Medians, and minimums (the least disturbed by other load on the machine).
      const o = {
        path,
        write,
        firstMs: round2(median(first)),
        cachedMs: round2(median(cached)),
        ratio: round2(median(first) / median(cached)),
        firstMinMs: round2(Math.min(...first)),
        cachedMinMs: round2(Math.min(...cached)),
        minRatio: round2(Math.min(...first) / Math.min(...cached)),
        // Means: /proc counts CPU in 10 ms ticks, so a single request's figure is quantized.
        firstCpuMs: round2(mean(firstCpu)),
        cachedCpuMs: round2(mean(cachedCpu)),
      };
      out[write === writes[0][0] ? name : `${name} after ${write}`] = o;
      log(
        `writes: ${path} after ${write} ${o.firstMs} ms, cached ${o.cachedMs} ms (×${o.ratio}); ` +
          `min ${o.firstMinMs} / ${o.cachedMinMs} ms (×${o.minRatio}); server CPU (mean) ${o.firstCpuMs} / ${o.cachedCpuMs} ms`,
      );
    }
  }
  return out;
}

/**
 * Status changes one after another with nothing else running: latency p50/p99 and the app's CPU
 * per write (its event-loop time, plus what its other threads spend on it, garbage collection).
 */
async function writesAlone(base, key, t, n, cpuMs, log) {
  const latencies = [];
  await statusChange(base, key, t.slugs[0], t.source);
  const cpu0 = await cpuMs();
  for (let i = 1; i <= n; i++) latencies.push(await statusChange(base, key, t.slugs[i % t.slugs.length], t.source));
  const cpu1 = await cpuMs();
  const sorted = latencies.sort((a, b) => a - b);
  const res = {
    writes: n,
    writeP50Ms: round2(percentile(sorted, 50)),
    writeP99Ms: round2(percentile(sorted, 99)),
    cpuMsPerWrite: round2((cpu1 - cpu0) / n),
  };
  log(`writes: ${n} status changes alone: p50 ${res.writeP50Ms} ms, p99 ${res.writeP99Ms} ms, app CPU ${res.cpuMsPerWrite} ms per write`);
  return res;
}

/**
 * The writer of writesUnderReaders, on a thread of its own: on the bench's main thread its latencies
 * would include the load generator's own event-loop delays (autocannon parses every 55 KB answer).
 */
function writerThread({ base, key, t, writesPerSec }) {
  const latencies = [];
  const failures = [];
  let stop = false;
  parentPort.on('message', () => (stop = true));
  (async () => {
    let i = 0;
    while (!stop) {
      const next = Date.now() + 1000 / writesPerSec;
      try {
        latencies.push(await statusChange(base, key, t.slugs[(i += 1) % t.slugs.length], t.source));
      } catch (error) {
        failures.push(error.message);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    parentPort.postMessage({ latencies, failures });
  })();
}

async function writesUnderReaders(base, key, t, { readers, seconds, writesPerSec }, cpuMs, log) {
  const worker = new Worker(join(BENCH, 'scenarios', 'writes.js'), { workerData: { role: 'writer', base, key, t, writesPerSec } });
  const done = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const reads = await sample(base + LIST_PATH, {
    connections: readers,
    durationSec: seconds,
    warmupSec: 0,
    headers: { 'cache-control': 'no-cache' },
    cpuMs,
  });
  worker.postMessage('stop');
  const { latencies, failures } = await done;
  await worker.terminate();
  const sorted = [...latencies].sort((a, b) => a - b);
  const r = summarize([reads]);
  const res = {
    readers,
    writesPerSecOffered: writesPerSec,
    writes: latencies.length,
    writeFailures: failures.length,
    writeP50Ms: round2(percentile(sorted, 50)),
    writeP99Ms: round2(percentile(sorted, 99)),
    writeMaxMs: round2(sorted[sorted.length - 1]),
    readRps: r.rps,
    readP99Ms: r.p99Ms,
  };
  log(
    `writes: under ${readers} uncached readers: ${res.writes} writes, p50 ${res.writeP50Ms} ms, p99 ${res.writeP99Ms} ms, ` +
      `max ${res.writeMaxMs} ms; reads ${res.readRps} req/s`,
  );
  return res;
}

/** An import file of `n` new items with two status changes and a deadline each, in the export format. */
function importFile(n, t, tag) {
  const recommendations = [];
  const statusChanges = [];
  const deadlines = [];
  for (let i = 0; i < n; i++) {
    const slug = `bench-import-${tag}-${i}`;
    recommendations.push({
      slug,
      kind: 'recommendation',
      title: `Imported item ${i}`,
      text: `Text of imported item ${i}.`,
      source: t.source,
      topics: [t.topic],
    });
    for (const [k, status] of ['accepted', 'in_progress'].entries()) {
      statusChanges.push({
        slug: `${slug}-sc-${k}`,
        recommendation: slug,
        status,
        effectiveOn: `2025-0${k + 1}-15`,
        assessor: 'tracker-editors',
        evidence: { source: t.source, excerpt: `Evidence ${k} for ${slug}.` },
      });
    }
    deadlines.push({ slug: `${slug}-dl-0`, recommendation: slug, label: 'Due', due: '2027-03-31', precision: 'day', authority: 'self_imposed', source: t.source });
  }
  return { meta: { title: 'bench import', compiledFrom: 'bench' }, recommendations, statusChanges, deadlines };
}

async function importRate(base, key, t, n, cpuMs, log) {
  const file = importFile(n, t, Date.now().toString(36));
  const rows = file.recommendations.length + file.statusChanges.length + file.deadlines.length;
  const cpu0 = await cpuMs();
  const res = await request(base, 'POST', '/api/v1/import', { headers: { authorization: `Bearer ${key}` }, body: file });
  const cpu1 = await cpuMs();
  if (res.status !== 200) return { items: n, rows, skipped: `answered ${res.status}: ${res.body.slice(0, 300)}` };
  const out = {
    items: n,
    rows,
    seconds: round2(res.ms / 1000),
    rowsPerSec: Math.round(rows / (res.ms / 1000)),
    // What one free core would do: rows ÷ the app's CPU time for the request (this machine is shared).
    rowsPerCpuSec: Math.round(rows / ((cpu1 - cpu0) / 1000)),
  };
  log(`writes: import of ${n} items (${rows} rows) in ${out.seconds} s: ${out.rowsPerSec} rows/s (${out.rowsPerCpuSec} per CPU second)`);
  return out;
}

/** All three on a private copy of `dbPath`. */
async function run({
  dbPath,
  rounds = 21,
  readers = 50,
  seconds = 10,
  writesPerSec = 10,
  importItems = 2000,
  aloneWrites = 200,
  dist = DIST,
  nodeArgs = [],
  log = console.log,
  inPlace = false,
  afterWriteOnly = false,
  offset = 0,
}) {
  writeCount = offset;
  const copy = inPlace ? dbPath : join(CACHE_DIR, `writes-${process.pid}.sqlite`);
  const remove = () => (inPlace ? undefined : ['', '-wal', '-shm'].forEach((s) => rmSync(copy + s, { force: true })));
  remove();
  if (!inPlace) copyFileSync(dbPath, copy);
  let app = null;
  try {
    app = await startApp(copy, {
      timeZone: TIME_ZONE,
      dist,
      nodeArgs,
      env: { IMPORT_MAX_BYTES: String(64 * 1024 * 1024), RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR: '1000000' },
    });
    const key = editorKey(copy, dist);
    const t = targets(copy, 500, offset);
    const afterWriteResults = await afterWrite(app.base, key, t, rounds, app.cpuMs, log);
    if (afterWriteOnly) return { afterWrite: afterWriteResults };
    return {
      afterWrite: afterWriteResults,
      alone: await writesAlone(app.base, key, t, aloneWrites, app.cpuMs, log),
      underReaders: await writesUnderReaders(app.base, key, t, { readers, seconds, writesPerSec }, app.cpuMs, log),
      import: await importRate(app.base, key, t, importItems, app.cpuMs, log),
      loadAverage: os.loadavg().map((x) => round2(x)),
    };
  } finally {
    await app?.stop();
    remove();
  }
}

module.exports = { run };

if (!isMainThread && workerData?.role === 'writer') {
  writerThread(workerData);
} else if (require.main === module) {
  const argv = process.argv.slice(2);
  const flag = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  run({
    dbPath: argv[0],
    rounds: flag('--rounds', 21),
    readers: flag('--readers', 50),
    seconds: flag('--seconds', 10),
    importItems: flag('--import', 2000),
    aloneWrites: flag('--alone', 200),
    // --dist <dir>: another build's dist/ (say main's, to compare in alternating runs).
    dist: argv.includes('--dist') ? argv[argv.indexOf('--dist') + 1] : DIST,
    // --in-place: on the given file itself (a working copy already migrated), not a copy of it.
    inPlace: argv.includes('--in-place'),
    afterWriteOnly: argv.includes('--after-write-only'),
    offset: flag('--offset', 0),
  })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
