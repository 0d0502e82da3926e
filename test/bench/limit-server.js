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
const { join } = require('node:path');
const { DIST, settings, openDatabase, cursorFilters, serveList } = require('./lib/list-server');

const { ListDay, writeListItem } = require(join(DIST, 'recommendations', 'list-item.js'));
const { encodeCursor } = require(join(DIST, 'common', 'pagination', 'cursor.js'));

const { timeZone, staleAfterDays } = settings;
const db = openDatabase();

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
  const cursor = rows.length > limit ? encodeCursor([rows[n - 1][0]], cursorFilters(statuses)) : null;
  return `${text}],"nextCursor":${JSON.stringify(cursor)}}`;
}

serveList(list, 3998);
