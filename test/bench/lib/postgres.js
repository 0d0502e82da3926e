/**
 * PostgreSQL for the benchmark (`npm run bench -- --postgres`): a throwaway cluster on 127.0.0.1
 * (test/postgres/cluster.sh, the one `npm run test:postgres` starts), a database migrated by the app's
 * own CLI, the generated SQLite dataset copied into it row for row, and the server's CPU time.
 *
 * The copy: every table of the SQLite file, in foreign-key order, through `COPY … FROM STDIN (FORMAT
 * csv)` fed by psql (the client the server package installs), the rows streamed from better-sqlite3
 * through csv-stringify. Derived tables (list rows, stat tallies, deadline revisions, search documents)
 * are copied as the generator's run of the app's own rules wrote them, so the user triggers that would
 * write them again are disabled during the copy (ALTER TABLE … DISABLE TRIGGER USER); foreign keys stay
 * checked. Then the serial sequences are moved past the copied ids, and VACUUM ANALYZE.
 */
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { pipeline } = require('node:stream/promises');
const { URL } = require('node:url');
const { Readable } = require('node:stream');
const Database = require('better-sqlite3');
const { stringify } = require('csv-stringify');
const { ROOT, DIST } = require('./paths');
const { cpuMsOf } = require('./processes');

const CLOCK_TICKS = 100; // USER_HZ on Linux

const CLUSTER = join(ROOT, 'test', 'postgres', 'cluster.sh');

/**
 * Server settings of the bench's cluster, over cluster.sh's test settings: durable writes (fsync and
 * full-page writes on, as a real server runs), commits that do not wait for their WAL flush
 * (synchronous_commit off, the counterpart of the app's SQLite `synchronous=NORMAL` in WAL mode, where a
 * commit does not fsync either). Everything else is PostgreSQL 15's default (shared_buffers 128 MB).
 */
const SERVER_OPTIONS = '-c fsync=on -c full_page_writes=on -c synchronous_commit=off';

/** SQLite tables that are not data (FTS5's shadow tables, the sequence table, TypeORM's migrations). */
const NOT_DATA = /^(sqlite_|migrations$|recommendation_search_)/;

/**
 * A PostgreSQL server for the run: `serverUrl` (given, a server where this user may create databases)
 * or a throwaway cluster started here. Returns { serverUrl, postmasterPid, stop() }.
 */
