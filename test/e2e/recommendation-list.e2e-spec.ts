/**
 * Filters, keyset pagination and error answers of the public list endpoints, on a factory dataset
 * whose deadlines sit relative to today.
 */
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import { SeedService } from '../../src/seed/seed.service';
import { addDays, buildSeed, FactoryItem, localToday } from '../support/factories';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

const today = localToday();
const recent = addDays(today, -10);

const items: FactoryItem[] = [
  {
    slug: 'alpha',
    title: 'Adopt a foot pursuit policy',
    topics: ['foot-pursuits'],
    statuses: [{ status: 'in_progress', on: recent }],
    deadlines: [{ due: addDays(today, -3) }],
  },
  {
    slug: 'bravo',
    title: 'Train officers',
    topics: ['training'],
    statuses: [{ status: 'implemented', on: recent }],
    deadlines: [{ due: addDays(today, 5) }],
  },
  {
    slug: 'charlie',
    title: 'Collect pursuit data',
    kind: 'requirement',
    source: 'report-b',
    responsible: 'city',
    statuses: [{ status: 'in_progress', on: '2019-01-01' }],
    deadlines: [{ due: addDays(today, 20) }],
  },
  {
    slug: 'delta',
    title: 'Review every Pursuit',
    text: 'Supervisors review each pursuit (Überprüfung).',
    statuses: [
      { status: 'stalled', on: recent },
      { status: 'interim', on: recent, assessor: 'independent-monitoring-team' },
    ],
  },
  { slug: 'echo', title: 'Never assessed item' },
];
for (let i = 0; i < 12; i++)
  items.push({ slug: `zulu-${String(i).padStart(2, '0')}`, statuses: [{ status: 'in_progress', on: recent }] });

