#!/usr/bin/env node
/**
 * The best implementation of the list request this benchmark knows, `GET /api/v1/recommendations?status=…&limit=…`:
 * a minimal node:http server with better-sqlite3 over the prebuilt list rows (recommendation_list_row,
 * kept by the app's write path and filled by the generator): one prepared statement walks
 * (headline_status, slug) and returns raw array rows of the columns shown; the page is written by
 * string concatenation, with only the clock fields (overdue, days late or remaining, stale) computed
 * per request from a per-local-day context (the app's compiled list-item.js), and the cursor signed as
 * the app signs it. No framework, no validation, no ETag, no cache: the floor the app's uncached list
 * is measured against. The benchmark checks that its answer deep-equals the app's before measuring it.
 *
 *   DATABASE_PATH=… PORT=… [TRACKER_TIME_ZONE=…] [STALE_AFTER_DAYS=…] node test/bench/limit-server.js
 */
require('reflect-metadata');
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { join } = require('node:path');
const { URL } = require('node:url');
const Database = require('better-sqlite3');

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const { ListDay, writeListItem } = require(join(DIST, 'recommendations', 'list-item.js'));
const { encodeCursor, useCursorSecret } = require(join(DIST, 'common', 'pagination', 'cursor.js'));

if (process.env.CURSOR_SECRET) useCursorSecret(process.env.CURSOR_SECRET);
const timeZone = process.env.TRACKER_TIME_ZONE || 'America/Chicago';
const staleAfterDays = Number(process.env.STALE_AFTER_DAYS || 180);
const db = new Database(process.env.DATABASE_PATH, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -32000');

const statements = new Map();
function page(statuses, limit) {
  const key = statuses.length;
  let s = statements.get(key);
  if (!s) {
    s = db
      .prepare(
        `SELECT r.slug, lr.head, lr.closes_at, lr.tail, r.reviewed_on
         FROM recommendation r JOIN recommendation_list_row lr ON lr.recommendation_id = r.id
         ${key ? `WHERE r.headline_status IN (${statuses.map(() => '?').join(', ')})` : ''}
         ORDER BY r.slug LIMIT ?`,
      )
      .raw(true);
    statements.set(key, s);
  }
  return s.all(...statuses, limit + 1);
}

let day = null;
function list(statuses, limit) {
  const rows = page(statuses, limit);
  const now = new Date();
  day = ListDay.at(now, timeZone, staleAfterDays, day ?? undefined);
  const nowMs = now.getTime();
  const n = Math.min(rows.length, limit);
  let text = '{"items":[';
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (i > 0) text += ',';
    text += writeListItem({ head: r[1], closesAt: r[2], tail: r[3] }, r[4], day, nowMs);
  }
  let cursor = null;
  if (rows.length > limit) {
    // The app's validated query has the parameters given, and the list adds its order.
    const filters = statuses.length ? { status: statuses, sort: 'slug' } : { sort: 'slug' };
    cursor = encodeCursor([rows[n - 1][0]], filters);
  }
  return `${text}],"nextCursor":${JSON.stringify(cursor)}}`;
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

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
server.listen(Number(process.env.PORT || 3998), process.env.HOST || '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
