/**
 * The search plan (src/database/search-plan.ts) on the seeded data: a search that enough items match
 * is listed in slug order, item by item, instead of ranked over every match. The seeded 20 items are
 * far too few for the production threshold (SEARCH_COMMON_MATCHES=5000), so one app runs with a
 * threshold of 3: there "foot pursuit" (9 of the 20) is common. Both plans must find the same items;
 * only the order differs, and the answer says which it is.
 */
import request from 'supertest';
import { bootApp, TestApp } from '../support/test-app';

type Page = { items: Array<{ slug: string }>; nextCursor: string | null; search?: Record<string, unknown> };

describe('the search plan', () => {
  let ranked: TestApp;
  let common: TestApp;

  beforeAll(async () => {
    ranked = await bootApp();
    common = await bootApp({ SEARCH_COMMON_MATCHES: '3' });
  });
  afterAll(async () => {
    await ranked?.close();
    await common?.close();
  });

  const get = async (t: TestApp, query: Record<string, string | number>) => {
    const res = await request(t.app.getHttpServer()).get('/api/v1/recommendations').query(query);
    expect(res.status).toBe(200);
    return res.body as Page;
  };

  /** Every page, `limit` at a time. */
  async function walk(t: TestApp, query: Record<string, string | number>, limit: number): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await get(t, { ...query, limit, ...(cursor ? { cursor } : {}) });
      out.push(...page.items.map((i) => i.slug));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) return out;
    }
    throw new Error('no last page');
  }

  const QUERIES = ['foot pursuit', 'pursu', 'foot-pursuit', 'policy', 'consent decree', 'Solano', 'G03-07', 'training oversight'];

  it.each(QUERIES)('"%s" finds the same items with either plan, and says how many', async (q) => {
    const byRank = await get(ranked, { q, limit: 200 });
    const byWalk = await get(common, { q, limit: 200 });
    const found = byRank.items.map((i) => i.slug);
    expect(found.length).toBeGreaterThan(0);
    expect([...byWalk.items.map((i) => i.slug)].sort()).toEqual([...found].sort());
    // Twenty items: the estimate tests every one of them, so both count exactly.
    expect(byRank.search).toEqual({ order: 'relevance', common: false, matches: found.length, matchesExact: true });
    const isCommon = found.length >= 3 && found.length >= 20 / 20;
    expect(byWalk.search).toEqual({
      order: isCommon ? 'slug' : 'relevance',
      common: isCommon,
      matches: found.length,
      matchesExact: true,
    });
    if (isCommon) expect(byWalk.items.map((i) => i.slug)).toEqual([...found].sort());
  });

  it('pages a common search in slug order with the same items as one page', async () => {
    const all = await walk(common, { q: 'foot pursuit' }, 200);
    expect(all.length).toBe((await get(ranked, { q: 'foot pursuit', limit: 200 })).items.length);
    expect(await walk(common, { q: 'foot pursuit' }, 2)).toEqual(all);
    expect(all).toEqual([...all].sort());
  });

  it('applies the other filters to a common search as to a ranked one', async () => {
    const filters: Record<string, string>[] = [
      { status: 'in_progress' },
      { kind: 'commitment' },
      { topic: 'foot-pursuits' },
      { sort: 'title' },
    ];
    for (const query of filters) {
      const byRank = await walk(ranked, { q: 'foot pursuit', ...query }, 2);
      const byWalk = await walk(common, { q: 'foot pursuit', ...query }, 2);
      expect([...byWalk].sort()).toEqual([...byRank].sort());
      if (query.sort) expect(byWalk).toEqual(byRank);
    }
  });

  it('refuses relevance order for a common search, naming sort, and keeps it for a rarer one', async () => {
    const http = request(common.app.getHttpServer());
    const refused = await http.get('/api/v1/recommendations').query({ q: 'foot pursuit', sort: 'relevance' });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors[0].field).toBe('sort');
    const n = (await get(ranked, { q: 'foot pursuit', limit: 200 })).items.length;
    expect(refused.body.errors[0].reason).toContain(`about ${n} items match`);
    const rare = await http.get('/api/v1/recommendations').query({ q: 'sanctity of life', sort: 'relevance' });
    expect(rare.status).toBe(200);
  });

  it('refuses a cursor of the ranked order on a common search (and back), naming cursor', async () => {
    const first = await get(ranked, { q: 'foot pursuit', limit: 2 });
    const res = await request(common.app.getHttpServer())
      .get('/api/v1/recommendations')
      .query({ q: 'foot pursuit', limit: 2, cursor: first.nextCursor! });
    // Another app's cursor secret would refuse it too; what matters is a 400 on `cursor`, not a wrong page.
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });

  it('says on the list page why a common search is not in best-match order', async () => {
    const page = async (t: TestApp) =>
      (await request(t.app.getHttpServer()).get('/recommendations').query({ q: 'foot pursuit' }).expect(200)).text;
    const n = (await get(ranked, { q: 'foot pursuit', limit: 200 })).items.length;
    expect(await page(common)).toContain(`These words are in ${n} items, too many to rank by best match`);
    expect(await page(ranked)).not.toContain('too many to rank');
  });
});