describe('listing recommendations and deadlines', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp(items));
  });
  afterAll(() => t.close());

  const slugs = async (query: Record<string, unknown>) => {
    const res = await http.get('/api/v1/recommendations').query({ limit: 200, ...query });
    expect(res.status).toBe(200);
    return res.body.items.map((i: { slug: string }) => i.slug);
  };

  it('filters by headline status, repeated or comma-separated', async () => {
    expect(await slugs({ status: 'implemented' })).toEqual(['bravo']);
    expect(await slugs({ status: ['implemented', 'stalled'] })).toEqual(['bravo', 'delta']);
    expect(await slugs({ status: 'implemented,stalled' })).toEqual(['bravo', 'delta']);
    expect(await slugs({ status: 'not_assessed' })).toEqual(['echo']);
  });

  it('filters by kind, topic, source, responsible and assessor', async () => {
    expect(await slugs({ kind: 'requirement' })).toEqual(['charlie']);
    expect(await slugs({ topic: 'foot-pursuits' })).toEqual(['alpha']);
    expect(await slugs({ source: 'report-b' })).toEqual(['charlie']);
    expect(await slugs({ responsible: 'city' })).toEqual(['charlie']);
    expect(await slugs({ assessor: 'independent-monitoring-team' })).toEqual(['delta']);
  });

  it('filters by overdue and by deadlines due within N days', async () => {
    expect(await slugs({ overdue: 'true' })).toEqual(['alpha']);
    expect(await slugs({ overdue: 'false' })).not.toContain('alpha');
    expect(await slugs({ dueWithin: 7 })).toEqual(['bravo']);
    expect(await slugs({ dueWithin: 30 })).toEqual(['bravo', 'charlie']);
    expect(await slugs({ dueWithin: 4 })).toEqual([]);
    const alpha = (await http.get('/api/v1/recommendations').query({ overdue: true })).body.items[0];
    expect(alpha.overdue).toBe(true);
    expect(alpha.nextDeadline).toMatchObject({ due: addDays(today, -3), overdue: true, daysLate: 2 });
  });

  it('flags stale items: old reviews and never-assessed ones', async () => {
    expect(await slugs({ stale: 'true' })).toEqual(['charlie', 'echo']);
    expect(await slugs({ stale: 'false' })).not.toContain('charlie');
  });

  it('finds text in titles and texts, case-insensitively, including short and accented queries', async () => {
    // In slug order: which item ranks first is the reader query set's to check (search-queries.e2e-spec.ts).
    expect(await slugs({ q: 'PURSUIT', sort: 'slug' })).toEqual(['alpha', 'charlie', 'delta']);
    expect(await slugs({ q: 'überprüfung' })).toEqual(['delta']);
    expect(await slugs({ q: 'Tr' })).toEqual(['bravo']);
    expect(await slugs({ q: '"quoted" OR *' })).toEqual([]);
    expect(await slugs({ q: '100%' })).toEqual([]);
  });

  it('answers as of a past date', async () => {
    expect(await slugs({ asOf: '2019-06-01', status: 'in_progress' })).toEqual(['charlie']);
    expect(await slugs({ asOf: '2019-06-01', status: 'not_assessed' })).toContain('alpha');
  });

  it('pages through everything with no duplicates and no gaps', async () => {
    const all = await slugs({});
    for (const limit of [1, 3, 7]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 50; page++) {
        const res = await http.get('/api/v1/recommendations').query({ limit, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items.map((i: { slug: string }) => i.slug));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toEqual(all);
    }
    const filtered: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await http
        .get('/api/v1/recommendations')
        .query({ status: 'in_progress', limit: 5, ...(cursor ? { cursor } : {}) });
      filtered.push(...res.body.items.map((i: { slug: string }) => i.slug));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(filtered).toEqual(await slugs({ status: 'in_progress' }));
  });

  it('pages deadlines sorted by close', async () => {
    const first = await http.get('/api/v1/deadlines').query({ limit: 2 });
    expect(first.status).toBe(200);
    const second = await http.get('/api/v1/deadlines').query({ limit: 2, cursor: first.body.nextCursor });
    const closes = [...first.body.items, ...second.body.items].map((d: { closesAt: string }) => d.closesAt);
    expect(closes).toEqual([...closes].sort());
    expect(new Set([...first.body.items, ...second.body.items].map((d: { id: number }) => d.id)).size).toBe(3);
    expect(
      (await http.get('/api/v1/deadlines').query({ overdue: true })).body.items.map((d: { slug: string }) => d.slug),
    ).toEqual(['alpha-dl-0']);
    expect((await http.get('/api/v1/deadlines').query({ dueWithin: 7 })).body.items.map((d: { slug: string }) => d.slug)).toEqual(
      ['bravo-dl-0'],
    );
    expect(
      (await http.get('/api/v1/deadlines').query({ responsible: 'city' })).body.items.map((d: { slug: string }) => d.slug),
    ).toEqual(['charlie-dl-0']);
    expect((await http.get('/api/v1/deadlines').query({ setBy: 'city', state: 'met' })).body.items).toEqual([]);
  });

  it('picks the deadlines closing nearest to today when a feed must be capped', async () => {
    const deadlines = t.app.get(DeadlinesService);
    const nearest = async (filters: Record<string, string>, cap: number) => {
      const { truncated, pages } = await deadlines.nearestWindow(filters, cap);
      const slugs: string[] = [];
      for await (const page of pages()) slugs.push(...page.map((d) => d.slug));
      return { truncated, slugs };
    };
    expect(await nearest({}, 2)).toEqual({ truncated: true, slugs: ['alpha-dl-0', 'bravo-dl-0'] });
    expect(await nearest({}, 3)).toEqual({ truncated: false, slugs: ['alpha-dl-0', 'bravo-dl-0', 'charlie-dl-0'] });
    expect(await nearest({ responsible: 'city' }, 1)).toEqual({ truncated: false, slugs: ['charlie-dl-0'] });
  });

  describe('bad requests get a 400 problem naming the parameter', () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['/api/v1/recommendations', 'unknown status', { status: 'done' }, 'status'],
      ['/api/v1/recommendations', 'unknown kind', { kind: 'wish' }, 'kind'],
      ['/api/v1/recommendations', 'malformed asOf', { asOf: '2021-13-01' }, 'asOf'],
      ['/api/v1/recommendations', 'impossible asOf', { asOf: '2021-02-29' }, 'asOf'],
      ['/api/v1/recommendations', 'asOf at the end of the calendar', { asOf: '9999-12-31' }, 'asOf'],
      ['/api/v1/recommendations', 'asOf at the start of the calendar', { asOf: '0001-01-01' }, 'asOf'],
      ['/api/v1/deadlines', 'asOf at the end of the calendar', { asOf: '9999-12-31' }, 'asOf'],
      ['/api/v1/recommendations', 'limit 0', { limit: 0 }, 'limit'],
      ['/api/v1/recommendations', 'limit 201', { limit: 201 }, 'limit'],
      ['/api/v1/recommendations', 'limit not a number', { limit: 'ten' }, 'limit'],
      ['/api/v1/recommendations', 'tampered cursor', { cursor: 'eyJrIjpbInoiXSwiZiI6IngifQ.AAAAAAAAAAAAAAAA' }, 'cursor'],
      ['/api/v1/recommendations', 'garbage cursor', { cursor: '%%%' }, 'cursor'],
      ['/api/v1/recommendations', 'unknown parameter', { colour: 'red' }, 'colour'],
      ['/api/v1/recommendations', 'overdue not boolean', { overdue: 'yes' }, 'overdue'],
      ['/api/v1/recommendations', 'dueWithin negative', { dueWithin: -1 }, 'dueWithin'],
      ['/api/v1/recommendations', 'unknown topic', { topic: 'nope' }, 'topic'],
      ['/api/v1/recommendations', 'unknown source', { source: 'nope' }, 'source'],
      ['/api/v1/recommendations', 'repeated asOf', { asOf: ['2021-01-01', '2021-01-02'] }, 'asOf'],
      ['/api/v1/deadlines', 'unknown state', { state: 'late' }, 'state'],
      ['/api/v1/deadlines', 'unknown setBy', { setBy: 'nobody' }, 'setBy'],
      ['/api/v1/sources', 'any parameter', { page: 2 }, 'page'],
      ['/api/v1/stats', 'any parameter', { x: 1 }, 'x'],
      ['/api/v1/events', 'malformed from', { from: 'yesterday' }, 'from'],
    ];
    it.each(cases)('%s: %s', async (path, _what, query, param) => {
      const res = await http.get(path).query(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(param);
      expect(res.body.errors.every((e: { in: string }) => e.in === 'query')).toBe(true);
    });

    it('refuses a cursor reused with other filters', async () => {
      const first = await http.get('/api/v1/recommendations').query({ limit: 1 });
      const res = await http
        .get('/api/v1/recommendations')
        .query({ limit: 1, status: 'in_progress', cursor: first.body.nextCursor });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('cursor');
    });
  });

  it('answers a URL with broken percent-encoding with a 400 problem', async () => {
    const res = await http.get('/api/v1/recommendations/%ff');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', status: 400 });
  });

  it('answers unknown slugs and routes with a 404 problem', async () => {
    for (const path of ['/api/v1/recommendations/nope', '/api/v1/sources/nope', '/api/v1/actors/nope', '/api/v1/nothing-here']) {
      const res = await http.get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    }
  });

  it('seeding again creates nothing', async () => {
    const report = await t.app.get(SeedService).apply(buildSeed(items));
    expect(report.created).toEqual({});
    expect(report.unchanged.recommendations).toBe(items.length);
  });
});
