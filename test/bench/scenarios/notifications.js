/**
 * Scenario 5, notifications (contract: see the end of this comment). Measures, on the production
 * build (dist/) and a copy of the largest benchmark database:
 *
 *   scan      100,000 confirmed subscriptions (10,000 with --quick) follow five items that each have
 *             one open deadline inside the 30-day reminder window, so one scan owes 500,000
 *             reminders (50,000); the app is served over HTTP from this process (app.factory, as
 *             main.ts does) and NotificationScanner.scan() — the method the scheduler and
 *             `notify:run-once` call — runs in it while a probe process requests `/health` and the
 *             list (uncached) one after another: rows written to the outbox per second, the time of a
 *             second scan that owes nothing, and the p99 of each endpoint during the scan against its
 *             p99 idle just before (the ratio; target ≤ 2);
 *   dispatch  NotificationDispatcher.dispatch() sends all of those reminders (2,000 with --quick;
 *             `--emails N` / ctx.emails to choose) to the loopback SMTP sink (../lib/smtp-sink.js)
 *             through the app's SMTP transport, in a process of its own started with the app's heap
 *             flags (package.json config.nodeArgs, as `npm start` runs the scheduler): messages the
 *             sink received per second, the dispatching process's CPU time per email (user and
 *             kernel, from /proc), its peak RSS (VmHWM), and the sink's CPU time per email apart. The
 *             sink runs in a child process, as a real SMTP server would be another process; on a
 *             2-core machine it competes with the dispatcher for the CPUs, which is why its share is
 *             reported. The load average before and after is reported with them: emails/s moves with
 *             the machine's load, CPU ms per email much less.
 *
 * Run alone (builds dist/ and the benchmark database when needed):
 *   node test/bench/scenarios/notifications.js [--quick] [--emails N] [--subscribers N] [--cpu-prof <folder>] [--node-args "<flags>"]
 *     [--no-dispatch]
 * `--cpu-prof` writes a V8 CPU profile of the dispatching process (open it in Chrome's DevTools).
 * `--no-dispatch` stops after the scan (ctx.dispatch = false).
 *
 * CONTRACT (what `npm run bench` calls):
 *   module.exports.run = async (ctx) => ({ scanRowsPerSec, emailsPerSec, scan, dispatch, note? }) | null
 *   ctx: { dbPath, size, quick, root, dist, timeZone, smtp: { startSmtpSink }, log, emails?, subscribers?, nodeArgs?, cpuProf?, dispatch?,
 *          databaseUrl? (PostgreSQL instead of dbPath), prepared? (addSubscribers' answer: its step 1 already done) }
 */
const { fork } = require('node:child_process');
const { cpus, loadavg } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const { cpuMsOf, cpuTimesOf, memoryOf, threadCpuMs } = require('../lib/processes');

const DAY_MS = 86_400_000;

/**
 * The instant whose next 30 days hold the most open deadlines, so the fewest subscribers owe the
 * wanted number of reminders (the generator spreads deadlines over years).
 */
function busiestMonth(db) {
  const closes = db
    .prepare(`SELECT closes_at AS c FROM deadline WHERE state = 'open' ORDER BY closes_at`)
    .all()
    .map((r) => Date.parse(r.c));
  let best = { count: 0, start: closes[0] };
  for (let i = 0, j = 0; i < closes.length; i++) {
    while (j < closes.length && closes[j] - closes[i] < 29 * DAY_MS) j++;
    if (j - i > best.count) best = { count: j - i, start: closes[i] };
  }
  return best;
}

