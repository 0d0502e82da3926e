/**
 * `npm run bench -- --postgres [--quick] [--sizes N] [--instances 3] [--subscribers N] [--emails N]
 * [--postgres-server postgres://…]`: the same dataset on SQLite and on PostgreSQL, side by side.
 *
 *   1. The generated SQLite database of N items (10,000 by default; `--sizes 100000` for more) is copied
 *      into a fresh PostgreSQL database migrated by the app's own migrations (lib/postgres.js: COPY, then
 *      VACUUM ANALYZE), on a throwaway PostgreSQL 15 cluster on 127.0.0.1 (test/postgres/cluster.sh) or
 *      on the server given.
 *   2. Engines: one app on the SQLite file, one on PostgreSQL (same build, same settings). Each HTTP
 *      scenario is first requested once from both and the answers compared (same status and body), then
 *      loaded in alternating rounds (SQLite, PostgreSQL, then PostgreSQL, SQLite), so the machine's other
 *      load hits both alike. CPU per request counts the app, and on PostgreSQL the server's processes too
 *      (on SQLite the database runs inside the app).
 *   3. Instances: the uncached and cached list with 1 and with `--instances` (3) apps on the one
 *      PostgreSQL database, in alternating rounds. The load generator is autocannon in this process, the
 *      same three autocannon instances of 17 connections each time: all three on the one app, or one per
 *      app (a client-side round robin; no proxy, whose CPU would be charged to nobody).
 *   4. Notifications: the scan and dispatch scenario (scenarios/notifications.js) on SQLite and then on
 *      PostgreSQL, from the same rows (the subscribers are added to the SQLite copy, then copied over).
 *      10,000 subscribers (50,000 reminders) and 5,000 emails unless told otherwise.
 *
 * Writes results/postgres.{md,json} (--quick: .cache/postgres-quick.{md,json}); the Markdown also to stdout.
 * Nothing is asserted. On a 2-core machine the app instances, PostgreSQL and the load generator share the
 * same two cores, so more instances cannot add throughput there; the report says what the cores did.
 */
const { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join, relative } = require('node:path');
const { URL } = require('node:url');
const { isDeepStrictEqual } = require('node:util');
const { ensureDatabase, TIME_ZONE } = require('../generate');
const { sample, summarize } = require('../lib/load');
const { ROOT, DIST, CACHE_DIR, RESULTS_DIR, ensureBuilt } = require('../lib/paths');
const { get, startApp } = require('../lib/processes');
const pg = require('../lib/postgres');
const notifications = require('./notifications');

const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const quotient = (x, y) => (x && y ? Number((x / y).toFixed(2)) : null);
const round = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(d)));

function pgOptions(argv, opts) {
  const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const explicitSize = argv.includes('--sizes') || argv.includes('--size');
  return {
    size: explicitSize ? opts.sizes[opts.sizes.length - 1] : 10_000,
    instances: Number(value('--instances', 3)),
    subscribers: Number(value('--subscribers', 10_000)),
    emails: Number(value('--emails', opts.quick ? 2_000 : 5_000)),
    serverUrl: value('--postgres-server', undefined),
  };
}

/** The app on PostgreSQL: as startApp, with DATABASE_URL (and a mail folder, which PostgreSQL mode requires). */
function startPgApp(url, scratch, opts, name) {
  return startApp(join(scratch, 'unused.sqlite'), {
    timeZone: TIME_ZONE,
    nodeArgs: opts.nodeArgs,
    name,
    env: { DATABASE_URL: url, MAIL_OUTBOX_DIR: join(scratch, 'outbox'), PUBLIC_URL },
  });
}

/** Reads CPU ms of the app processes plus the PostgreSQL server; remembers the server's part of each reading. */
function cpuMeter(apps, postmasterPid) {
  const readings = [];
  return {
    cpuMs() {
      const db = pgOnly(postmasterPid);
      readings.push(db);
      return apps.reduce((s, a) => s + (a.cpuMs() ?? 0), 0) + db;
    },
    /** The server's CPU between the last two readings. */
    lastDbMs: () => (readings.length >= 2 ? readings[readings.length - 1] - readings[readings.length - 2] : 0),
  };
}
const pgOnly = (pid) => (pid ? (pg.clusterCpuMs(pid) ?? 0) : 0);

/** Both engines' apps answer with links to this address (else each would name its own port). */
const PUBLIC_URL = 'https://tracker.bench';

