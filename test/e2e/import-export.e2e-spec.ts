import { readFileSync } from 'node:fs';
import { CHICAGO_SEED } from '../../src/seed/seed.service';
import type { SeedFile } from '../../src/seed/seed-format';
/**
 * Bulk import and export through the API: the Chicago dataset exported and imported into an
 * empty tracker comes back the same (JSON and CSV); imports are all or nothing, idempotent, and a
 * dry run writes nothing; every error names the row and the field.
 */
import request from 'supertest';
import { snapshotDb } from '../support/db-snapshot';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootApp, TestApp } from '../support/test-app';

/** The shipped dataset, for its record counts. */
const SEED = JSON.parse(readFileSync(CHICAGO_SEED, 'utf8')) as SeedFile;

const CSV_ORDER = [
  'sources',
  'actors',
  'topics',
  'recommendations',
  'status-changes',
  'deadlines',
  'findings',
  'links',
  'events',
  'reviews',
];

/** The export without its stamp: what must be equal between two trackers holding the same data. */
const content = (file: Record<string, unknown>) => {
  const { generatedAt: _g, ...rest } = file;
  return rest;
};

async function exportJson(http: ReturnType<typeof request>, query: Record<string, unknown> = {}) {
  const res = await http
    .get('/api/v1/export.json')
    .query(query)
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
  expect(res.status).toBe(200);
  return { res, file: JSON.parse(res.body as string) as Record<string, unknown> };
}

async function exportCsv(http: ReturnType<typeof request>, entity: string) {
  const res = await http
    .get(`/api/v1/export/${entity}.csv`)
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
  expect(res.status).toBe(200);
  return { res, text: res.body as string };
}