/** ctx.smtp's sink, started in a child process; same interface (url, count, waitFor, close). */
async function startSinkProcess(ctx) {
  const child = fork(join(__dirname, 'notifications.js'), ['--sink'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_ROOT: ctx.root },
  });
  const request = (message) =>
    new Promise((resolve, reject) => {
      const onMessage = (reply) => {
        child.off('exit', onExit);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply);
      };
      const onExit = (code) => {
        child.off('message', onMessage);
        reject(new Error(`the SMTP sink process exited (${code})`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
      if (message) child.send(message);
    });
  const { url } = await request(null);
  return {
    url,
    pid: child.pid,
    count: async () => (await request({ op: 'count' })).count,
    waitFor: async (n, timeoutMs) => (await request({ op: 'waitFor', n, timeoutMs })).count,
    close: async () => {
      await request({ op: 'close' });
      child.disconnect();
    },
  };
}

/** The child side of startSinkProcess. */
async function sinkChild() {
  const { startSmtpSink } = require(join(process.env.BENCH_ROOT, 'test/bench/lib/smtp-sink.js'));
  const sink = await startSmtpSink();
  process.send({ url: sink.url });
  process.on('message', async (m) => {
    try {
      if (m.op === 'count') process.send({ count: sink.count() });
      if (m.op === 'waitFor') process.send({ count: await sink.waitFor(m.n, m.timeoutMs) });
      if (m.op === 'close') {
        await sink.close();
        process.send({ closed: true });
      }
    } catch (error) {
      process.send({ error: error.message });
    }
  });
}

/** Items each subscriber follows; each has one open deadline inside the 30-day window. */
const FOLLOWED = 5;

/**
 * Step 1, on the SQLite file at ctx.dbPath: the subscribers, and the instant the scan runs at.
 * Returns { now, subscribers }. (The PostgreSQL run, scenarios/postgres.js, calls it on its SQLite copy
 * and copies the result into PostgreSQL, so both engines scan the same rows.)
 */
function addSubscribers(ctx) {
  const Database = require('better-sqlite3');
  const { canonicalSettings, settingsKey } = require(join(ctx.dist, 'src/notifications/subscription-rules.js'));
  const subscribers = ctx.subscribers ?? (ctx.quick ? 10_000 : 100_000);

  // 1. Subscribers: each following the same five items, each item with exactly one open deadline
  // inside the 30-day window (and none further out within the longest reminder a subscriber may set).
  const db = new Database(ctx.dbPath);
  const month = busiestMonth(db);
  if (month.count === 0) throw new Error('the benchmark database has no open deadlines');
  // A day before the busiest month, at local noon-ish, so every deadline in it is inside the 30-day window.
  const now = new Date(month.start - DAY_MS + 12 * 3_600_000);
  const followed = db
    .prepare(
      `SELECT r.slug AS slug FROM recommendation r
       WHERE (SELECT COUNT(*) FROM deadline d WHERE d.recommendation_id = r.id AND d.state = 'open' AND d.closes_at > ? AND d.closes_at <= ?) = 1
         AND (SELECT COUNT(*) FROM deadline d WHERE d.recommendation_id = r.id AND d.state = 'open' AND d.closes_at > ? AND d.closes_at <= ?) = 1
       ORDER BY r.id LIMIT ?`,
    )
    .all(
      now.toISOString(),
      new Date(now.getTime() + 29 * DAY_MS).toISOString(),
      now.toISOString(),
      new Date(now.getTime() + 367 * DAY_MS).toISOString(),
      FOLLOWED,
    )
    .map((r) => r.slug);
  if (followed.length < FOLLOWED) throw new Error(`only ${followed.length} items have one open deadline in the window`);
  const settings = canonicalSettings({ triggers: ['deadline_reminder'], filter: { recommendations: followed } });
  const insert = db.prepare(
    `INSERT INTO subscription (email, email_normalized, mailbox, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, 'none', ?, 'confirmed', ?, ?)`,
  );
  const confirmedAt = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  db.transaction(() => {
    for (let i = 0; i < subscribers; i++) {
      const email = `reader${i}@bench.example`;
      insert.run(
        email,
        email,
        email,
        JSON.stringify(settings.filter),
        JSON.stringify(settings.triggers),
        JSON.stringify(settings.reminderDays),
        settingsKey(settings),
        confirmedAt,
        confirmedAt,
      );
    }
  })();
  db.close();
  ctx.log(`notifications: ${subscribers} subscribers × ${FOLLOWED} open deadlines in their reminder windows`);
  return { now, subscribers };
}

/** The scenario; ctx.databaseUrl runs it on PostgreSQL, ctx.prepared skips step 1 (addSubscribers' answer). */
async function run(ctx) {
  require('reflect-metadata');
  const { createApp } = require(join(ctx.dist, 'src/app.factory.js'));
  const { validateEnvironment } = require(join(ctx.dist, 'src/config/environment.js'));
  const { Clock } = require(join(ctx.dist, 'src/common/clock.js'));
  const { NotificationScanner } = require(join(ctx.dist, 'src/notifications/notification-scanner.service.js'));
  const { now, subscribers } = ctx.prepared ?? addSubscribers(ctx);

  // 2. The app served over HTTP from this process (the scheduler off: the scan is run by hand), with
  // a probe process requesting /health and the list while idle, then while the scan runs.
  const sink = await startSinkProcess(ctx);
  // The probe asks far more often than one client may (RATE_LIMIT_PER_MINUTE, 600 by default).
  const env = validateEnvironment({
    ...benchEnvironment({ dbPath: ctx.dbPath, databaseUrl: ctx.databaseUrl, timeZone: ctx.timeZone, smtpUrl: sink.url }),
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const app = await createApp(env);
  let appClosed = false;
  try {
    app.get(Clock).now = () => new Date(now);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const scanner = app.get(NotificationScanner);
    const probe = startProbe(base);
    await probe.ready;
    const idleSec = 10;
    await new Promise((resolve) => setTimeout(resolve, idleSec * 1000));

    const idleEnd = Date.now();
    const scanLoad = [loadavg()[0]];
    const threads0 = threadCpuMs(process.pid);
    const loop0 = performance.eventLoopUtilization();
    let t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const scan = await scanner.scan(now);
    const scanSec = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const loop = performance.eventLoopUtilization(loop0);
    const threads = [...threadCpuMs(process.pid)].map(([tid, ms]) => ({ tid, sec: round((ms - (threads0.get(tid) ?? 0)) / 1000, 2) }));
    const scanEnd = Date.now();
    scanLoad.push(loadavg()[0]);
    const samples = await probe.stop();
    t0 = process.hrtime.bigint();
    const again = await scanner.scan(now);
    const secondScanMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (again.reminders !== 0) throw new Error(`a second scan wrote ${again.reminders} more reminders`);
    const during = (path) => latencyRatio(samples, path, idleEnd, scanEnd);
    const scanFigures = {
      subscribers,
      deadlines: FOLLOWED,
      reminders: scan.reminders,
      seconds: round(scanSec, 2),
      rowsPerSec: Math.round(scan.reminders / scanSec),
      /** CPU time of this process during the scan (the HTTP requests it served meanwhile included). */
      cpuSec: round((cpu.user + cpu.system) / 1e6, 2),
      /**
       * That CPU time by thread: the event loop's (the main thread, whose id is the pid), and the
       * busiest others (on SQLite the write worker is normally the first; then V8's GC helpers, the
       * WAL checkpointer, libuv's pool), from /proc. And the share of the scan's wall time the event
       * loop was busy (eventLoopUtilization).
       */
      mainThreadCpuSec: threads.find((x) => x.tid === process.pid)?.sec ?? null,
      otherThreadsCpuSec: threads
        .filter((x) => x.tid !== process.pid && x.sec > 0)
        .map((x) => x.sec)
        .sort((a, b) => b - a)
        .slice(0, 4),
      eventLoopBusy: round(loop.utilization, 3),
      secondScanMs: round(secondScanMs, 1),
      health: during('/health'),
      list: during(LIST_PATH),
      loadAverage: scanLoad.map((l) => round(l, 1)),
    };
    scanFigures.stallRatio = Math.max(scanFigures.health.ratio ?? Infinity, scanFigures.list.ratio ?? Infinity);
    ctx.log(
      `notifications: scan wrote ${scan.reminders} reminders in ${scanSec.toFixed(2)} s; a second scan wrote none in ${secondScanMs.toFixed(1)} ms; ` +
        `p99 during/idle: /health ${scanFigures.health.scanP99Ms}/${scanFigures.health.idleP99Ms} ms (${scanFigures.health.ratio}×, ${scanFigures.health.scanRequests} requests), ` +
        `list ${scanFigures.list.scanP99Ms}/${scanFigures.list.idleP99Ms} ms (${scanFigures.list.ratio}×, ${scanFigures.list.scanRequests} requests); ` +
        `CPU ${scanFigures.cpuSec} s (event loop ${scanFigures.mainThreadCpuSec} s, busy ${scanFigures.eventLoopBusy}; other threads ${scanFigures.otherThreadsCpuSec.join(', ')} s), ` +
        `load ${scanFigures.loadAverage.join(' → ')}`,
    );

    await app.close();
    appClosed = true;
    if (ctx.dispatch === false) {
      return { scanRowsPerSec: scanFigures.rowsPerSec, emailsPerSec: null, scanStallRatio: scanFigures.stallRatio, scan: scanFigures, dispatch: null };
    }

    // 3. Dispatch in a process of its own with the app's heap flags (what `npm start` and the CLI run
    // with), so its CPU time and peak RSS are the dispatcher's alone; the sink's CPU is read apart.
    const emails = Math.min(ctx.emails ?? (ctx.quick ? 2_000 : 100_000), scan.reminders);
    const load = [loadavg()[0]];
    const d = await dispatchInChild(ctx, {
      dbPath: ctx.dbPath,
      databaseUrl: ctx.databaseUrl,
      timeZone: ctx.timeZone,
      smtpUrl: sink.url,
      sinkPid: sink.pid,
      now,
      emails,
    });
    const waited = await sink.waitFor(d.report.sent, 120_000);
    const seconds = Number(process.hrtime.bigint() - d.startedAt) / 1e9;
    const sinkCpuMs = cpuMsOf(sink.pid) - d.sinkCpuBefore;
    load.push(loadavg()[0]);
    const received = await sink.count();
    if (received !== d.report.sent || waited !== received)
      throw new Error(`the sink received ${received} messages, the dispatcher sent ${d.report.sent}`);
    const dispatch = {
      emails: received,
      seconds: round(seconds, 2),
      emailsPerSec: Math.round(received / seconds),
      cpuMsPerEmail: round(d.cpuMs / received, 3),
      /** The part of it spent in the kernel: system calls, and loopback TCP, which runs in the sender's time. */
      systemCpuMsPerEmail: round(d.systemMs / received, 3),
      sinkCpuMsPerEmail: round(sinkCpuMs / received, 3),
      peakRssMb: round(d.peakRssMb, 1),
      loadAverage: load.map((l) => round(l, 1)),
    };
    ctx.log(
      `notifications: dispatched ${received} emails in ${dispatch.seconds} s (${d.report.retried} retried, ${d.report.dead} dead); ` +
        `app ${dispatch.cpuMsPerEmail} CPU ms/email (kernel ${dispatch.systemCpuMsPerEmail}), sink ${dispatch.sinkCpuMsPerEmail} CPU ms/email, peak RSS ${dispatch.peakRssMb} MB, load ${load.join(' → ')}`,
    );

    return {
      scanRowsPerSec: scanFigures.rowsPerSec,
      emailsPerSec: dispatch.emailsPerSec,
      scanStallRatio: scanFigures.stallRatio,
      scan: scanFigures,
      dispatch,
      note:
        `scan: ${scan.reminders} reminders for ${subscribers} subscribers × ${FOLLOWED} deadlines in ${scanSec.toFixed(2)} s ` +
        `(a second scan: ${scanFigures.secondScanMs} ms, nothing written), served over HTTP meanwhile: p99 during/idle ` +
        `/health ${scanFigures.health.scanP99Ms}/${scanFigures.health.idleP99Ms} ms (${scanFigures.health.ratio}×), ` +
        `list ${scanFigures.list.scanP99Ms}/${scanFigures.list.idleP99Ms} ms (${scanFigures.list.ratio}×); ` +
        `dispatch: ${received} emails over SMTP in ${dispatch.seconds} s, ${dispatch.cpuMsPerEmail} CPU ms per email in the app ` +
        `and ${dispatch.sinkCpuMsPerEmail} in the loopback SMTP server, peak RSS ${dispatch.peakRssMb} MB, ` +
        `load average ${dispatch.loadAverage.join(' → ')} on ${cpus().length} cores`,
    };
  } finally {
    if (!appClosed) await app.close();
    await sink.close();
  }
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The list as the HTTP scenarios request it; sent with `Cache-Control: no-cache` (the app's cache skipped). */
const LIST_PATH = '/api/v1/recommendations?status=in_progress&limit=50';

/**
 * A process that requests /health and the list in two loops, one request at a time each, a few ms
 * apart, and records when each started and how long it took (its own clock, so a stalled server
 * shows as latency rather than as fewer samples). stop() returns [{ path, start, ms, status }].
 */
function startProbe(base) {
  const child = fork(join(__dirname, 'notifications.js'), ['--probe'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, PROBE_BASE: base, PROBE_PATHS: JSON.stringify(['/health', LIST_PATH]) },
  });
  const ready = new Promise((resolve) => child.once('message', resolve));
  return {
    ready,
    stop: () =>
      new Promise((resolve, reject) => {
        child.once('message', (m) => {
          child.disconnect();
          resolve(m.samples);
        });
        child.once('exit', (code) => reject(new Error(`the probe exited (${code})`)));
        child.send({ op: 'stop' });
      }),
  };
}

/** The child side of startProbe. */
function probeChild() {
  const http = require('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const paths = JSON.parse(process.env.PROBE_PATHS);
  const samples = [];
  let stopped = false;
  const get = (path) =>
    new Promise((resolve) => {
      const start = Date.now();
      const t0 = process.hrtime.bigint();
      const req = http.get(`${process.env.PROBE_BASE}${path}`, { agent, headers: { 'cache-control': 'no-cache' } }, (res) => {
        res.resume();
        res.on('end', () => {
          samples.push({ path, start, ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode });
          resolve();
        });
      });
      req.on('error', () => {
        samples.push({ path, start, ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0 });
        resolve();
      });
    });
  const loop = async (path) => {
    while (!stopped) {
      await get(path);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const loops = paths.map(loop);
  process.send({ ready: true });
  process.on('message', async () => {
    stopped = true;
    await Promise.all(loops);
    process.send({ samples });
  });
}

/**
 * p99 latency of `path` idle (requests that ended before `scanStart`) and during the scan (requests
 * that were under way at some point between `scanStart` and `scanEnd`), and their ratio.
 */
function latencyRatio(samples, path, scanStart, scanEnd) {
  const { percentile } = require('../lib/load');
  const of = (keep) =>
    samples
      .filter((x) => x.path === path && x.status === 200 && keep(x))
      .map((x) => x.ms)
      .sort((a, b) => a - b);
  const idle = of((x) => x.start + x.ms < scanStart);
  const scan = of((x) => x.start < scanEnd && x.start + x.ms > scanStart);
  /** Answers other than 200, by status (0: no answer), left out of the latencies. */
  const errors = {};
  for (const x of samples) if (x.path === path && x.status !== 200) errors[x.status] = (errors[x.status] ?? 0) + 1;
  const idleP99Ms = round(percentile(idle, 99) ?? NaN, 2);
  const scanP99Ms = round(percentile(scan, 99) ?? NaN, 2);
  return {
    idleP99Ms,
    scanP99Ms,
    idleP50Ms: round(percentile(idle, 50) ?? NaN, 2),
    scanP50Ms: round(percentile(scan, 50) ?? NaN, 2),
    scanMaxMs: round(scan[scan.length - 1] ?? NaN, 2),
    ratio: round(scanP99Ms / idleP99Ms, 2),
    idleRequests: idle.length,
    scanRequests: scan.length,
    errors,
  };
}

/**
 * Boots the app's services in a child process (see dispatchChild), then times one dispatch of
 * `emails` notifications: { report, startedAt, cpuMs, peakRssMb, sinkCpuBefore }. `ctx.cpuProf`
 * (a folder) makes the child write a V8 CPU profile there.
 */
async function dispatchInChild(ctx, job) {
  const execArgv = [...(ctx.nodeArgs ?? require(join(ctx.root, 'package.json')).config.nodeArgs.split(' ').filter(Boolean))];
  if (ctx.cpuProf) execArgv.push('--cpu-prof', '--cpu-prof-dir', ctx.cpuProf);
  const child = fork(join(__dirname, 'notifications.js'), ['--dispatch'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
    env: { ...process.env, BENCH_ROOT: ctx.root, BENCH_DIST: ctx.dist, BENCH_JOB: JSON.stringify(job) },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const next = () =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`the dispatch process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      });
    });
  try {
    await next(); // booted
    const cpuBefore = cpuTimesOf(child.pid);
    const sinkCpuBefore = cpuMsOf(job.sinkPid ?? 0);
    const startedAt = process.hrtime.bigint();
    child.send({ op: 'go' });
    const { report } = await next();
    const cpuAfter = cpuTimesOf(child.pid);
    const cpuMs = cpuAfter.userMs + cpuAfter.systemMs - cpuBefore.userMs - cpuBefore.systemMs;
    const systemMs = cpuAfter.systemMs - cpuBefore.systemMs;
    const peakRssMb = memoryOf(child.pid)?.peakMb ?? null;
    child.send({ op: 'exit' });
    await exited;
    return { report, startedAt, cpuMs, systemMs, peakRssMb, sinkCpuBefore };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** The child side of dispatchInChild: the app's services in an application context, as the CLI boots them. */
async function dispatchChild() {
  require('reflect-metadata');
  const dist = process.env.BENCH_DIST;
  const job = JSON.parse(process.env.BENCH_JOB);
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = require(join(dist, 'src/app.module.js'));
  const { validateEnvironment } = require(join(dist, 'src/config/environment.js'));
  const { Clock } = require(join(dist, 'src/common/clock.js'));
  const { NotificationDispatcher } = require(join(dist, 'src/notifications/notification-dispatcher.service.js'));
  const env = validateEnvironment(benchEnvironment(job));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['error'] });
  const now = new Date(job.now);
  app.get(Clock).now = () => new Date(now);
  const dispatcher = app.get(NotificationDispatcher);
  process.on('message', async (m) => {
    try {
      if (m.op === 'go') process.send({ report: await dispatcher.dispatch({ now, limit: job.emails }) });
      if (m.op === 'exit') {
        await app.close();
        process.disconnect();
      }
    } catch (error) {
      process.send({ error: error.stack ?? String(error) });
    }
  });
  process.send({ ready: true });
}

/** The environment both the scan (in the bench process) and the dispatch child boot the app with. */
function benchEnvironment({ dbPath, databaseUrl, timeZone, smtpUrl }) {
  return {
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: dbPath }),
    TRACKER_TIME_ZONE: timeZone,
    SMTP_URL: smtpUrl,
    SEED_ON_START: 'false',
    NOTIFY_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'error',
    PUBLIC_URL: 'https://tracker.bench',
  };
}

module.exports = { run, addSubscribers };

if (require.main === module && process.argv.includes('--probe')) {
  probeChild();
} else if (require.main === module && process.argv.includes('--sink')) {
  sinkChild();
} else if (require.main === module && process.argv.includes('--dispatch')) {
  dispatchChild().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
} else if (require.main === module) {
  (async () => {
    const { copyFileSync, rmSync } = require('node:fs');
    const { ensureDatabase, TIME_ZONE } = require('../generate');
    const { ROOT, DIST, CACHE_DIR, ensureBuilt } = require('../lib/paths');
    const argv = process.argv;
    const quick = argv.includes('--quick');
    const value = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
    const size = Number(value('--size') ?? (quick ? 10_000 : 100_000));
    const log = (line) => process.stderr.write(`[bench] ${line}\n`);
    ensureBuilt();
    const { path } = await ensureDatabase(size, { log });
    const dbPath = join(CACHE_DIR, `notify-alone-${size}.sqlite`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    copyFileSync(path, dbPath);
    try {
      const result = await run({
        dbPath,
        size,
        quick,
        root: ROOT,
        dist: DIST,
        timeZone: TIME_ZONE,
        smtp: require('../lib/smtp-sink'),
        log,
        emails: value('--emails') === undefined ? undefined : Number(value('--emails')),
        subscribers: value('--subscribers') === undefined ? undefined : Number(value('--subscribers')),
        cpuProf: value('--cpu-prof'),
        nodeArgs: value('--node-args')?.split(' ').filter(Boolean),
        dispatch: !argv.includes('--no-dispatch'),
      });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    }
  })().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