/** A JSON answer without the instant it was made (`generatedAt`), which no two requests share. */
const timeless = (json) => JSON.parse(JSON.stringify(json, (k, v) => (k === 'generatedAt' ? undefined : v)));

/** A page without the instant it was made (an HTML `<time>` within two minutes of now: "figures as of …"). */
const timelessPage = (html) =>
  html.replace(/<time datetime="([^"]+)">[^<]*<\/time>/g, (whole, at) =>
    Math.abs(Date.parse(at) - Date.now()) < 120_000 ? '<time>(when answered)</time>' : whole,
  );

/**
 * Same status and body from both (JSON compared as values, `generatedAt` aside); null, or what
 * differs. A search ranks by each engine's own relevance (ts_rank, FTS5's bm25), so for a page of
 * items it says how many the two pages share.
 */
async function compareAnswers(baseA, baseB, path) {
  const [a, b] = await Promise.all([get(baseA + path), get(baseB + path)]);
  if (a.status !== b.status) return `status ${a.status} on SQLite, ${b.status} on PostgreSQL`;
  if (a.body === b.body) return null;
  try {
    const [ja, jb] = [timeless(JSON.parse(a.body)), timeless(JSON.parse(b.body))];
    if (isDeepStrictEqual(ja, jb)) return null;
    if (Array.isArray(ja.items) && Array.isArray(jb.items)) {
      const slugs = new Set(ja.items.map((x) => x.slug));
      const shared = jb.items.filter((x) => slugs.has(x.slug)).length;
      return `${shared} of ${ja.items.length} items on both pages${/[?&]q=/.test(path) ? ' (each engine ranks by its own relevance)' : ''}`;
    }
  } catch {
    // not JSON
    if (timelessPage(a.body) === timelessPage(b.body)) return null;
  }
  let i = 0;
  while (i < a.body.length && a.body[i] === b.body[i]) i++;
  return `bodies differ from character ${i}: SQLite …${JSON.stringify(a.body.slice(Math.max(0, i - 40), i + 80))}… PostgreSQL …${JSON.stringify(b.body.slice(Math.max(0, i - 40), i + 80))}…`;
}

/** One engine's samples of a scenario, with the PostgreSQL server's share of the CPU. */
function engineFigures(samples, dbMs) {
  const s = summarize(samples);
  return {
    ...s,
    dbCpuMsPerRequest:
      dbMs === null
        ? null
        : round(
            dbMs /
              Math.max(
                1,
                samples.reduce((n, x) => n + x.ok, 0),
              ),
            3,
          ),
  };
}

/** Step 2: each scenario on both engines, in alternating rounds. */
async function compareEngines(ctx) {
  const { lite, pgApp, postmasterPid, load, list, log, probe, opts } = ctx;
  const rows = [];
  for (const s of list) {
    const headers = s.headers ?? {};
    const p = await probe(lite.base, s.path, opts);
    if (p.skip) {
      log(`engines: ${s.label}: skipped on SQLite, ${p.skip}`);
      rows.push({ key: s.key, label: s.label, path: s.path, skipped: p.skip });
      continue;
    }
    const difference = await compareAnswers(lite.base, pgApp.base, s.path);
    if (difference) log(`engines: ${s.label}: WARNING answers differ: ${difference}`);
    const meters = { sqlite: cpuMeter([lite], null), postgres: cpuMeter([pgApp], postmasterPid) };
    const bases = { sqlite: lite.base, postgres: pgApp.base };
    const samples = { sqlite: [], postgres: [] };
    const dbMs = { sqlite: null, postgres: 0 };
    const rounds = 2;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
      for (const engine of order) {
        samples[engine].push(
          await sample(bases[engine] + s.path, {
            connections: s.connections ?? load.connections,
            durationSec: load.durationSec / rounds,
            warmupSec: r === 0 ? load.warmupSec : 0,
            headers,
            cpuMs: meters[engine].cpuMs,
          }),
        );
        if (engine === 'postgres') dbMs.postgres += meters.postgres.lastDbMs();
      }
    }
    const lf = engineFigures(samples.sqlite, null);
    const pf = engineFigures(samples.postgres, postmasterPid ? dbMs.postgres : null);
    const row = {
      key: s.key,
      label: s.label,
      path: s.path,
      connections: s.connections ?? load.connections,
      sameAnswer: difference === null,
      ...(difference ? { difference } : {}),
      sqlite: lf,
      postgres: pf,
      rpsRatio: quotient(pf.rps, lf.rps),
      cpuRatio: quotient(pf.cpuMsPerRequest, lf.cpuMsPerRequest),
    };
    log(
      `engines: ${s.label}: SQLite ${lf.rps} req/s (p50 ${lf.p50Ms} ms, ${lf.cpuMsPerRequest} CPU ms/req), ` +
        `PostgreSQL ${pf.rps} req/s (p50 ${pf.p50Ms} ms, ${pf.cpuMsPerRequest} CPU ms/req, server ${pf.dbCpuMsPerRequest}): ` +
        `${row.rpsRatio}× throughput, ${row.cpuRatio}× CPU${difference ? ', ANSWERS DIFFER' : ''}`,
    );
    rows.push(row);
  }
  return rows;
}

