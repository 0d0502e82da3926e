/**
 * The reader's search, measured: a fixed set of queries a journalist would type about the seeded
 * Chicago data, each with the items it must return (and, where it matters, the one that must come
 * first). The set includes the reader test's failing queries ("DOJ foot pursuit", "mayor foot
 * pursuit", "lightfoot policy", "G03-07", "Justice"). Recall over the whole set is checked last, so
 * a regression shows both which query broke and how much of the set still passes.
 */
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

interface ReaderQuery {
  q: string;
  /** Items the results must include. */
  expect: string[];
  /** The item that must be ranked first. */
  first?: string;
}

const FOOT_PURSUIT_ITEMS = [
  'doj-2017-foot-pursuit-policy',
  'cd-2019-foot-pursuit-policy',
  'cd-2019-foot-pursuit-data',
  'cd-2019-foot-pursuit-force-review',
  'imt-2021-03-foot-pursuit-policy',
  'mayor-2021-foot-pursuit-policy',
];

export const READER_QUERIES: ReaderQuery[] = [
  { q: 'foot pursuit', expect: FOOT_PURSUIT_ITEMS },
  { q: 'foot pursuits', expect: FOOT_PURSUIT_ITEMS },
  { q: 'foot-pursuit', expect: FOOT_PURSUIT_ITEMS },
  { q: 'DOJ foot pursuit', expect: ['doj-2017-foot-pursuit-policy'], first: 'doj-2017-foot-pursuit-policy' },
  { q: 'mayor foot pursuit', expect: ['mayor-2021-foot-pursuit-policy'], first: 'mayor-2021-foot-pursuit-policy' },
  { q: 'lightfoot policy', expect: ['mayor-2021-foot-pursuit-policy'] },
  { q: 'Lightfoot', expect: ['mayor-2021-foot-pursuit-policy'] },
  { q: 'G03-07', expect: ['mayor-2021-foot-pursuit-policy', 'doj-2017-foot-pursuit-policy'] },
  { q: 'Justice', expect: ['doj-2017-foot-pursuit-policy', 'doj-2017-field-training'] },
  { q: 'pursuit policy DOJ', expect: ['doj-2017-foot-pursuit-policy'], first: 'doj-2017-foot-pursuit-policy' },
  {
    q: 'consent decree foot pursuit',
    expect: ['cd-2019-foot-pursuit-policy', 'cd-2019-foot-pursuit-data', 'cd-2019-foot-pursuit-force-review'],
  },
  { q: 'monitor foot pursuit policy', expect: ['imt-2021-03-foot-pursuit-policy', 'cd-2019-foot-pursuit-policy'] },
  { q: 'IMT foot pursuit', expect: ['imt-2021-03-foot-pursuit-policy'], first: 'imt-2021-03-foot-pursuit-policy' },
  { q: 'foot chase', expect: ['cd-2019-foot-pursuit-policy', 'mayor-2021-foot-pursuit-policy'] },
  { q: 'pursu', expect: FOOT_PURSUIT_ITEMS },
  { q: 'Solano', expect: ['copa-2021-solano-relieve-powers', 'copa-2022-solano-termination'] },
  { q: 'Stillman Toledo', expect: ['copa-2022-stillman-termination'] },
  { q: 'discharge officer', expect: ['copa-2022-solano-termination', 'copa-2022-stillman-termination'] },
  { q: 'civilian oversight', expect: ['patf-2016-community-oversight-board', 'community-2021-ecps-ordinance'] },
  { q: 'IPRA', expect: ['patf-2016-replace-ipra'], first: 'patf-2016-replace-ipra' },
  { q: 'ECPS ordinance', expect: ['community-2021-ecps-ordinance'], first: 'community-2021-ecps-ordinance' },
  { q: 'use of force policy', expect: ['doj-2017-use-of-force-policy-revision'] },
  { q: 'sanctity of life', expect: ['doj-2017-use-of-force-policy-revision'], first: 'doj-2017-use-of-force-policy-revision' },
  { q: 'field training', expect: ['doj-2017-field-training'], first: 'doj-2017-field-training' },
  { q: 'video release', expect: ['patf-2016-video-release'], first: 'patf-2016-video-release' },
  { q: 'annual report', expect: ['doj-2017-public-annual-reporting'] },
  { q: 'internal affairs', expect: ['doj-2017-bia-staffing'], first: 'doj-2017-bia-staffing' },
  { q: 'promotions', expect: ['doj-2017-merit-promotion-transparency'] },
  { q: 'Police Board', expect: ['copa-2022-solano-termination', 'copa-2022-stillman-termination'] },
  {
    q: 'training oversight committee',
    expect: ['doj-2017-training-oversight-committee'],
    first: 'doj-2017-training-oversight-committee',
  },
  { q: 'before the summer', expect: ['mayor-2021-foot-pursuit-policy'] },
];

