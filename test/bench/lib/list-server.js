/**
 * What the bench's own list servers (baseline-server.js, limit-server.js) share: the settings the
 * app gets from lib/processes.js, the database opened read-only, and a node:http server answering
 * `GET /api/v1/recommendations?status=…&limit=…` with the JSON text `list(statuses, limit)` writes
 * (and /health), with nothing else on the path.
 */
require('reflect-metadata');
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { join } = require('node:path');
const { URL } = require('node:url');
const Database = require('better-sqlite3');

const DIST = join(__dirname, '..', '..', '..', 'dist', 'src');
const { useCursorSecret } = require(join(DIST, 'common', 'pagination', 'cursor.js'));

// The same secret as the app (lib/processes.js), so both sign the same nextCursor.
if (process.env.CURSOR_SECRET) useCursorSecret(process.env.CURSOR_SECRET);

const settings = {
  timeZone: process.env.TRACKER_TIME_ZONE || 'America/Chicago',
  staleAfterDays: Number(process.env.STALE_AFTER_DAYS || 180),
};

function openDatabase() {
  const db = new Database(process.env.DATABASE_PATH, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** The filters the app's cursor fingerprints: the parameters given (its validated query), and the list's order. */
// What the app binds a list cursor to (its filters and order), from the app itself.
const { cursorScope } = require(join(DIST, 'recommendations', 'recommendation-sort.js'));
const cursorFilters = (statuses) => cursorScope(statuses.length ? { status: statuses } : {});

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function serveList(list, defaultPort) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (url.pathname === '/health') return send(res, 200, '{"status":"ok"}');
      if (url.pathname !== '/api/v1/recommendations') return send(res, 404, '{"title":"Not Found"}');
      const statuses = url.searchParams
        .getAll('status')
        .flatMap((s) => s.split(','))
        .filter(Boolean);
      return send(res, 200, list(statuses, Number(url.searchParams.get('limit') ?? 50)));
    } catch (error) {
      return send(res, 500, JSON.stringify({ title: String(error) }));
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT || defaultPort), process.env.HOST || '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

module.exports = { DIST, settings, openDatabase, cursorFilters, serveList };
