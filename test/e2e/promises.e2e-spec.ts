/**
 * Officials' promises on the seeded data: the promises page lists every commitment and every item
 * with a deadline an official set as a promise, and its tally (like each actor page's) agrees with
 * the deadlines the API gives, counted by the one rule (promise-tally.ts).
 */
import { TALLY_VERDICTS, tallyPromises } from '../../src/deadlines/rules/promise-tally';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

const LABELS = {
  kept: 'Kept',
  partly: 'Partly kept (late or in part)',
  broken: 'Broken (missed)',
  open: 'Still open',
  unknown: 'Outcome unknown',
} as const;

/** The tally table of a page, as numbers by verdict. */
function tallyOf(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of TALLY_VERDICTS) {
    const m = new RegExp(`<th scope="row">${LABELS[v].replace(/[()]/g, '\\$&')}</th><td class="num">(\\d+)</td>`).exec(html);
    if (m) out[v] = Number(m[1]);
  }
  return out;
}

describe("officials' promises", () => {
  let t: TestApp;
  let http: Http;
  let promised: Array<{
    state: string;
    metLate: boolean | null;
    setBy: { slug: string } | null;
    recommendation: { slug: string };
  }>;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
    const res = await http.get('/api/v1/deadlines').query({ limit: 200 });
    promised = res.body.items.filter((d: { authority: string }) => d.authority === 'official_promise');
  });
  afterAll(() => t.close());

  it('lists every item with a promised deadline, not only commitments', async () => {
    const res = await http.get('/promises');
    expect(res.status).toBe(200);
    for (const slug of new Set(promised.map((d) => d.recommendation.slug)))
      expect(res.text).toContain(`/recommendations/${slug}"`);
    expect(res.text).toContain('/recommendations/mayor-2021-foot-pursuit-policy"');
    expect(res.text).toContain('/recommendations/patf-2016-community-oversight-board"');
  });

  it("tallies the promises page and an official's page by the one rule", async () => {
    const page = await http.get('/promises');
    const mayor = await http.get('/actors/mayor-of-chicago');
    expect(tallyOf(mayor.text)).toEqual(
      tallyPromises(promised.filter((d) => d.setBy?.slug === 'mayor-of-chicago') as Parameters<typeof tallyPromises>[0]),
    );
    const pageTally = tallyOf(page.text);
    expect(Object.keys(pageTally)).toHaveLength(5);
    expect(pageTally.kept + pageTally.partly + pageTally.broken).toBeGreaterThan(0);
    // The overview box links to the full page.
    expect((await http.get('/')).text).toContain('href="/promises"');
  });

  it('honours asOf, and refuses a bad one', async () => {
    const before = await http.get('/promises').query({ asOf: '2019-01-01' });
    expect(before.status).toBe(200);
    expect(before.text).not.toContain('sometime in May');
    expect((await http.get('/promises').query({ asOf: '2021-02-30' })).status).toBe(400);
  });
});

describe('progress per topic and per source', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
  });
  afterAll(() => t.close());

  it('counts each topic and source as the filtered list does, and shows them on the overview', async () => {
    const stats = (await http.get('/api/v1/stats')).body;
    const topic = stats.progressByTopic.find((g: { slug: string }) => g.slug === 'foot-pursuits');
    const list = (await http.get('/api/v1/recommendations').query({ topic: 'foot-pursuits', limit: 200 })).body.items;
    expect(topic.count).toBe(list.length);
    expect(topic.implemented).toBe(list.filter((i: { status: string }) => i.status === 'implemented').length);
    const doj = stats.progressBySource.find((g: { slug: string }) => g.slug === 'doj-2017');
    const fromDoj = (await http.get('/api/v1/recommendations').query({ source: 'doj-2017', limit: 200 })).body.items;
    expect(doj.count).toBe(fromDoj.length);
    expect(stats.progressBySource.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(stats.total);
    const home = (await http.get('/')).text;
    expect(home).toContain('<caption>Progress by topic</caption>');
    expect(home).toContain('<caption>Progress by source</caption>');
  });
});
