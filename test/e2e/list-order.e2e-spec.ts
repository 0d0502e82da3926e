/**
 * The list's orders (`sort`) and the same keyset paging on every list (sources, actors, topics,
 * events too), on the seeded data: walking the pages gives the whole list, once, in order.
 */
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { STATUSES } from '../../src/recommendations/rules/status-vocabulary';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

type Row = Record<string, unknown> & { slug: string };

describe('list orders and paging', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
  });
  afterAll(() => t.close());

  /** Every page of a list, `limit` at a time. */
  async function walk(path: string, query: Record<string, string | number>, limit: number): Promise<Row[]> {
    const out: Row[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await http.get(path).query({ ...query, limit, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      out.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) return out;
    }
    throw new Error('no last page');
  }

  const slugs = (rows: Row[]) => rows.map((r) => r.slug);

  it.each(['title', '-title', 'status', '-status', 'date', '-date', 'deadline', '-deadline'])(
    'sort=%s pages through every item once, in order',
    async (sort) => {
      const all = await walk('/api/v1/recommendations', { sort }, 200);
      const paged = await walk('/api/v1/recommendations', { sort }, 3);
      expect(slugs(paged)).toEqual(slugs(all));
      expect(new Set(slugs(all)).size).toBe(20);
      const key = (r: Row): string | number => {
        switch (sort.replace('-', '')) {
          case 'title':
            return String(r.title).toLowerCase();
          case 'status':
            return STATUSES.indexOf(r.status as (typeof STATUSES)[number]);
          case 'date':
            return String(r.statusAsOf ?? '');
          default:
            return String((r.nextDeadline as { closesAt?: string } | null)?.closesAt ?? '9999');
        }
      };
      const keys = all.map(key);
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(sort.startsWith('-') ? sorted.reverse() : sorted);
    },
  );

  it('orders by relevance when searching, and pages the ranked results', async () => {
    const all = await walk('/api/v1/recommendations', { q: 'foot pursuit' }, 200);
    expect(slugs(await walk('/api/v1/recommendations', { q: 'foot pursuit' }, 2))).toEqual(slugs(all));
    expect(all.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses an unknown order, relevance without a search, and a cursor of another order, naming the parameter', async () => {
    const bad = await http.get('/api/v1/recommendations').query({ sort: 'colour' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('sort');
    const relevance = await http.get('/api/v1/recommendations').query({ sort: 'relevance' });
    expect(relevance.status).toBe(400);
    expect(relevance.body.errors[0].field).toBe('sort');
    const first = await http.get('/api/v1/recommendations').query({ sort: 'title', limit: 2 });
    const other = await http.get('/api/v1/recommendations').query({ sort: 'status', limit: 2, cursor: first.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.errors[0].field).toBe('cursor');
  });

  it.each([
    ['/api/v1/sources', {}],
    ['/api/v1/actors', {}],
    ['/api/v1/topics', {}],
    ['/api/v1/events', {}],
    ['/api/v1/events', { recommendation: 'mayor-2021-foot-pursuit-policy', from: '2021-01-01' }],
  ] as const)('%s %j pages with limit, cursor and nextCursor like the other lists', async (path, filters) => {
    const all = await walk(path, filters, 200);
    expect(all.length).toBeGreaterThan(3);
    expect(slugs(await walk(path, filters, 3))).toEqual(slugs(all));
    const first = await http.get(path).query({ ...filters });
    expect(first.body.items.length).toBe(Math.min(50, all.length));
    expect(first.body).toHaveProperty('nextCursor');
    const forged = await http.get(path).query({ ...filters, cursor: 'abc.def' });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].field).toBe('cursor');
    const tooMany = await http.get(path).query({ ...filters, limit: 201 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
  });

  it('walks a common topic in slug order testing each item: the same pages as gathering the topic', async () => {
    const topics = (await http.get('/api/v1/topics').query({ limit: 200 })).body.items.map((x: { slug: string }) => x.slug);
    expect(topics.length).toBeGreaterThan(1);
    const service = t.app.get(RecommendationsService);
    const gathered = new Map<string, string[]>();
    for (const topic of topics) gathered.set(topic, slugs(await walk('/api/v1/recommendations', { topic }, 2)));
    // Every topic with at least one item in 20 is now walked (none is on this record by default: too few items).
    service.commonTopicItems = 0;
    try {
      for (const topic of topics) {
        const walked: string[] = [];
        let cursor: string | undefined;
        do {
          const res = await http
            .get('/api/v1/recommendations')
            .set('Cache-Control', 'no-cache')
            .query({ topic, limit: 2, ...(cursor ? { cursor } : {}) });
          expect(res.status).toBe(200);
          walked.push(...slugs(res.body.items));
          cursor = res.body.nextCursor ?? undefined;
        } while (cursor);
        expect(walked).toEqual(gathered.get(topic));
      }
    } finally {
      service.commonTopicItems = 5_000;
    }
    expect([...gathered.values()].some((list) => list.length > 2)).toBe(true);
  });
});
