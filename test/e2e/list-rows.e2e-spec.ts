/**
 * The list rows the write path keeps (recommendation_list_row, list-rows.repository.ts): after each
 * kind of write that changes what the list shows, every stored row equals the row computed from
 * scratch, and the list answer written from the rows is byte for byte the answer built from the
 * normalized tables (RecommendationsService.list, the way every list was built before the rows).
 */
import { DataSource } from 'typeorm';
import { ListRecommendationsQuery } from '../../src/recommendations/dto/list-recommendations.query';
import { backfillListRows, computeListRows, storedListRows } from '../../src/recommendations/list-rows.repository';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { bearer, TestKeys } from '../support/editors';
import { addDays, localToday } from '../support/factories';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

const today = localToday();
const recent = addDays(today, -10);

/** The list requests compared after every write (each with the response cache skipped). */
const QUERIES: Array<Record<string, string | number | string[]>> = [
  {},
  { limit: 2 },
  { status: ['in_progress', 'not_assessed'], limit: 3 },
  { sort: '-deadline', limit: 4 },
  { q: 'pursuit' },
  { overdue: 'true' as unknown as string },
  { stale: 'false' as unknown as string, sort: 'title' },
];

describe('list rows kept by the write path', () => {
  let t: TestApp;
  let http: Http;
  let keys: TestKeys;

  beforeAll(async () => {
    ({ t, http, keys } = await bootSeededApp(
      [
        {
          slug: 'alpha',
          title: 'Adopt a foot pursuit policy',
          topics: ['foot-pursuits', 'training'],
          statuses: [{ status: 'in_progress', on: recent }],
          deadlines: [{ due: addDays(today, -3) }, { due: addDays(today, 40) }],
        },
        { slug: 'bravo', statuses: [{ status: 'accepted', on: '2019-01-01' }], deadlines: [{ due: addDays(today, 5) }] },
        { slug: 'charlie', title: 'Quote "this" – and ünïcode', responsible: 'city', source: 'report-b' },
        { slug: 'delta', statuses: [{ status: 'stalled', on: recent, assessor: 'independent-monitoring-team' }] },
      ],
      { keys: 'rows' },
    ));
  });
  afterAll(() => t.close());

  const editor = () => bearer(keys.editor);

  async function expectRowsTrue(): Promise<void> {
    const em = t.app.get(DataSource).manager;
    const ids = (await em.query<Array<{ id: number }>>(`SELECT id AS "id" FROM recommendation ORDER BY id`)).map((r) =>
      Number(r.id),
    );
    const stored = await storedListRows(em, ids);
    const fresh = await computeListRows(em, ids);
    expect([...stored.keys()].sort()).toEqual(ids);
    for (const id of ids) expect({ id, ...stored.get(id) }).toEqual({ id, ...fresh.get(id) });
    const service = t.app.get(RecommendationsService);
    for (const q of QUERIES) {
      const res = await http.get('/api/v1/recommendations').query(q).set('Cache-Control', 'no-cache').expect(200);
      const built = await service.list(Object.assign(new ListRecommendationsQuery(), normalizeQuery(q)));
      expect({ q, text: res.text }).toEqual({ q, text: JSON.stringify(built) });
    }
  }

  /** The query as the validation pipe hands it to the service. */
  function normalizeQuery(q: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...q };
    if (typeof out.overdue === 'string') out.overdue = out.overdue === 'true';
    if (typeof out.stale === 'string') out.stale = out.stale === 'true';
    return out;
  }

  const detail = async (slug: string) => (await http.get(`/api/v1/recommendations/${slug}`).expect(200)).body;

  async function patch(path: string, body: Record<string, unknown>): Promise<void> {
    const current = await http.get(path).expect(200);
    await http.patch(path).set(editor()).set('If-Match', current.headers.etag).send(body).expect(200);
  }

  it('holds for the seeded data', async () => {
    await expectRowsTrue();
    const page = await http.get('/api/v1/recommendations').query({ limit: 2 }).expect(200);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await http.get('/api/v1/recommendations').query({ limit: 2, cursor: page.body.nextCursor }).expect(200);
    expect(next.body.items.map((i: { slug: string }) => i.slug)).toEqual(['charlie', 'delta']);
  });

  it('after a status change and its retraction', async () => {
    const change = await http
      .post('/api/v1/recommendations/bravo/status-changes')
      .set(editor())
      .send({ status: 'implemented', effectiveOn: recent, url: 'https://example.org/b', note: 'Done.' })
      .expect(201);
    await expectRowsTrue();
    await http
      .post('/api/v1/recommendations/bravo/status-changes')
      .set(editor())
      .send({ status: 'accepted', effectiveOn: recent, retracts: change.body.id, url: 'https://example.org/b', note: 'Misread.' })
      .expect(201);
    await expectRowsTrue();
  });

  it('after a review', async () => {
    await http.post('/api/v1/recommendations/delta/reviews').set(editor()).send({ source: 'report-b' }).expect(201);
    await expectRowsTrue();
  });

  it('after deadlines are set, met, extended, missed and withdrawn', async () => {
    await http
      .post('/api/v1/recommendations/charlie/deadlines')
      .set(editor())
      .send({
        label: 'within the year',
        due: addDays(today, 90),
        precision: 'day',
        setBy: 'city',
        source: 'report-b',
        authority: 'official_promise',
      })
      .expect(201);
    await expectRowsTrue();
    const [overdue] = (await detail('alpha')).deadlines;
    await http
      .post(`/api/v1/deadlines/${overdue.id}/met`)
      .set(editor())
      .send({ metOn: addDays(today, -1), source: 'report-b' })
      .expect(200);
    await expectRowsTrue();
    const bravoDeadline = (await detail('bravo')).deadlines[0];
    await http
      .post(`/api/v1/deadlines/${bravoDeadline.id}/extend`)
      .set(editor())
      .send({
        due: addDays(today, 60),
        precision: 'day',
        label: 'later',
        url: 'https://example.org/delay',
        excerpt: 'More time.',
      })
      .expect(201);
    await expectRowsTrue();
    const charlieDeadline = (await detail('charlie')).deadlines[0];
    await http.post(`/api/v1/deadlines/${charlieDeadline.id}/missed`).set(editor()).set('If-Match', '"1"').send({}).expect(200);
    await expectRowsTrue();
    const alphaNext = (await detail('alpha')).nextDeadline;
    await http
      .post(`/api/v1/deadlines/${alphaNext.id}/withdraw`)
      .set(editor())
      .send({ url: 'https://example.org/w', note: 'Dropped.' })
      .expect(200);
    await expectRowsTrue();
  });

  it('after an item is created, edited (title, topics, source, responsible) and deleted', async () => {
    await http
      .post('/api/v1/recommendations')
      .set(editor())
      .send({
        slug: 'echo',
        kind: 'commitment',
        title: 'Publish pursuit data',
        text: 'Publish it.',
        source: 'report-a',
        topics: [],
      })
      .expect(201);
    await http
      .post('/api/v1/recommendations/echo/deadlines')
      .set(editor())
      .send({ label: 'soon', due: addDays(today, 10), precision: 'day', setBy: 'police', authority: 'self_imposed' })
      .expect(201);
    await expectRowsTrue();
    await patch('/api/v1/recommendations/echo', {
      title: 'Publish foot pursuit data',
      topics: ['training', 'foot-pursuits'],
      source: 'report-b',
      responsible: 'city',
    });
    await expectRowsTrue();
    await http
      .post('/api/v1/recommendations')
      .set(editor())
      .send({ slug: 'foxtrot', kind: 'recommendation', title: 'Gone soon', text: 'x', source: 'report-a' })
      .expect(201);
    await expectRowsTrue();
    const admin = bearer(keys.admin);
    await http.delete('/api/v1/recommendations/foxtrot').set(admin).expect(204);
    await expectRowsTrue();
  });

  it('after a source and an actor are renamed (an item’s own and its open deadline’s)', async () => {
    await patch('/api/v1/sources/report-b', { title: 'Report B, renamed' });
    await expectRowsTrue();
    await patch('/api/v1/actors/city', { name: 'City of Chicago' });
    await expectRowsTrue();
    await patch('/api/v1/actors/police', { name: 'Chicago Police Department' });
    await expectRowsTrue();
  });

  it('after an import that renames a source and an item', async () => {
    const exported = await http
      .get('/api/v1/export.json')
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => cb(null, text));
      })
      .expect(200);
    const file = JSON.parse(exported.body as string);
    file.sources.find((s: { slug: string }) => s.slug === 'report-a').title = 'Report A, as imported';
    file.recommendations.find((r: { slug: string }) => r.slug === 'delta').title = 'Delta, as imported';
    const res = await http.post('/api/v1/import').set(editor()).send(file);
    expect(res.status).toBe(200);
    expect(res.body.updated).toMatchObject({ sources: 1, recommendations: 1 });
    await expectRowsTrue();
  });

  it('the backfill (the migration’s) writes every row as the write path does', async () => {
    const em = t.app.get(DataSource).manager;
    await em.query(`DELETE FROM recommendation_list_row`);
    expect(await backfillListRows(em)).toBe(5);
    await expectRowsTrue();
  });

  it('a page with an item whose row is missing is built from the tables (the same answer)', async () => {
    const em = t.app.get(DataSource).manager;
    await em.query(`DELETE FROM recommendation_list_row WHERE recommendation_id = (SELECT MIN(id) FROM recommendation)`);
    const res = await http.get('/api/v1/recommendations').set('Cache-Control', 'no-cache').expect(200);
    const built = await t.app.get(RecommendationsService).list(new ListRecommendationsQuery());
    expect(res.text).toBe(JSON.stringify(built));
    expect(built.items).toHaveLength(5);
    await backfillListRows(em);
  });
});
