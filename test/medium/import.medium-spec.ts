/**
 * The bulk import (the seed's path) through ImportService on a real database: all or nothing, a dry
 * run that writes nothing, idempotent re-imports, updates of what differs, retractions inside one
 * file, and the derived columns and audit entries it leaves (recommendation-derived.repository,
 * AuditRepository), read back through the services.
 */
import { snapshotDb } from '../support/db-snapshot';
import { buildSeed } from '../support/factories';
import { bootMedium, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import { AuditLogService } from '../../src/audit/audit-log.service';
import { ImportService } from '../../src/import-export/import.service';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import type { SeedFile } from '../../src/seed/seed-format';
import { DataSource } from 'typeorm';

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';

const file = (): SeedFile =>
  buildSeed([
    {
      slug: 'one',
      title: 'First item',
      statuses: [{ status: 'accepted', on: '2026-01-01' }],
      deadlines: [{ due: '2026-09-30' }],
    },
    { slug: 'two', title: 'Second item', statuses: [{ status: 'in_progress', on: '2026-02-01' }] },
  ]);

describe('import (service and repositories on a real database)', () => {
  let t: MediumApp;
  let importer: ImportService;
  let recommendations: RecommendationsService;

  const statuses = async () => (await recommendations.list({})).items.map((i) => [i.slug, i.status]);

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    importer = t.get(ImportService);
    recommendations = t.get(RecommendationsService);
  });
  afterAll(() => t.close());

  it('a dry run reports what it would create and writes nothing', async () => {
    const before = await snapshotDb(t.ctx);
    const report = await importer.run({ format: 'json', body: file() }, true, EDITOR);
    expect(report).toMatchObject({ dryRun: true, created: { recommendations: 2, statusChanges: 2, deadlines: 1 } });
    expect(await snapshotDb(t.ctx)).toEqual(before);
  });

  it('imports, with the headline status and next deadline derived in the same transaction', async () => {
    const report = await importer.run({ format: 'json', body: file() }, false, EDITOR);
    expect(report.created).toMatchObject({ recommendations: 2, statusChanges: 2, deadlines: 1, sources: 2 });
    expect(await statuses()).toEqual([
      ['one', 'accepted'],
      ['two', 'in_progress'],
    ]);
    expect((await recommendations.detail('one')).nextDeadline?.due).toBe('2026-09-30');
    const audit = (await t.get(AuditLogService).list({ key: 'medium-editor', limit: 200 })).items;
    expect(audit[0]).toMatchObject({ action: 'import', key: 'medium-editor' });
    expect(
      audit.filter((e) => e.key === 'import:medium-editor' && e.entity === 'recommendation').map((e) => e.entitySlug),
    ).toEqual(expect.arrayContaining(['one', 'two']));
  });

  it('the same file again changes nothing and writes nothing (not even an audit entry)', async () => {
    const before = await snapshotDb(t.ctx);
    const report = await importer.run({ format: 'json', body: file() }, false, EDITOR);
    expect(report.created).toMatchObject({ recommendations: 0, statusChanges: 0 });
    expect(report.unchanged).toMatchObject({ recommendations: 2, statusChanges: 2, deadlines: 1 });
    expect(await snapshotDb(t.ctx)).toEqual(before);
  });

  it('updates what differs, and a retraction in the file moves the headline back', async () => {
    const next = file();
    next.recommendations[1].title = 'Second item, renamed';
    next.statusChanges.push({
      slug: 'two-correction',
      recommendation: 'two',
      status: null,
      // The API dates a pure retraction at its target by default; the import wants the date given.
      effectiveOn: '2026-02-01',
      assessor: 'tracker-editors',
      evidence: null,
      note: 'Recorded against the wrong item.',
      retracts: 'two-sc-0',
    } as unknown as SeedFile['statusChanges'][number]);
    const report = await importer.run({ format: 'json', body: next }, false, EDITOR);
    expect(report.updated).toMatchObject({ recommendations: 1 });
    expect(report.created).toMatchObject({ statusChanges: 1 });
    expect(await statuses()).toEqual([
      ['one', 'accepted'],
      ['two', 'not_assessed'],
    ]);
    const two = await recommendations.detail('two');
    expect(two.title).toBe('Second item, renamed');
    expect(two.history.map((h) => [h.slug, h.retracted])).toEqual([
      ['two-sc-0', true],
      ['two-correction', false],
    ]);
  });

  it('indexes every imported item for search, and keeps the vocabulary of prefixes complete (past a page of 500 documents)', async () => {
    const many = buildSeed(
      Array.from({ length: 501 }, (_, i) => ({
        slug: `bulk-${i}`,
        title: `Bulk item ${i} about zebracrossing${i % 7} policy`,
        statuses: [{ status: 'accepted' as const, on: '2026-01-01' }],
      })),
    );
    await importer.run({ format: 'json', body: many }, false, EDITOR);
    expect((await recommendations.list({ q: 'zebracrossing3', limit: 200 })).items).toHaveLength(72);
    expect((await recommendations.list({ q: 'bulk 500' })).items.map((i) => i.slug)).toEqual(['bulk-500']);
    const db = t.get(DataSource);
    if (db.options.type === 'postgres') return; // the vocabulary is SQLite's (database/sqlite/search.ts)
    // Every term of the index is in the vocabulary the writes keep (compared with FTS5's own).
    await db.query(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.indexed_terms USING fts5vocab(main, recommendation_search, row)`);
    const missing = await db.query(
      `SELECT term FROM temp.indexed_terms WHERE term NOT IN (SELECT term FROM recommendation_search_term)`,
    );
    expect(missing).toEqual([]);
    const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM recommendation_search_term WHERE term LIKE 'zebracrossing%'`);
    expect(n).toBe(7);
  });

  it('refuses a file with a bad row, naming the row and field, and writes none of it', async () => {
    const bad = file();
    bad.recommendations.push({ ...bad.recommendations[0], slug: 'three', source: 'no-such-source' });
    bad.statusChanges.push({ ...bad.statusChanges[0], slug: 'three-sc', recommendation: 'three', effectiveOn: '2026-07-01' });
    const before = await snapshotDb(t.ctx);
    const problem = await problemOf(importer.run({ format: 'json', body: bad }, false, EDITOR));
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['recommendations[2].source', 'statusChanges[2].effectiveOn']),
    );
    expect(await snapshotDb(t.ctx)).toEqual(before);
  });
});