/**
 * Several autocannon instances at once, one per base URL (repeated for one app), warmed up first;
 * merged into one sample, with the CPU of `meter` and of this process (the load generator) over the window.
 */
async function loadTogether(bases, path, { connectionsEach, durationSec, warmupSec, headers }, meter) {
  await Promise.all(
    bases.map((b) => sample(b + path, { connections: connectionsEach, durationSec: warmupSec, warmupSec: 0, headers })),
  );
  const cpu0 = meter.cpuMs();
  const own0 = process.cpuUsage();
  const parts = await Promise.all(
    bases.map((b) => sample(b + path, { connections: connectionsEach, durationSec, warmupSec: 0, headers })),
  );
  const cpuUsedMs = meter.cpuMs() - cpu0;
  const own = process.cpuUsage(own0);
  const sum = (f) => parts.reduce((s, x) => s + f(x), 0);
  return {
    sample: {
      durationSec,
      ok: sum((x) => x.ok),
      latencies: parts.flatMap((x) => x.latencies),
      errors: sum((x) => x.errors),
      requests: sum((x) => x.requests),
      bytes: sum((x) => x.bytes),
      cpuUsedMs,
    },
    dbMs: meter.lastDbMs(),
    loadGeneratorCpuMs: (own.user + own.system) / 1000,
  };
}

/** Step 3: 1 and n instances on the one PostgreSQL database, in alternating rounds. */
async function compareInstances(ctx) {
  const { apps, postmasterPid, load, paths, log } = ctx;
  const generators = 3;
  const connectionsEach = Math.ceil(load.connections / generators);
  const setups = {
    one: { bases: Array(generators).fill(apps[0].base), meter: cpuMeter([apps[0]], postmasterPid) },
    many: { bases: apps.map((a) => a.base), meter: cpuMeter(apps, postmasterPid) },
  };
  const rows = [];
  for (const s of paths) {
    const got = { one: [], many: [] };
    const rounds = 2;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ['one', 'many'] : ['many', 'one'];
      for (const k of order) {
        got[k].push(
          await loadTogether(
            setups[k].bases,
            s.path,
            {
              connectionsEach,
              durationSec: load.durationSec / rounds,
              warmupSec: r === 0 ? load.warmupSec : 1,
              headers: s.headers ?? {},
            },
            setups[k].meter,
          ),
        );
      }
    }
    const figures = (k) => {
      const f = summarize(got[k].map((x) => x.sample));
      const ok = got[k].reduce((n, x) => n + x.sample.ok, 0);
      const seconds = got[k].reduce((n, x) => n + x.sample.durationSec, 0);
      return {
        ...f,
        dbCpuMsPerRequest: postmasterPid ? round(got[k].reduce((n, x) => n + x.dbMs, 0) / Math.max(1, ok), 3) : null,
        /** CPU of this process (autocannon) as a share of one core. */
        loadGeneratorCores: round(got[k].reduce((n, x) => n + x.loadGeneratorCpuMs, 0) / 1000 / seconds),
        /** Apps + server + load generator, in cores, over the measured window. */
        busyCores: round(got[k].reduce((n, x) => n + x.sample.cpuUsedMs + x.loadGeneratorCpuMs, 0) / 1000 / seconds),
      };
    };
    const one = figures('one');
    const many = figures('many');
    const row = {
      key: s.key,
      label: s.label,
      path: s.path,
      instances: apps.length,
      one,
      many,
      rpsRatio: quotient(many.rps, one.rps),
    };
    log(
      `instances: ${s.label}: 1 app ${one.rps} req/s (p50 ${one.p50Ms} ms, ${one.busyCores} cores busy), ` +
        `${apps.length} apps ${many.rps} req/s (p50 ${many.p50Ms} ms, ${many.busyCores} cores busy): ${row.rpsRatio}×`,
    );
    rows.push(row);
  }
  return rows;
}

