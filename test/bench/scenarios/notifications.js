/**
 * Scenario 5, notifications (contract: see the end of this comment). Measures, on the production
 * build (dist/) and a copy of the largest benchmark database:
 *
 *   scan      confirmed subscriptions are added so that one scan owes 100,000 reminders (10,000 with
 *             --quick), then NotificationScanner.scan() — the method the scheduler and
 *             `notify:run-once` call — is timed: rows written to the outbox per second;
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
 *   node test/bench/scenarios/notifications.js [--quick] [--emails N] [--cpu-prof <folder>] [--node-args "<flags>"]
 * `--cpu-prof` writes a V8 CPU profile of the dispatching process (open it in Chrome's DevTools).
 *
 * CONTRACT (what `npm run bench` calls):
 *   module.exports.run = async (ctx) => ({ scanRowsPerSec, emailsPerSec, dispatch, note? }) | null
 *   ctx: { dbPath, size, quick, root, dist, timeZone, smtp: { startSmtpSink }, log, emails?, nodeArgs?, cpuProf? }
 */
const { fork } = require('node:child_process');
const { cpus, loadavg } = require('node:os');
const { join } = require('node:path');
const { cpuMsOf, cpuTimesOf, memoryOf } = require('../lib/processes');

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

async function run(ctx) {
  require('reflect-metadata');
  const Database = require('better-sqlite3');
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = require(join(ctx.dist, 'src/app.module.js'));
  const { validateEnvironment } = require(join(ctx.dist, 'src/config/environment.js'));
  const { Clock } = require(join(ctx.dist, 'src/common/clock.js'));
  const { NotificationScanner } = require(join(ctx.dist, 'src/notifications/notification-scanner.service.js'));
  const { canonicalSettings, settingsKey } = require(join(ctx.dist, 'src/notifications/subscription-rules.js'));

  const wanted = ctx.quick ? 10_000 : 100_000;

  // 1. Subscribers: enough confirmed ones, each following everything with reminders 30/7/1 days out.
  const db = new Database(ctx.dbPath);
  const month = busiestMonth(db);
  if (month.count === 0) throw new Error('the benchmark database has no open deadlines');
  // A day before the busiest month, at local noon-ish, so every deadline in it is inside the 30-day window.
  const now = new Date(month.start - DAY_MS + 12 * 3_600_000);
  const owedPerSubscriber = db
    .prepare(`SELECT COUNT(*) AS n FROM deadline WHERE state = 'open' AND closes_at > ? AND closes_at <= ?`)
    .get(now.toISOString(), new Date(now.getTime() + 31 * DAY_MS).toISOString()).n;
  const subscribers = Math.ceil(wanted / Math.max(1, owedPerSubscriber));
  const settings = canonicalSettings({ triggers: ['deadline_reminder'] });
  const insert = db.prepare(
    `INSERT INTO subscription (email, email_normalized, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, 'none', ?, 'confirmed', ?, ?)`,
  );
  const confirmedAt = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  db.transaction(() => {
    for (let i = 0; i < subscribers; i++) {
      const email = `reader${i}@bench.example`;
      insert.run(
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
  ctx.log(`notifications: ${subscribers} subscribers × up to ${owedPerSubscriber} deadlines in their reminder windows`);

  // 2. The app's own services, in an application context (no HTTP server, no scheduler), sending to the sink.
  const sink = await startSinkProcess(ctx);
  const env = validateEnvironment(benchEnvironment({ dbPath: ctx.dbPath, timeZone: ctx.timeZone, smtpUrl: sink.url }));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['error'] });
  let appClosed = false;
  try {
    app.get(Clock).now = () => new Date(now);
    const scanner = app.get(NotificationScanner);

    let t0 = process.hrtime.bigint();
    const scan = await scanner.scan(now);
    const scanSec = Number(process.hrtime.bigint() - t0) / 1e9;
    const again = await scanner.scan(now);
    if (again.reminders !== 0) throw new Error(`a second scan wrote ${again.reminders} more reminders`);
    ctx.log(`notifications: scan wrote ${scan.reminders} reminders in ${scanSec.toFixed(2)} s (a second scan wrote none)`);

    await app.close();
    appClosed = true;

    // 3. Dispatch in a process of its own with the app's heap flags (what `npm start` and the CLI run
    // with), so its CPU time and peak RSS are the dispatcher's alone; the sink's CPU is read apart.
    const emails = Math.min(ctx.emails ?? (ctx.quick ? 2_000 : wanted), scan.reminders);
    const load = [loadavg()[0]];
    const d = await dispatchInChild(ctx, { dbPath: ctx.dbPath, timeZone: ctx.timeZone, smtpUrl: sink.url, sinkPid: sink.pid, now, emails });
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
      scanRowsPerSec: Math.round(scan.reminders / scanSec),
      emailsPerSec: dispatch.emailsPerSec,
      dispatch,
      note:
        `scan: ${scan.reminders} reminders for ${subscribers} subscribers in ${scanSec.toFixed(2)} s; ` +
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
function benchEnvironment({ dbPath, timeZone, smtpUrl }) {
  return {
    DATABASE_PATH: dbPath,
    TRACKER_TIME_ZONE: timeZone,
    SMTP_URL: smtpUrl,
    SEED_ON_START: 'false',
    NOTIFY_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'error',
    PUBLIC_URL: 'https://tracker.bench',
  };
}

module.exports = { run };

if (require.main === module && process.argv.includes('--sink')) {
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
    const size = quick ? 10_000 : 100_000;
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
        cpuProf: value('--cpu-prof'),
        nodeArgs: value('--node-args')?.split(' ').filter(Boolean),
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
