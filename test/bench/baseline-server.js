#!/usr/bin/env node
/**
 * The raw baseline: a minimal node:http server with better-sqlite3 that answers the benchmark's
 * list request, `GET /api/v1/recommendations?status=…&limit=…`, with the same SQL the app runs
 * (RecommendationsRepository.list, topicsFor and openDeadlinesFor) and the same JSON
 * (RecommendationsService.toListItems), reusing the app's compiled rules for deadlines, staleness,
 * the item's shape and cursors. No framework, no validation, no ORM: what the hardware and SQLite can do.
 * The benchmark checks that its answer deep-equals the app's before measuring it.
 *
 *   DATABASE_PATH=… PORT=… [TRACKER_TIME_ZONE=…] [STALE_AFTER_DAYS=…] node test/bench/baseline-server.js
 */
const { join } = require('node:path');
const { DIST, settings, openDatabase, cursorFilters, serveList } = require('./lib/list-server');

const { toDeadlineView } = require(join(DIST, 'deadlines', 'deadline-view.js'));
const { DEADLINE_COLUMNS, DEADLINE_JOINS } = require(join(DIST, 'deadlines', 'deadline.sql.js'));
const { isStale } = require(join(DIST, 'recommendations', 'rules', 'staleness.js'));
const { toListItem } = require(join(DIST, 'recommendations', 'list-item.js'));
const { encodeCursor } = require(join(DIST, 'common', 'pagination', 'cursor.js'));

const { timeZone, staleAfterDays } = settings;
const db = openDatabase();

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
    return toListItem(
      r,
      topics.get(r.id) ?? [],
      next ? toDeadlineView(next, at) : null,
      isStale(r.reviewedOn, now, staleAfterDays, timeZone),
    );
  });
  const nextCursor = rows.length > limit ? encodeCursor([page[page.length - 1].slug], cursorFilters(statuses)) : null;
  return { items, nextCursor };
}

serveList((statuses, limit) => JSON.stringify(list(statuses, limit)), 3999);
