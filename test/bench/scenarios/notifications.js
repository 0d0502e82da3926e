/**
 * Scenario 5, notifications (contract: see the end of this comment). Measures, on the production
 * build (dist/) and a copy of the largest benchmark database:
 *
 *   scan      confirmed subscriptions are added so that one scan owes 100,000 reminders (10,000 with
 *             --quick), then NotificationScanner.scan() — the method the scheduler and
 *             `notify:run-once` call — is timed: rows written to the outbox per second;
 *   dispatch  NotificationDispatcher.dispatch() sends a sample of those reminders (2,000; 500 with
 *             --quick) to the loopback SMTP sink (../lib/smtp-sink.js) through nodemailer's pool:
 *             messages the sink received per second. The sink runs in a child process, as a real
 *             SMTP server would be another process: in the same process its parsing competes with
 *             the dispatcher for the one JavaScript thread and roughly halves what is measured.
 *
 * Run alone (builds dist/ and the benchmark database when needed):
 *   node test/bench/scenarios/notifications.js [--quick]
 *
 * CONTRACT (what `npm run bench` calls):
 *   module.exports.run = async (ctx) => ({ scanRowsPerSec, emailsPerSec, note? }) | null
 *   ctx: { dbPath, size, quick, root, dist, timeZone, smtp: { startSmtpSink }, log }
 */
const { fork } = require('node:child_process');
const { join } = require('node:path');

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
  const { NotificationDispatcher } = require(join(ctx.dist, 'src/notifications/notification-dispatcher.service.js'));
  const { canonicalSettings, settingsKey } = require(join(ctx.dist, 'src/notifications/subscription-rules.js'));

  const wanted = ctx.quick ? 10_000 : 100_000;
  const sample = ctx.quick ? 500 : 2_000;

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
  const env = validateEnvironment({
    DATABASE_PATH: ctx.dbPath,
    TRACKER_TIME_ZONE: ctx.timeZone,
    SMTP_URL: sink.url,
    SEED_ON_START: 'false',
    NOTIFY_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'error',
    PUBLIC_URL: 'https://tracker.bench',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['error'] });
  try {
    app.get(Clock).now = () => new Date(now);
    const scanner = app.get(NotificationScanner);
    const dispatcher = app.get(NotificationDispatcher);

    let t0 = process.hrtime.bigint();
    const scan = await scanner.scan(now);
    const scanSec = Number(process.hrtime.bigint() - t0) / 1e9;
    const again = await scanner.scan(now);
    if (again.reminders !== 0) throw new Error(`a second scan wrote ${again.reminders} more reminders`);
    ctx.log(`notifications: scan wrote ${scan.reminders} reminders in ${scanSec.toFixed(2)} s (a second scan wrote none)`);

    const batchSize = 50;
    t0 = process.hrtime.bigint();
    const report = await dispatcher.dispatch({ now, batchSize, maxBatches: Math.ceil(sample / batchSize) });
    await sink.waitFor(report.sent, 120_000);
    const dispatchSec = Number(process.hrtime.bigint() - t0) / 1e9;
    const received = await sink.count();
    if (received !== report.sent) throw new Error(`the sink received ${received} messages, the dispatcher sent ${report.sent}`);
    ctx.log(
      `notifications: dispatched ${received} emails in ${dispatchSec.toFixed(2)} s (${report.retried} retried, ${report.dead} dead)`,
    );

    return {
      scanRowsPerSec: Math.round(scan.reminders / scanSec),
      emailsPerSec: Math.round(received / dispatchSec),
      note: `scan: ${scan.reminders} reminders for ${subscribers} subscribers in ${scanSec.toFixed(2)} s; dispatch: ${received} emails over SMTP in ${dispatchSec.toFixed(2)} s`,
    };
  } finally {
    await app.close();
    await sink.close();
  }
}

module.exports = { run };

if (require.main === module && process.argv.includes('--sink')) {
  sinkChild();
} else if (require.main === module) {
  (async () => {
    const { copyFileSync, rmSync } = require('node:fs');
    const { ensureDatabase, TIME_ZONE } = require('../generate');
    const { ROOT, DIST, CACHE_DIR, ensureBuilt } = require('../lib/paths');
    const quick = process.argv.includes('--quick');
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