describe('import and export', () => {
  let source: TestApp;
  let sourceHttp: ReturnType<typeof request>;
  let target: TestApp;
  let http: ReturnType<typeof request>;
  let keys: TestKeys;

  beforeAll(async () => {
    source = await bootApp();
    sourceHttp = request(source.app.getHttpServer());
    target = await bootApp({ SEED_ON_START: 'false' });
    http = request(target.app.getHttpServer());
    keys = await createTestKeys(target.app, 'io');
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports everything, stamped with when it was generated', async () => {
    const { res, file } = await exportJson(sourceHttp);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="reform-tracker-\d{8}T\d{6}Z\.json"$/);
    expect(res.headers['x-generated-at']).toBe(file.generatedAt);
    expect(Date.parse(file.generatedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    for (const kind of [
      'sources',
      'actors',
      'topics',
      'recommendations',
      'statusChanges',
      'deadlines',
      'findings',
      'links',
      'events',
    ]) {
      expect(Array.isArray(file[kind])).toBe(true);
    }
    expect((file.recommendations as unknown[]).length).toBe(20);
    expect((file.statusChanges as Array<{ recordedBy: string }>)[0].recordedBy).toBe('seed');
  });

  it('dry-runs an import: reports what would be created and writes nothing', async () => {
    const { file } = await exportJson(sourceHttp);
    const before = await snapshotDb(target.app);
    const res = await http.post('/api/v1/import').query({ dryRun: true }).set(bearer(keys.editor)).send(file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      created: { recommendations: SEED.recommendations.length, sources: SEED.sources.length },
      updated: { recommendations: 0 },
    });
    expect(res.body.changes[0]).toMatchObject({ entity: 'sources', action: 'created' });
    expect(await snapshotDb(target.app)).toEqual(before);
  });

  it('round-trips: export, import into an empty tracker, export again gives the same data', async () => {
    const { file } = await exportJson(sourceHttp);
    const res = await http.post('/api/v1/import').set(bearer(keys.editor)).send(file);
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(false);
    expect(res.body.created).toMatchObject({ recommendations: 20, statusChanges: (file.statusChanges as unknown[]).length });
    const again = await exportJson(http);
    expect(content(again.file)).toEqual(content(file));
    for (const slug of ['mayor-2021-foot-pursuit-policy', 'doj-2017-foot-pursuit-policy']) {
      for (const asOf of [undefined, '2021-07-01']) {
        const a = (await sourceHttp.get(`/api/v1/recommendations/${slug}`).query(asOf ? { asOf } : {})).body;
        const b = (await http.get(`/api/v1/recommendations/${slug}`).query(asOf ? { asOf } : {})).body;
        const strip = (d: Record<string, unknown>) =>
          JSON.parse(
            JSON.stringify(d, (k, v) =>
              k === 'id' || k === 'statusChangeId' || k === 'retractedBy' || k === 'retracts' ? undefined : v,
            ),
          );
        expect(strip(b)).toEqual(strip(a));
      }
    }
  });

  it('imports the same file a second time without changing anything', async () => {
    const { file } = await exportJson(sourceHttp);
    const before = await snapshotDb(target.app);
    const res = await http.post('/api/v1/import').set(bearer(keys.editor)).send(file);
    expect(res.status).toBe(200);
    expect(res.body.created).toMatchObject({ recommendations: 0, sources: 0, statusChanges: 0 });
    expect(res.body.updated).toMatchObject({ recommendations: 0, sources: 0 });
    expect(res.body.unchanged).toMatchObject({ recommendations: SEED.recommendations.length, sources: SEED.sources.length });
    expect(res.body.changes).toEqual([]);
    expect(await snapshotDb(target.app)).toEqual(before);
  });

  it('updates what differs, audits it under the importing key, and refuses to edit history', async () => {
    const res = await http
      .post('/api/v1/import')
      .set(bearer(keys.editor))
      .send({ sources: [{ slug: 'doj-2017', title: 'Investigation of the CPD (retitled)', kind: 'doj_report' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      updated: { sources: 1 },
      changes: [{ entity: 'sources', key: 'doj-2017', action: 'updated', fields: ['title'] }],
    });
    const detail = await http.get('/api/v1/sources/doj-2017').expect(200);
    expect(detail.body).toMatchObject({ title: 'Investigation of the CPD (retitled)', version: 2 });
    expect(detail.body.publisher).toMatch(/Department of Justice/); // left out of the row: left alone
    const audit = await http
      .get('/api/v1/audit')
      .query({ key: 'io-editor', entity: 'source' })
      .set(bearer(keys.admin))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ key: 'import:io-editor', action: 'update', entitySlug: 'doj-2017' });

    const { file } = await exportJson(http);
    const change = { ...(file.statusChanges as Array<Record<string, unknown>>)[0], note: 'rewritten' };
    const before = await snapshotDb(target.app);
    const refused = await http
      .post('/api/v1/import')
      .set(bearer(keys.editor))
      .send({ statusChanges: [change] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'statusChanges[0].note', in: 'body', reason: expect.stringMatching(/never edited; retract it/) },
    ]);
    expect(await snapshotDb(target.app)).toEqual(before);
  });

  it('writes nothing at all when any row is bad, and names every bad row and field', async () => {
    const before = await snapshotDb(target.app);
    const res = await http
      .post('/api/v1/import')
      .set(bearer(keys.editor))
      .send({
        sources: [{ slug: 'new-source', title: 'New', kind: 'news_report' }],
        recommendations: [
          { slug: 'new-item', kind: 'demand', title: 'New item', text: 'Text.', source: 'new-source', topics: [] },
          { slug: 'bad-item', kind: 'demand', title: 'Bad', text: 'Text.', source: 'no-such-source', topics: ['nope'] },
        ],
        statusChanges: [
          {
            slug: 'new-item-future',
            recommendation: 'new-item',
            status: 'implemented',
            effectiveOn: '2999-01-01',
            assessor: 'tracker-editors',
            evidence: { source: 'new-source', url: null, excerpt: 'x', pinpoint: null },
            note: null,
          },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.title).toMatch(/nothing was written/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'recommendations[1].source', in: 'body', reason: 'no source has the slug "no-such-source"' },
        { field: 'recommendations[1].topics[0]', in: 'body', reason: 'no topic has the slug "nope"' },
        expect.objectContaining({ field: 'statusChanges[0].effectiveOn', reason: expect.stringMatching(/future/) }),
      ]),
    );
    expect(await snapshotDb(target.app)).toEqual(before);

    const shape = await http
      .post('/api/v1/import')
      .set(bearer(keys.editor))
      .send({ sources: [{ slug: 'Bad Slug', title: '', kind: 'blog' }, 'x'], widgets: [] });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['sources[1]', 'widgets']);
    const rows = await http
      .post('/api/v1/import')
      .set(bearer(keys.editor))
      .send({ sources: [{ slug: 'Bad Slug', title: '', kind: 'blog', extra: 1 }] });
    expect(rows.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'sources[0].extra',
      'sources[0].kind',
      'sources[0].slug',
      'sources[0].title',
    ]);
    expect(await snapshotDb(target.app)).toEqual(before);
  });

  it('round-trips every CSV export through the CSV import into another empty tracker', async () => {
    const third = await bootApp({ SEED_ON_START: 'false' });
    try {
      const thirdHttp = request(third.app.getHttpServer());
      const thirdKeys = await createTestKeys(third.app, 'csv');
      const exported: Record<string, string> = {};
      for (const entity of CSV_ORDER) {
        const { res, text } = await exportCsv(sourceHttp, entity);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${entity}-\\d{8}T\\d{6}Z\\.csv"$`));
        expect(res.headers['x-generated-at']).toBeTruthy();
        exported[entity] = text;
        const imported = await thirdHttp
          .post('/api/v1/import')
          .query({ entity })
          .set(bearer(thirdKeys.editor))
          .set('Content-Type', 'text/csv')
          .send(text);
        expect(imported.status).toBe(200);
      }
      for (const entity of CSV_ORDER) expect((await exportCsv(thirdHttp, entity)).text).toEqual(exported[entity]);
      expect(content((await exportJson(thirdHttp)).file)).toEqual(content((await exportJson(sourceHttp)).file));
    } finally {
      await third.close();
    }
  });

  it('names the row and column of a bad CSV cell, and needs ?entity= for CSV', async () => {
    const before = await snapshotDb(target.app);
    const csv = 'slug,name,kind\nnew-actor,New actor,agency\nbad-actor,,nobody\n';
    const res = await http
      .post('/api/v1/import')
      .query({ entity: 'actors' })
      .set(bearer(keys.editor))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'row 3, column name', in: 'body', reason: 'is required' },
      { field: 'row 3, column kind', in: 'body', reason: expect.stringMatching(/^must be one of/) },
    ]);
    const header = await http
      .post('/api/v1/import')
      .query({ entity: 'actors' })
      .set(bearer(keys.editor))
      .set('Content-Type', 'text/csv')
      .send('slug,colour\nx,red\n');
    expect(header.status).toBe(400);
    expect(header.body.errors.map((e: { field: string }) => e.field)).toEqual(['row 1, column colour', 'row 1', 'row 1']);
    const noEntity = await http.post('/api/v1/import').set(bearer(keys.editor)).set('Content-Type', 'text/csv').send(csv);
    expect(noEntity.status).toBe(400);
    expect(noEntity.body.errors[0].field).toBe('entity');
    const text = await http.post('/api/v1/import').set(bearer(keys.editor)).set('Content-Type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    const broken = await http
      .post('/api/v1/import')
      .set(bearer(keys.editor))
      .set('Content-Type', 'application/json')
      .send('{"sources": [');
    expect(broken.status).toBe(400);
    expect(await snapshotDb(target.app)).toEqual(before);
  });

  it('exports only the matching items, with what they refer to, and that imports on its own', async () => {
    const { file } = await exportJson(sourceHttp, { topic: 'foot-pursuits', kind: 'commitment' });
    const recs = file.recommendations as Array<{ slug: string; topics: string[]; kind: string; source: string }>;
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.length).toBeLessThan(20);
    for (const r of recs) expect(r).toMatchObject({ kind: 'commitment', topics: expect.arrayContaining(['foot-pursuits']) });
    expect(file.filters).toEqual({ topic: 'foot-pursuits', kind: 'commitment' });
    const slugs = new Set(recs.map((r) => r.slug));
    for (const c of file.statusChanges as Array<{ recommendation: string }>) expect(slugs.has(c.recommendation)).toBe(true);
    for (const e of file.events as Array<{ recommendations: string[] }>) {
      expect(e.recommendations.length).toBeGreaterThan(0);
      for (const s of e.recommendations) expect(slugs.has(s)).toBe(true);
    }
    expect((file.sources as unknown[]).length).toBeLessThan(SEED.sources.length);

    const fresh = await bootApp({ SEED_ON_START: 'false' });
    try {
      const freshKeys = await createTestKeys(fresh.app, 'sub');
      const res = await request(fresh.app.getHttpServer()).post('/api/v1/import').set(bearer(freshKeys.editor)).send(file);
      expect(res.status).toBe(200);
      expect(res.body.created.recommendations).toBe(recs.length);
    } finally {
      await fresh.close();
    }

    // Imported back where it came from, the partial file changes nothing (an event keeps its other items).
    const sourceKeys = await createTestKeys(source.app, 'origin');
    const before = await snapshotDb(source.app);
    const back = await sourceHttp.post('/api/v1/import').set(bearer(sourceKeys.editor)).send(file);
    expect(back.status).toBe(200);
    expect(back.body.changes).toEqual([]);
    expect(await snapshotDb(source.app)).toEqual(before);

    const csv = await sourceHttp.get('/api/v1/export/recommendations.csv').query({ topic: 'foot-pursuits', kind: 'commitment' });
    expect(csv.text.trim().split('\n')).toHaveLength(recs.length + 1);
  });

  it('answers a bad filter or an unknown export with a problem, not a broken download', async () => {
    const bad = await sourceHttp.get('/api/v1/export.json').query({ status: 'done' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await sourceHttp.get('/api/v1/export/widgets.csv')).status).toBe(404);
    expect((await sourceHttp.get('/api/v1/export/sources.csv').query({ source: 'no-such-source' })).status).toBe(400);
  });

  it('refuses an upload larger than IMPORT_MAX_BYTES with 413', async () => {
    const small = await bootApp({ SEED_ON_START: 'false', IMPORT_MAX_BYTES: '2048' });
    try {
      const smallKeys = await createTestKeys(small.app, 'lim');
      const smallHttp = request(small.app.getHttpServer());
      const topics = Array.from({ length: 120 }, (_, i) => ({ slug: `topic-${i}`, name: `Topic number ${i}` }));
      const before = await snapshotDb(small.app);
      const res = await smallHttp.post('/api/v1/import').set(bearer(smallKeys.editor)).send({ topics });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const csv = await smallHttp
        .post('/api/v1/import')
        .query({ entity: 'topics' })
        .set(bearer(smallKeys.editor))
        .set('Content-Type', 'text/csv')
        .send(`slug,name\n${topics.map((t) => `${t.slug},${t.name}`).join('\n')}\n`);
      expect(csv.status).toBe(413);
      expect(await snapshotDb(small.app)).toEqual(before);
      const ok = await smallHttp
        .post('/api/v1/import')
        .set(bearer(smallKeys.editor))
        .send({ topics: topics.slice(0, 5) });
      expect(ok.status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
