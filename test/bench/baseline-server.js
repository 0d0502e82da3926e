#!/usr/bin/env node
/**
 * The raw baseline: a minimal node:http server with better-sqlite3 that answers the benchmark's
 * list request, `GET /api/v1/recommendations?status=…&limit=…`, with the same SQL the app runs
 * (RecommendationsRepository.list, topicsFor and openDeadlinesFor) and the same JSON
 * (RecommendationsService.toListItems), reusing the app's compiled rules for deadlines, staleness
 * and cursors. No framework, no validation, no ORM: what the hardware and SQLite can do.
 * The benchmark checks that its answer deep-equals the app's before measuring it.
 *
 *   DATABASE_PATH=… PORT=… [TRACKER_TIME_ZONE=…] [STALE_AFTER_DAYS=…] node test/bench/baseline-server.js
 */
require('reflect-metadata');
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { join } = require('node:path');
const { URL } = require('node:url');
const Database = require('better-sqlite3');

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const { toDeadlineView } = require(join(DIST, 'deadlines', 'deadline-view.js'));
const { DEADLINE_COLUMNS, DEADLINE_JOINS } = require(join(DIST, 'deadlines', 'deadline.sql.js'));
const { isStale } = require(join(DIST, 'recommendations', 'rules', 'staleness.js'));
const { encodeCursor, useCursorSecret } = require(join(DIST, 'common', 'pagination', 'cursor.js'));

// The same secret as the app (lib/processes.js), so both sign the same nextCursor.
if (process.env.CURSOR_SECRET) useCursorSecret(process.env.CURSOR_SECRET);

const timeZone = process.env.TRACKER_TIME_ZONE || 'America/Chicago';
const staleAfterDays = Number(process.env.STALE_AFTER_DAYS || 180);
const db = new Database(process.env.DATABASE_PATH, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -32000');
db.pragma('temp_store = MEMORY');

const statements = new Map();
function prepared(sql) {
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.prepare(sql)));
  return s;
}
const marks = (n) => Array.from({ length: n }, () => '?').join(',');

function list(statuses, limit) {
  const rows = prepared(`
      SELECT r.id AS "id", r.slug AS "slug", r.kind AS "kind", r.title AS "title",
        r.headline_status AS "status", r.status_as_of AS "statusAsOf", r.reviewed_on AS "reviewedOn",
        src.slug AS "sourceSlug", src.title AS "sourceTitle",
        a.slug AS "responsibleSlug", a.name AS "responsibleName"
      FROM recommendation r
      JOIN source src ON src.id = r.source_id
      LEFT JOIN actor a ON a.id = r.responsible_id
      ${statuses.length ? `WHERE r.headline_status IN (${statuses.map(() => '?').join(', ')})` : ''}
      ORDER BY r.slug
      LIMIT ?`).all(...statuses, limit + 1);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const topics = new Map();
  const nextByRec = new Map();
  if (ids.length) {
    const topicRows = prepared(
      `SELECT rt.recommendation_id AS rid, t.slug AS slug FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
       WHERE rt.recommendation_id IN (${marks(ids.length)}) ORDER BY t.slug`,
    ).all(...ids);
    for (const t of topicRows) topics.set(t.rid, [...(topics.get(t.rid) ?? []), t.slug]);
    const deadlines = prepared(
      `SELECT ${DEADLINE_COLUMNS} FROM deadline d ${DEADLINE_JOINS}
       WHERE d.recommendation_id IN (${marks(ids.length)}) AND d.state = 'open'
       ORDER BY d.recommendation_id, d.closes_at, d.id`,
    ).all(...ids);
    for (const d of deadlines) if (!nextByRec.has(d.recommendationId)) nextByRec.set(d.recommendationId, d);
  }
  const now = new Date();
  const at = { now, asOf: undefined, timeZone };
  const items = page.map((r) => {
    const next = nextByRec.get(r.id);
    const nextDeadline = next ? toDeadlineView(next, at) : null;
    return {
      slug: r.slug,
      kind: r.kind,
      title: r.title,
      status: r.status,
      statusAsOf: r.statusAsOf,
      source: { slug: r.sourceSlug, title: r.sourceTitle },
      responsible: r.responsibleSlug ? { slug: r.responsibleSlug, title: r.responsibleName ?? '' } : null,
      topics: topics.get(r.id) ?? [],
      nextDeadline,
      overdue: nextDeadline?.overdue ?? false,
      reviewedOn: r.reviewedOn,
      stale: isStale(r.reviewedOn, now, staleAfterDays, timeZone),
    };
  });
  // The app's validated query has the parameters given, and the list adds its order (cursor fingerprints cover them).
  const filters = statuses.length ? { status: statuses, sort: 'slug' } : { sort: 'slug' };
  const nextCursor = rows.length > limit ? encodeCursor([page[page.length - 1].slug], filters) : null;
  return { items, nextCursor };
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname !== '/api/v1/recommendations') return send(res, 404, { title: 'Not Found' });
    const statuses = url.searchParams
      .getAll('status')
      .flatMap((s) => s.split(','))
      .filter(Boolean);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return send(res, 200, list(statuses, limit));
  } catch (error) {
    return send(res, 500, { title: String(error) });
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT || 3999), process.env.HOST || '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