function startServer({ serverUrl, log }) {
  if (serverUrl) return { serverUrl, postmasterPid: null, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const out = execFileSync('bash', [CLUSTER, 'start', dir], {
    env: { ...process.env, PG_SERVER_OPTIONS: SERVER_OPTIONS },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
  const url = /^DATABASE_URL=(.+)$/m.exec(out)?.[1];
  if (!url) throw new Error(`cluster.sh printed no DATABASE_URL:\n${out}`);
  const postmasterPid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  log(`PostgreSQL ${serverVersion()} on ${new URL(url).host} (pid ${postmasterPid}; ${SERVER_OPTIONS})`);
  return {
    serverUrl: url,
    postmasterPid,
    async stop() {
      try {
        execFileSync('bash', [CLUSTER, 'stop', dir], { stdio: 'inherit' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function serverVersion() {
  const bins = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return bins[bins.length - 1] ?? '?';
}

/**
 * CPU time (ms) of the postmaster and every process it started (backends, WAL writer, checkpointer…):
 * those running now, and those that have exited (the postmaster's cutime and cstime, which the kernel
 * adds up as it reaps them: a pool's backends exit when the app closes it).
 */
function clusterCpuMs(postmasterPid) {
  if (!postmasterPid) return null;
  let total = 0;
  try {
    const fields = readFileSync(`/proc/${postmasterPid}/stat`, 'utf8').split(') ').pop().split(' ');
    // utime, stime, cutime, cstime: fields 14–17 of proc(5), after the command name from index 11.
    total = ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.split(') ').pop().split(' ')[1]);
      if (ppid === postmasterPid) total += cpuMsOf(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Runs SQL with psql on `url` (ON_ERROR_STOP); returns its unaligned, tuples-only output. */
function psql(url, sql) {
  return execFileSync('psql', [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
}

/** Creates a fresh database on the server (C collation, as the app requires) and migrates it with the app's CLI. */
async function createMigratedDatabase(serverUrl, name) {
  const { createThrowawayDatabase } = require(join(DIST, 'src', 'database', 'postgres', 'throwaway-database.js'));
  const db = await createThrowawayDatabase(serverUrl, name);
  execFileSync(process.execPath, [join(DIST, 'src', 'cli.js'), 'migration:run'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return db;
}

/** The tables of the PostgreSQL database in an order where each comes after the tables it references. */
function tablesInForeignKeyOrder(url) {
  const tables = psql(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
    .split('\n')
    .filter(Boolean);
  const refs = psql(
    url,
    `SELECT c.conrelid::regclass::text || '|' || c.confrelid::regclass::text FROM pg_constraint c
     WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`,
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('|'));
  const ordered = [];
  const placed = new Set();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && refs.every(([from, to]) => from !== t || placed.has(to)));
    if (ready.length === 0) throw new Error('foreign-key cycle between tables');
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

/** Columns of a PostgreSQL table that take values (generated columns left out). */
function writableColumns(url, table) {
  return psql(
    url,
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = '${table}' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
  )
    .split('\n')
    .filter(Boolean);
}

/** Columns of a SQLite table; the FTS5 search table's rowid is the recommendation id. */
function sqliteColumns(db, table) {
  const cols = db.pragma(`table_info("${table}")`).map((c) => c.name);
  return table === 'recommendation_search' ? ['id', ...cols] : cols;
}

/** One table, SQLite → PostgreSQL, through COPY. Returns the number of rows. */
async function copyTable(db, url, table, columns) {
  const select = columns.map((c) => (table === 'recommendation_search' && c === 'id' ? 'rowid AS id' : `"${c}"`));
  const rows = db
    .prepare(`SELECT ${select.join(', ')} FROM "${table}"`)
    .raw()
    .iterate();
  const copy = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN (FORMAT csv)`;
  const child = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', copy], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise((resolve) => child.on('close', resolve));
  let n = 0;
  const counted = (async function* () {
    for (const row of rows) {
      n++;
      yield row;
    }
  })();
  // Strings always quoted, so an empty string stays one; NULL is the unquoted empty field.
  await pipeline(Readable.from(counted), stringify({ quoted_string: true }), child.stdin);
  const code = await exited;
  if (code !== 0) throw new Error(`COPY into ${table} failed (${code}): ${output}`);
  return n;
}

/**
 * Copies every row of the SQLite file at `sqlitePath` into the migrated PostgreSQL database at `url`
 * (`only`: of these tables only, into a database that has the others already).
 * Returns { seconds, rows, tables: { name: rows } }; throws when a SQLite table or column has no
 * PostgreSQL counterpart, or when a table's row count differs after the copy.
 */
async function loadFromSqlite(sqlitePath, url, { log, only }) {
  const started = Date.now();
  const db = new Database(sqlitePath, { readonly: true });
  try {
    const sqliteTables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .all()
      .map((r) => r.name)
      .filter((t) => !NOT_DATA.test(t));
    const pgTables = tablesInForeignKeyOrder(url);
    const missing = sqliteTables.filter((t) => !pgTables.includes(t));
    if (missing.length) throw new Error(`tables missing on PostgreSQL: ${missing.join(', ')}`);
    const tables = pgTables.filter((t) => sqliteTables.includes(t) && (!only || only.includes(t)));
    psql(url, tables.map((t) => `ALTER TABLE "${t}" DISABLE TRIGGER USER;`).join('\n'));
    const counts = {};
    for (const table of tables) {
      const pgCols = writableColumns(url, table);
      const liteCols = sqliteColumns(db, table);
      const extra = liteCols.filter((c) => !pgCols.includes(c));
      if (extra.length) throw new Error(`${table}: columns missing on PostgreSQL: ${extra.join(', ')}`);
      const expected = db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get().n;
      if (expected === 0) continue;
      counts[table] = await copyTable(db, url, table, liteCols);
      const copied = Number(psql(url, `SELECT COUNT(*) FROM "${table}"`).trim());
      if (copied !== expected) throw new Error(`${table}: ${copied} rows on PostgreSQL, ${expected} in SQLite`);
    }
    psql(url, tables.map((t) => `ALTER TABLE "${t}" ENABLE TRIGGER USER;`).join('\n'));
    // Serial ids continue after the copied ones, as they would had the rows been inserted here.
    psql(
      url,
      `DO $$ DECLARE r record; BEGIN
         FOR r IN SELECT table_name AS t, pg_get_serial_sequence(quote_ident(table_name), 'id') AS s
                  FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id'
         LOOP
           IF r.s IS NOT NULL THEN
             EXECUTE format('SELECT setval(%L, m) FROM (SELECT MAX(id) AS m FROM %I) x WHERE m IS NOT NULL', r.s, r.t);
           END IF;
         END LOOP;
       END $$;`,
    );
    psql(url, 'VACUUM ANALYZE');
    const rows = Object.values(counts).reduce((s, n) => s + n, 0);
    const seconds = (Date.now() - started) / 1000;
    log(
      `copied ${rows} rows of ${Object.keys(counts).length} tables into PostgreSQL in ${seconds.toFixed(1)} s (COPY, then VACUUM ANALYZE)`,
    );
    return { seconds: Number(seconds.toFixed(1)), rows, tables: counts };
  } finally {
    db.close();
  }
}

module.exports = { startServer, clusterCpuMs, createMigratedDatabase, loadFromSqlite, psql, SERVER_OPTIONS };
