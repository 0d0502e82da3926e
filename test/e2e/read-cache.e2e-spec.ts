/**
 * The read cache of the hot public reads (list, stats, feeds): a cached answer is only ever reused
 * while the tables it reads and the local day are unchanged, concurrent requests share one computation, and
 * conditional GETs get 304.
 */
import Database from 'better-sqlite3';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ReadCache } from '../../src/common/cache/read-cache';
import { Clock } from '../../src/common/clock';
import { RateLimitGuard } from '../../src/common/http/rate-limits';
import { OverviewPage } from '../../src/dashboard/overview-page';
import { FeedsController } from '../../src/feeds/feeds.controller';
import { FeedsService } from '../../src/feeds/feeds.service';
import { DeadlinesRepository } from '../../src/deadlines/deadlines.repository';
import { RecommendationsController } from '../../src/recommendations/recommendations.controller';
import { addDays } from '../../src/common/time/local-date';
import { StatsController } from '../../src/stats/stats.controller';
import { StatsRepository } from '../../src/stats/stats.repository';
import { StatsService } from '../../src/stats/stats.service';
import { localToday } from '../support/factories';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

const today = localToday();
const LIST = '/api/v1/recommendations?status=in_progress';

describe('read cache of the list, stats and feeds', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp([
      { slug: 'alpha', statuses: [{ status: 'in_progress', on: addDays(today, -3) }], deadlines: [{ due: today }] },
      { slug: 'bravo', statuses: [{ status: 'implemented', on: addDays(today, -3) }] },
    ]));
  });
  afterAll(() => t.close());

  /** Commits `sql` through another connection to the same database. */
  async function commitElsewhere(sql: string): Promise<void> {
    if (t.databaseUrl) {
      // PostgreSQL (test:postgres): what another instance's write looks like.
      const other = new DataSource({ type: 'postgres', url: t.databaseUrl });
      await other.initialize();
      await other.query(sql);
      await other.destroy();
    } else {
      const other = new Database(t.databasePath);
      other.prepare(sql).run();
      other.close();
    }
  }

  it('is one instance for the whole app (one memory bound, one set of entries)', () => {
    const users = [RecommendationsController, FeedsController, OverviewPage, StatsController, StatsService];
    const caches = users.map((u) => (t.app.get<object>(u) as { cache: ReadCache }).cache);
    expect(caches.every((c) => c instanceof ReadCache)).toBe(true);
    expect(new Set([t.app.get(ReadCache), ...caches]).size).toBe(1);
  });

  it('answers with a strong ETag, and 304 without a body when If-None-Match names it', async () => {
    for (const path of [LIST, '/api/v1/stats']) {
      const first = await http
        .get(path)
        .expect(200)
        .expect('Content-Type', /application\/json/);
      expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
      const again = await http.get(path).expect(200);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.body).toEqual(first.body);
      const conditional = await http.get(path).set('If-None-Match', `W/"other", ${first.headers.etag}`).expect(304);
      expect(conditional.text ?? '').toBe('');
    }
  });

  it('answers a hit, and a list query validated before, before the guards, pipes and handler run, with the headers a computed answer has', async () => {
    const path = `${LIST}&limit=7`;
    const guard = t.app.get(RateLimitGuard);
    const guarded = jest.spyOn(guard, 'canActivate');
    const admitted = jest.spyOn(guard, 'admit');
    try {
      const computed = await http.get(path).expect(200);
      expect(guarded).toHaveBeenCalledTimes(1);
      const hit = await http.get(path).expect(200);
      expect(guarded).toHaveBeenCalledTimes(1);
      expect(admitted).toHaveBeenCalledTimes(1);
      await expect(admitted.mock.results[0].value).resolves.toBe(true);
      expect(hit.text).toBe(computed.text);
      // x-ratelimit-reset counts whole seconds to the window's end: two answers a second apart differ.
      const varying = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
      const headers = (res: request.Response) =>
        Object.fromEntries(Object.entries(res.headers).filter(([name]) => !varying.has(name)));
      expect(headers(hit)).toEqual(headers(computed));
      expect(hit.headers['x-request-id']).toMatch(/\S/);
      expect(hit.headers['x-ratelimit-reset']).toMatch(/^\d+$/);
      // A conditional hit is answered early too.
      await http.get(path).set('If-None-Match', computed.headers.etag).expect(304);
      expect(guarded).toHaveBeenCalledTimes(1);
      // A request that asks for no-cache is computed again: its query passed validation before, so the
      // list's early route answers it before Nest's pipeline too (early-routes.ts), with the same headers.
      const recomputed = await http.get(path).set('Cache-Control', 'no-cache').expect(200);
      expect(guarded).toHaveBeenCalledTimes(1);
      expect(admitted).toHaveBeenCalledTimes(3);
      expect(recomputed.text).toBe(computed.text);
      expect(headers(recomputed)).toEqual(headers(computed));
      // A query not seen before goes the whole way.
      await http.get(`${path}&sort=title`).set('Cache-Control', 'no-cache').expect(200);
      expect(guarded).toHaveBeenCalledTimes(2);
    } finally {
      guarded.mockRestore();
      admitted.mockRestore();
    }
  });

  it('recomputes the stats after a write before the guards, pipes and handler run, with the body and headers of the routed answer', async () => {
    const guard = t.app.get(RateLimitGuard);
    const guarded = jest.spyOn(guard, 'canActivate');
    const db = t.app.get(DataSource);
    try {
      const routed = await http.get('/api/v1/stats').expect(200);
      const calls = guarded.mock.calls.length;
      await db.query(`UPDATE recommendation SET headline_status = 'stalled' WHERE slug = 'alpha'`);
      const early = await http.get('/api/v1/stats').expect(200);
      expect(guarded.mock.calls.length).toBe(calls);
      expect(early.body.byStatus.stalled).toBe(routed.body.byStatus.stalled + 1);
      expect(early.headers.etag).not.toBe(routed.headers.etag);
      const varying = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'etag', 'content-length']);
      const headers = (res: request.Response) =>
        Object.fromEntries(Object.entries(res.headers).filter(([name]) => !varying.has(name)));
      expect(headers(early)).toEqual(headers(routed));
      // Parameters the route does not take go the whole way, to its 400.
      await http.get('/api/v1/stats?limit=1').expect(400);
      expect(guarded.mock.calls.length).toBe(calls + 1);
    } finally {
      await db.query(`UPDATE recommendation SET headline_status = 'in_progress' WHERE slug = 'alpha'`);
      guarded.mockRestore();
    }
  });

  it('answers one item early once its query passed, with the body and headers of the routed answer; anything else goes the whole way', async () => {
    const guard = t.app.get(RateLimitGuard);
    const guarded = jest.spyOn(guard, 'canActivate');
    try {
      const path = '/api/v1/recommendations/alpha?asOf=' + today;
      const routed = await http.get(path).expect(200);
      expect(guarded).toHaveBeenCalledTimes(1);
      const early = await http.get(path).expect(200);
      expect(guarded).toHaveBeenCalledTimes(1);
      expect(early.text).toBe(routed.text);
      expect(early.headers.etag).toBe(routed.headers.etag);
      const varying = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
      const headers = (res: request.Response) =>
        Object.fromEntries(Object.entries(res.headers).filter(([name]) => !varying.has(name)));
      expect(headers(early)).toEqual(headers(routed));
      // An unknown item (a 404 problem) and a slug that is not one are answered by Nest's route, and
      // counted once by the rate limit all the same.
      const missing = await http.get('/api/v1/recommendations/no-such-item?asOf=' + today).expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(missing.headers['x-ratelimit-remaining'])).toBe(Number(early.headers['x-ratelimit-remaining']) - 1);
      const notSlug = await http.get('/api/v1/recommendations/Not_A_Slug?asOf=' + today).expect(404);
      expect(Number(notSlug.headers['x-ratelimit-remaining'])).toBe(Number(missing.headers['x-ratelimit-remaining']) - 1);
      expect(guarded).toHaveBeenCalledTimes(3);
      // A query not passed before goes the whole way, and a bad one gets its 400 there.
      await http.get('/api/v1/recommendations/alpha?asOf=2021-02-30').expect(400);
      expect(guarded).toHaveBeenCalledTimes(4);
    } finally {
      guarded.mockRestore();
    }
  });

  it('tags an answer by data version, day and URL: a recomputed answer keeps its tag, another URL or a write changes it', async () => {
    const a = await http.get(LIST).expect(200);
    const fresh = await http.get(LIST).set('Cache-Control', 'no-cache').expect(200);
    expect(fresh.text).toBe(a.text);
    expect(fresh.headers.etag).toBe(a.headers.etag);
    const other = await http.get(`${LIST}&limit=1`).expect(200);
    expect(other.headers.etag).not.toBe(a.headers.etag);
    await t.app.get(DataSource).query(`UPDATE recommendation SET title = title || '.' WHERE slug = 'alpha'`);
    const changed = await http.get(LIST).set('If-None-Match', a.headers.etag).expect(200);
    expect(changed.headers.etag).not.toBe(a.headers.etag);
    await http.get(LIST).set('If-None-Match', changed.headers.etag).expect(304);
  });

  it('keeps the answers a write cannot change: the outbox and bookkeeping keep all, a title keeps the stats', async () => {
    const db = t.app.get(DataSource);
    const counted = jest.spyOn(t.app.get(StatsRepository), 'tallyRows');
    try {
      const list = await http.get(LIST).expect(200);
      const stats = await http.get('/api/v1/stats').expect(200);
      const computed = counted.mock.calls.length;
      // What a notification scan and an authenticated request write.
      await db.query(
        `INSERT INTO notification_cursor (name, last_id, updated_at) VALUES ('cache-test', 1, '2030-01-01T00:00:00.000Z')`,
      );
      await db.query(`INSERT INTO tracker_meta (key, value) VALUES ('cache-test', '1')`);
      await http.get(LIST).set('If-None-Match', list.headers.etag).expect(304);
      await http.get('/api/v1/stats').set('If-None-Match', stats.headers.etag).expect(304);
      // A title is not counted: the stats stay, the list is recomputed under a new tag.
      await db.query(`UPDATE recommendation SET title = title || '!' WHERE slug = 'alpha'`);
      await http.get('/api/v1/stats').set('If-None-Match', stats.headers.etag).expect(304);
      const relisted = await http.get(LIST).set('If-None-Match', list.headers.etag).expect(200);
      expect(relisted.headers.etag).not.toBe(list.headers.etag);
      expect(counted.mock.calls.length).toBe(computed);
      // A counted column: the stats follow.
      await db.query(`UPDATE recommendation SET headline_status = 'stalled' WHERE slug = 'alpha'`);
      const restated = await http.get('/api/v1/stats').set('If-None-Match', stats.headers.etag).expect(200);
      expect(restated.body.byStatus.stalled).toBe(1);
      await db.query(`UPDATE recommendation SET headline_status = 'in_progress' WHERE slug = 'alpha'`);
      // The items due within 30 days, cached on their own by the deadlines they read, follow a deadline write.
      const due = (await http.get('/api/v1/stats').expect(200)).body.dueWithin30;
      expect(due).toEqual({ deadlines: 1, recommendations: 1 });
      await db.query(`UPDATE deadline SET state = 'met', met_on = '${addDays(today, -1)}'`);
      expect((await http.get('/api/v1/stats').expect(200)).body.dueWithin30).toEqual({ deadlines: 0, recommendations: 0 });
      await db.query(`UPDATE deadline SET state = 'open', met_on = NULL`);
      expect((await http.get('/api/v1/stats').expect(200)).body.dueWithin30).toEqual(due);
    } finally {
      counted.mockRestore();
    }
  });

  it('never serves an answer from before a write on the app connection', async () => {
    const before = await http.get(LIST).expect(200);
    expect(before.body.items.map((i: { slug: string }) => i.slug)).toEqual(['alpha']);
    await t.app.get(DataSource).query(`UPDATE recommendation SET headline_status = 'in_progress' WHERE slug = 'bravo'`);
    const after = await http.get(LIST).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.body.items.map((i: { slug: string }) => i.slug)).toEqual(['alpha', 'bravo']);
    const stats = await http.get('/api/v1/stats').expect(200);
    expect(stats.body.byStatus.in_progress).toBe(2);
  });

  it('sees a commit made by another connection to the same database', async () => {
    await http.get(LIST).expect(200);
    // reviewed_on is read as stored (a title is in the list row the write path keeps, list-rows.repository.ts).
    await commitElsewhere(`UPDATE recommendation SET reviewed_on = '2001-02-03' WHERE slug = 'alpha'`);
    const after = await http.get(LIST).expect(200);
    expect(after.body.items[0].reviewedOn).toBe('2001-02-03');
  });

  it('answers a no-cache request after another connection committed with the new data, never under the old tag', async () => {
    const before = await http.get(LIST).set('Cache-Control', 'no-cache').expect(200);
    const change = (on: string) => `UPDATE recommendation SET reviewed_on = '${on}' WHERE slug = 'alpha'`;
    // Another connection's commit: the app learns of it only by reading the data version.
    await commitElsewhere(change('2002-03-04'));
    const after = await http.get(LIST).set('Cache-Control', 'no-cache').expect(200);
    expect(after.body.items[0].reviewedOn).toBe('2002-03-04');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The next answers, cached or not, are the same bytes under one tag.
    const cached = await http.get(LIST).expect(200);
    const again = await http.get(LIST).set('Cache-Control', 'no-cache').expect(200);
    expect(cached.text).toBe(after.text);
    expect(again.text).toBe(after.text);
    expect(again.headers.etag).toBe(cached.headers.etag);
    await http.get(LIST).set('If-None-Match', cached.headers.etag).expect(304);
    await commitElsewhere(change(addDays(today, -3)));
  });

  it('recomputes on a new local day (a deadline closing at midnight becomes overdue)', async () => {
    const clock = t.app.get(Clock);
    const real = clock.now.bind(clock);
    const before = await http.get(LIST).expect(200);
    expect(before.body.items[0].overdue).toBe(false);
    clock.now = () => new Date(real().getTime() + 2 * 86_400_000);
    try {
      const after = await http.get(LIST).expect(200);
      expect(after.body.items[0].overdue).toBe(true);
      expect(after.headers.etag).not.toBe(before.headers.etag);
    } finally {
      clock.now = real;
    }
  });

  it('skips the cache for Cache-Control: no-cache, with the same answer', async () => {
    const cached = await http.get(LIST).expect(200);
    const fresh = await http.get(LIST).set('Cache-Control', 'no-cache').expect(200);
    expect(fresh.body).toEqual(cached.body);
  });

  it('builds a feed once for concurrent readers, again after a write, and not again for no-cache', async () => {
    const feeds = t.app.get(FeedsService);
    const calendar = jest.spyOn(feeds, 'calendar');
    try {
      await t.app.get(DataSource).query(`UPDATE deadline SET label = 'before the write'`);
      const answers = await Promise.all(Array.from({ length: 5 }, () => http.get('/feeds/deadlines.ics').expect(200)));
      expect(calendar).toHaveBeenCalledTimes(1);
      expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
      expect(answers[0].text).toContain('before the write');
      await http.get('/feeds/deadlines.ics').expect(200);
      expect(calendar).toHaveBeenCalledTimes(1);

      await t.app.get(DataSource).query(`UPDATE deadline SET label = 'after the write'`);
      const after = await http.get('/feeds/deadlines.ics').expect(200);
      expect(after.text).toContain('after the write');
      expect(calendar).toHaveBeenCalledTimes(2);

      const noCache = await http.get('/feeds/deadlines.ics').set('Cache-Control', 'no-cache').expect(200);
      expect(noCache.text).toBe(after.text);
      expect(calendar).toHaveBeenCalledTimes(2);
    } finally {
      calendar.mockRestore();
    }
  });

  it('keeps the deadline calendar through a status change (it shows items by name), builds it again for a new title; filtered by who is responsible, after any write to the items', async () => {
    const db = t.app.get(DataSource);
    const calendar = jest.spyOn(t.app.get(FeedsService), 'calendar');
    const BY_POLICE = '/feeds/deadlines.ics?responsible=police';
    try {
      const all = await http.get('/feeds/deadlines.ics').expect(200);
      const police = await http.get(BY_POLICE).expect(200);
      expect(police.text).toContain('alpha');
      const built = calendar.mock.calls.length;

      await db.query(`UPDATE recommendation SET headline_status = 'stalled' WHERE slug = 'alpha'`);
      await http.get('/feeds/deadlines.ics').set('If-None-Match', all.headers.etag).expect(304);
      expect(calendar).toHaveBeenCalledTimes(built);
      // Filtered by who is responsible, it reads the items' other columns: built again.
      await http.get(BY_POLICE).set('If-None-Match', police.headers.etag).expect(200);
      expect(calendar).toHaveBeenCalledTimes(built + 1);

      await db.query(`UPDATE recommendation SET title = 'Alpha renamed' WHERE slug = 'alpha'`);
      const renamed = await http.get('/feeds/deadlines.ics').set('If-None-Match', all.headers.etag).expect(200);
      expect(renamed.text).toContain('Alpha renamed');
      expect(calendar).toHaveBeenCalledTimes(built + 2);

      const policeRenamed = await http.get(BY_POLICE).expect(200);
      await db.query(
        `UPDATE recommendation SET responsible_id = (SELECT id FROM actor WHERE slug = 'city') WHERE slug = 'alpha'`,
      );
      await http.get('/feeds/deadlines.ics').set('If-None-Match', renamed.headers.etag).expect(304);
      const moved = await http.get(BY_POLICE).set('If-None-Match', policeRenamed.headers.etag).expect(200);
      expect(moved.text).not.toContain('Alpha renamed');
    } finally {
      await db.query(
        `UPDATE recommendation SET responsible_id = (SELECT id FROM actor WHERE slug = 'police') WHERE slug = 'alpha'`,
      );
      await db.query(`UPDATE recommendation SET headline_status = 'in_progress' WHERE slug = 'alpha'`);
      calendar.mockRestore();
    }
  });

  it('streams a feed to its first reader and keeps the same bytes for the next; a bad filter is a 400 before any byte', async () => {
    await t.app.get(DataSource).query(`UPDATE deadline SET label = 'streamed'`);
    const first = await http.get('/feeds/deadlines.ics').expect(200);
    // Written as it was produced: chunked, no length known up front.
    expect(first.headers['transfer-encoding']).toBe('chunked');
    expect(first.headers['content-length']).toBeUndefined();
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(first.text).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*streamed[\s\S]*END:VCALENDAR\r\n$/);
    const cached = await http.get('/feeds/deadlines.ics').expect(200);
    expect(cached.headers['content-length']).toBe(String(Buffer.byteLength(cached.text)));
    expect(cached.text).toBe(first.text);
    expect(cached.headers.etag).toBe(first.headers.etag);
    await http.get('/feeds/deadlines.ics').set('If-None-Match', first.headers.etag).expect(304);

    await t.app.get(DataSource).query(`UPDATE deadline SET label = 'streamed again'`);
    // After a write the old tag no longer matches: the new feed (streamed), then 304 for its own tag.
    const revalidated = await http.get('/feeds/deadlines.ics').set('If-None-Match', first.headers.etag).expect(200);
    const notModified = await http.get('/feeds/deadlines.ics').set('If-None-Match', revalidated.headers.etag).expect(304);
    expect(notModified.text).toBe('');
    const bad = await http.get('/feeds/deadlines.ics').query({ setBy: 'nobody' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'setBy', in: 'query' })]);
  });

  it('a feed whose reading fails after its first bytes: that reader is cut off, nothing is cached, the next reader gets it whole', async () => {
    await t.app.get(DataSource).query(`UPDATE deadline SET label = 'after a failure'`);
    // The database failing while the deadlines are read (the window was already chosen and the
    // calendar's head sent): the one part of this test that is not the real thing.
    const pages = jest.spyOn(t.app.get(DeadlinesRepository), 'list').mockRejectedValueOnce(new Error('disk I/O error'));
    try {
      const cut = await http.get('/feeds/deadlines.ics').then(
        (r) => `answered ${r.status}`,
        (e: Error) => `cut off: ${e.message}`,
      );
      expect(cut).toMatch(/^cut off/);
      expect(pages).toHaveBeenCalledTimes(1);
      const whole = await http.get('/feeds/deadlines.ics').expect(200);
      expect(whole.headers['transfer-encoding']).toBe('chunked'); // built again, not from the cache
      expect(whole.text).toMatch(/after a failure[\s\S]*END:VCALENDAR\r\n$/);
      expect((await http.get('/health')).status).toBe(200);
    } finally {
      pages.mockRestore();
    }
  });

  it('50 concurrent no-cache feed requests build the feed once, and /health answers meanwhile', async () => {
    const feeds = t.app.get(FeedsService);
    const calendar = jest.spyOn(feeds, 'calendar');
    try {
      await t.app.get(DataSource).query(`UPDATE deadline SET label = 'fifty readers'`);
      const feedRequests = Array.from({ length: 50 }, () => http.get('/feeds/deadlines.ics').set('Cache-Control', 'no-cache'));
      const [health, ...answers] = await Promise.all([http.get('/health'), ...feedRequests]);
      expect(health.status).toBe(200);
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 200));
      expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
      // One reader had it streamed, the others waited for the whole: the same bytes for all.
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      expect(answers.filter((a) => a.headers['transfer-encoding'] === 'chunked')).toHaveLength(1);
      expect(answers[0].text).toContain('fifty readers');
      expect(answers[0].text).toMatch(/^BEGIN:VCALENDAR/);
      expect(calendar).toHaveBeenCalledTimes(1);
      expect((await http.get('/health')).status).toBe(200);
    } finally {
      calendar.mockRestore();
    }
  });
});