describe('the reader query set on the seeded data', () => {
  let t: TestApp;
  let http: Http;
  const found = new Map<string, string[]>();

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
    for (const r of READER_QUERIES) {
      const res = await http.get('/api/v1/recommendations').query({ q: r.q, limit: 200 });
      expect(res.status).toBe(200);
      found.set(
        r.q,
        res.body.items.map((i: { slug: string }) => i.slug),
      );
    }
  });
  afterAll(() => t.close());

  it('has at least 20 queries', () => {
    expect(READER_QUERIES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(READER_QUERIES.map((r) => [r.q, r] as const))('"%s" finds what it must', (_q, r) => {
    const slugs = found.get(r.q)!;
    expect(slugs).toEqual(expect.arrayContaining(r.expect));
    if (r.first) expect(slugs[0]).toBe(r.first);
  });

  it('has full recall over the set', () => {
    let wanted = 0;
    let hits = 0;
    let firsts = 0;
    let firstHits = 0;
    for (const r of READER_QUERIES) {
      const slugs = found.get(r.q)!;
      wanted += r.expect.length;
      hits += r.expect.filter((s) => slugs.includes(s)).length;
      if (r.first) {
        firsts += 1;
        if (slugs[0] === r.first) firstHits += 1;
      }
    }
    expect(`recall ${hits}/${wanted}, ranked first ${firstHits}/${firsts}`).toBe(
      `recall ${wanted}/${wanted}, ranked first ${firsts}/${firsts}`,
    );
  });
});

describe('search follows the record', () => {
  let t: TestApp;
  let http: Http;
  let keys: TestKeys;
  const slugsFor = async (q: string) => {
    const res = await http.get('/api/v1/recommendations').query({ q, limit: 200 });
    expect(res.status).toBe(200);
    return res.body.items.map((i: { slug: string }) => i.slug) as string[];
  };

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
    keys = await createTestKeys(t.app);
  });
  afterAll(() => t.close());

  it('finds an item by its new title after an edit, and no longer by the old one', async () => {
    const slug = 'doj-2017-bia-staffing';
    expect(await slugsFor('Zanzibar')).toEqual([]);
    const read = await http.get(`/api/v1/recommendations/${slug}`);
    const res = await http
      .patch(`/api/v1/recommendations/${slug}`)
      .set(bearer(keys.editor))
      .set('If-Match', read.headers.etag)
      .send({ title: 'Zanzibar staffing of internal investigations' });
    expect(res.status).toBe(200);
    expect(await slugsFor('zanzibar')).toEqual([slug]);
    const again = await http
      .patch(`/api/v1/recommendations/${slug}`)
      .set(bearer(keys.editor))
      .set('If-Match', res.headers.etag)
      .send({ title: 'Yttrium staffing of internal investigations' });
    expect(again.status).toBe(200);
    expect(await slugsFor('zanzibar')).toEqual([]);
    expect(await slugsFor('yttrium')).toEqual([slug]);
  });

  it('finds items by the evidence excerpt of a new status change', async () => {
    const slug = 'doj-2017-field-training';
    const res = await http.post(`/api/v1/recommendations/${slug}/status-changes`).set(bearer(keys.editor)).send({
      status: 'in_progress',
      effectiveOn: '2024-01-15',
      url: 'https://example.org/r',
      excerpt: 'quokka mentoring cohort',
    });
    expect(res.status).toBe(201);
    expect(await slugsFor('quokka cohort')).toEqual([slug]);
  });

  it("finds items by their responsible actor's new name", async () => {
    const read = await http.get('/api/v1/actors/chicago-police-board');
    const res = await http
      .patch('/api/v1/actors/chicago-police-board')
      .set(bearer(keys.editor))
      .set('If-Match', read.headers.etag)
      .send({ name: 'Chicago Police Board (Wombat Commission)' });
    expect(res.status).toBe(200);
    expect((await slugsFor('wombat')).sort()).toEqual(['copa-2022-solano-termination', 'copa-2022-stillman-termination']);
  });

  it('treats hostile syntax as words, and punctuation alone as a substring', async () => {
    expect(await slugsFor('"foot" OR NEAR(x) title:*')).toEqual([]);
    const dashes = await http.get('/api/v1/recommendations').query({ q: '---' });
    expect(dashes.status).toBe(200);
  });
});