/** Step 4: the notifications scenario on SQLite, then on PostgreSQL, from the same rows. */
async function compareNotifications(ctx) {
  const { cachedDb, server, notifyDbName, pgo, opts, log } = ctx;
  const copy = join(CACHE_DIR, `notify-pg-${pgo.size}-${process.pid}.sqlite`);
  copyFileSync(cachedDb, copy);
  try {
    const base = {
      size: pgo.size,
      quick: opts.quick,
      root: ROOT,
      dist: DIST,
      timeZone: TIME_ZONE,
      smtp: require('../lib/smtp-sink'),
      log,
      emails: pgo.emails,
      subscribers: pgo.subscribers,
      nodeArgs: opts.nodeArgs,
    };
    const prepared = notifications.addSubscribers({ ...base, dbPath: copy });
    const { databaseUrl } = require(join(DIST, 'src', 'database', 'postgres', 'throwaway-database.js'));
    const notifyUrl = databaseUrl(server.serverUrl, notifyDbName);
    const copied = await pg.loadFromSqlite(copy, notifyUrl, { log, only: ['subscription'] });
    log(`notifications: ${copied.rows} subscriptions copied into PostgreSQL`);
    log('notifications: on SQLite');
    const lite = await notifications.run({ ...base, dbPath: copy, prepared });
    log('notifications: on PostgreSQL');
    const db0 = pgOnly(server.postmasterPid);
    const t0 = Date.now();
    const onPg = await notifications.run({ ...base, dbPath: copy, databaseUrl: notifyUrl, prepared });
    const serverCpuSec = server.postmasterPid ? round((pgOnly(server.postmasterPid) - db0) / 1000, 1) : null;
    return {
      sqlite: lite,
      postgres: { ...onPg, serverCpuSec, wallSec: round((Date.now() - t0) / 1000, 1) },
      scanRatio: quotient(onPg.scanRowsPerSec, lite.scanRowsPerSec),
      dispatchRatio: quotient(onPg.emailsPerSec, lite.emailsPerSec),
      dispatchCpuRatio: quotient(onPg.dispatch?.cpuMsPerEmail, lite.dispatch?.cpuMsPerEmail),
    };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}

function toMarkdown(r) {
  const m = r.meta;
  const ms = (f) => `${f.p50Ms} / ${f.p99Ms}`;
  const lines = [
    `# Benchmark on PostgreSQL beside SQLite (${m.size.toLocaleString('en-US')} items)`,
    '',
    `${m.date} · commit ${m.commit ?? '?'} · ${m.cores} cores (${m.cpu}) · PostgreSQL ${m.postgres} (${m.serverOptions}) · ` +
      `${m.connections} connections, ${m.durationSec} s per engine per scenario in 2 alternating rounds · load average ${m.loadAverageBefore.join(' / ')} before, ` +
      `${(m.loadAverageAfter ?? []).join(' / ')} after · total ${m.totalSec} s`,
    '',
    `Loaded ${r.load.rows.toLocaleString('en-US')} rows into PostgreSQL in ${r.load.seconds} s (COPY from the generated SQLite file, then VACUUM ANALYZE).`,
    '',
    '## One app on SQLite, one on PostgreSQL',
    '',
    'CPU ms/req: the app, plus on PostgreSQL the server processes (their share in brackets). Ratios are PostgreSQL ÷ SQLite.',
    '',
    '| Scenario | SQLite req/s | PostgreSQL req/s | req/s PG ÷ SQLite | p50 / p99 ms SQLite | p50 / p99 ms PG | CPU ms/req SQLite | CPU ms/req PG (server) | CPU PG ÷ SQLite | same answer |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|',
    ...r.engines.map((e) =>
      e.skipped
        ? `| ${e.label} | ${e.skipped} | | | | | | | | |`
        : `| ${e.label} | ${e.sqlite.rps} | ${e.postgres.rps} | ${e.rpsRatio}× | ${ms(e.sqlite)} | ${ms(e.postgres)} | ` +
          `${e.sqlite.cpuMsPerRequest} | ${e.postgres.cpuMsPerRequest} (${e.postgres.dbCpuMsPerRequest ?? '?'}) | ${e.cpuRatio}× | ${e.sameAnswer ? 'yes' : 'no'} |`,
    ),
    ...r.engines.filter((e) => e.difference).map((e) => `\n${e.label}: ${e.difference}`),
    '',
    `## PostgreSQL: 1 app and ${m.instances} apps on one database`,
    '',
    `The same load each time: three autocannon instances in the bench process, ${Math.ceil(m.connections / 3)} connections each, all on the one app or one per app. ` +
      '"Cores busy": CPU time of the apps, the server and the load generator over the window, in cores; the machine has ' +
      `${m.cores}, shared with other work (see the load average).`,
    '',
    `| Scenario | 1 app req/s | ${m.instances} apps req/s | ${m.instances} ÷ 1 | p50 / p99 ms, 1 | p50 / p99 ms, ${m.instances} | CPU ms/req 1 (server) | CPU ms/req ${m.instances} (server) | cores busy 1 / ${m.instances} | load generator cores 1 / ${m.instances} |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.instances.map(
      (i) =>
        `| ${i.label} | ${i.one.rps} | ${i.many.rps} | ${i.rpsRatio}× | ${ms(i.one)} | ${ms(i.many)} | ${i.one.cpuMsPerRequest} (${i.one.dbCpuMsPerRequest}) | ` +
        `${i.many.cpuMsPerRequest} (${i.many.dbCpuMsPerRequest}) | ${i.one.busyCores} / ${i.many.busyCores} | ${i.one.loadGeneratorCores} / ${i.many.loadGeneratorCores} |`,
    ),
    '',
  ];
  const n = r.notify;
  if (n?.skipped) lines.push('## Notifications', '', n.skipped, '');
  else if (n) {
    const row = (label, f, ratio) => `| ${label} | ${f(n.sqlite) ?? '–'} | ${f(n.postgres) ?? '–'} | ${ratio ?? ''} |`;
    lines.push(
      '## Notifications: scan and dispatch',
      '',
      `${n.sqlite.scan.subscribers.toLocaleString('en-US')} subscribers × ${n.sqlite.scan.deadlines} deadlines; SQLite first, then PostgreSQL (not interleaved: each run fills the outbox it then sends).`,
      '',
      '| | SQLite | PostgreSQL | PG ÷ SQLite |',
      '|---|---:|---:|---:|',
      row('Scan, reminders written per second', (x) => x.scanRowsPerSec, `${n.scanRatio}×`),
      row('Scan, seconds', (x) => x.scan.seconds),
      row('Second scan (owes nothing), ms', (x) => x.scan.secondScanMs),
      row('List p99 during the scan ÷ idle', (x) => x.scan.list.ratio),
      row('Dispatch, emails per second', (x) => x.emailsPerSec, `${n.dispatchRatio}×`),
      row('Dispatch, app CPU ms per email', (x) => x.dispatch.cpuMsPerEmail, `${n.dispatchCpuRatio}×`),
      row('PostgreSQL server CPU over the whole scenario, s', (x) => x.serverCpuSec),
      '',
    );
  }
  if (r.problems.length) lines.push('## Problems', '', ...r.problems.map((p) => `- ${p}`), '');
  return lines.join('\n');
}

/**
 * The --postgres run. `helpers` come from run.js: { opts, listPath, scenarios(detailSlug), probe,
 * pickDetailSlug, machine, log }.
 */
async function main(helpers) {
  const { opts, listPath, scenarios, probe, pickDetailSlug, machine, log } = helpers;
  const pgo = pgOptions(process.argv.slice(2), opts);
  const started = Date.now();
  const results = {
    meta: {
      mode: opts.quick ? 'quick' : 'full',
      date: new Date().toISOString(),
      size: pgo.size,
      instances: pgo.instances,
      connections: opts.connections,
      durationSec: opts.durationSec,
      warmupSec: opts.warmupSec,
      nodeArgs: opts.nodeArgs,
      serverOptions: pg.SERVER_OPTIONS,
      loadAverageBefore: loadAverage(),
      ...machine(),
    },
    problems: [],
  };
  log(
    `PostgreSQL run: ${pgo.size} items, ${pgo.instances} instances (load average ${results.meta.loadAverageBefore.join(' / ')})`,
  );
  ensureBuilt();
  mkdirSync(CACHE_DIR, { recursive: true });
  const { path: cachedDb } = await ensureDatabase(pgo.size, { log });
  const scratch = mkdtempSync(join(os.tmpdir(), 'bench-pg-app-'));
  const liteCopy = join(CACHE_DIR, `run-pg-${pgo.size}-${process.pid}.sqlite`);
  const server = pg.startServer({ serverUrl: pgo.serverUrl, log });
  results.meta.postgres = pg.psql(server.serverUrl, 'SHOW server_version').trim();
  const apps = [];
  let lite = null;
  const dbs = [];
  try {
    const api = await pg.createMigratedDatabase(server.serverUrl, 'bench_api');
    dbs.push(api);
    results.load = await pg.loadFromSqlite(cachedDb, api.url, { log });
    // The notifications run starts from the same loaded rows (a template copy, taken before any app ran).
    const apiName = new URL(api.url).pathname.slice(1);
    const notifyDbName = `bench_notify_${process.pid}`;
    const { createDatabase, dropDatabase } = require(join(DIST, 'src', 'database', 'postgres', 'throwaway-database.js'));
    await createDatabase(server.serverUrl, notifyDbName, apiName);
    dbs.push({ drop: () => dropDatabase(server.serverUrl, notifyDbName) });

    copyFileSync(cachedDb, liteCopy);
    const load = { connections: opts.connections, durationSec: opts.durationSec, warmupSec: opts.warmupSec };
    const list = [
      { key: 'list', label: 'List: status=in_progress, limit=50', path: listPath },
      { key: 'listUncached', label: 'List, response cache skipped', path: listPath, headers: { 'cache-control': 'no-cache' } },
      ...scenarios(pickDetailSlug(cachedDb)),
    ];

    // 2. Engines side by side.
    lite = await startApp(liteCopy, { timeZone: TIME_ZONE, nodeArgs: opts.nodeArgs, name: 'app-sqlite', env: { PUBLIC_URL } });
    apps.push(await startPgApp(api.url, scratch, opts, 'app-postgres-1'));
    log(`engines: SQLite app up in ${Math.round(lite.startupMs)} ms, PostgreSQL app in ${Math.round(apps[0].startupMs)} ms`);
    results.startup = { sqliteMs: Math.round(lite.startupMs), postgresMs: Math.round(apps[0].startupMs) };
    results.engines = await compareEngines({
      lite,
      pgApp: apps[0],
      postmasterPid: server.postmasterPid,
      load,
      list,
      log,
      probe,
      opts,
    });
    results.memory = { sqlitePeakRssMb: round(lite.peakRssMb(), 1), postgresAppPeakRssMb: round(apps[0].peakRssMb(), 1) };
    await lite.stop();
    lite = null;

    // 3. One and several instances on PostgreSQL.
    for (let i = 1; i < pgo.instances; i++) apps.push(await startPgApp(api.url, scratch, opts, `app-postgres-${i + 1}`));
    results.instances = await compareInstances({
      apps,
      postmasterPid: server.postmasterPid,
      load,
      paths: list.filter((s) => s.key === 'listUncached' || s.key === 'list'),
      log,
    });
    for (const a of apps.splice(0)) await a.stop();

    // 4. Notifications.
    try {
      results.notify = await compareNotifications({ cachedDb, server, notifyDbName, pgo, opts, log });
    } catch (error) {
      results.notify = { skipped: `failed: ${error.message}` };
      results.problems.push(`notifications: ${error.message}`);
      log(`notifications: FAILED ${error.stack}`);
    }
  } finally {
    if (lite) await lite.stop();
    for (const a of apps) await a.stop();
    for (const d of dbs) await d.drop().catch(() => {});
    await server.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(liteCopy + suffix, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const e of results.engines ?? [])
    if (e.difference) results.problems.push(`${e.label}: answers differ (${e.difference.slice(0, 200)})`);
  results.meta.loadAverageAfter = loadAverage();
  results.meta.totalSec = Math.round((Date.now() - started) / 1000);
  const markdown = toMarkdown(results);
  const outDir = opts.quick ? CACHE_DIR : RESULTS_DIR;
  const outName = opts.quick ? 'postgres-quick' : 'postgres';
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${outName}.md`), markdown);
  writeFileSync(join(outDir, `${outName}.json`), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${markdown}\n`);
  log(`done in ${results.meta.totalSec} s; wrote ${relative(ROOT, join(outDir, outName))}.{md,json}`);
}

module.exports = { main };
