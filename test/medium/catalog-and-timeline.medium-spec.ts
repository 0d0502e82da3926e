/**
 * The catalog (sources, actors, topics) and the rest of an item's record (findings, events, links)
 * through CatalogWritesService, FindingWritesService and the read services on a real database:
 * SourcesRepository, ActorsRepository, TopicsRepository, EventsRepository, LinksRepository, and the
 * findings, links and events of RecommendationsRepository (the item detail).
 */
import { snapshotDb } from '../support/db-snapshot';
import { bootMedium, ADMIN, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import { ActorsService } from '../../src/catalog/actors/actors.service';
import { SourcesService } from '../../src/catalog/sources/sources.service';
import { TopicsRepository } from '../../src/catalog/topics/topics.repository';
import { CatalogWritesService } from '../../src/common/writes/record-writes.service';
import { EventsRepository } from '../../src/events/events.repository';
import { FindingWritesService } from '../../src/findings/findings.service';
import { LinksRepository } from '../../src/links/links.repository';
import { RecommendationsRepository } from '../../src/recommendations/recommendations.repository';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';

const T0 = '2026-06-15T17:00:00.000Z';

describe('catalog, findings, events and links (services and repositories on a real database)', () => {
  let t: MediumApp;
  let catalog: CatalogWritesService;
  let recommendations: RecommendationsService;

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed([
      { slug: 'doj-policy', topics: ['foot-pursuits'], statuses: [{ status: 'in_progress', on: '2026-01-10' }] },
      { slug: 'decree-policy', source: 'report-b', statuses: [{ status: 'implemented', on: '2026-03-01' }] },
    ]);
    catalog = t.get(CatalogWritesService);
    recommendations = t.get(RecommendationsService);
  });
  afterAll(() => t.close());

  describe('sources, actors and topics', () => {
    it('creates a source and shows what cites it', async () => {
      await catalog.create(
        'sources',
        {
          slug: 'imr-9',
          title: 'Independent Monitoring Report 9',
          kind: 'monitor_report',
          publisher: 'IMT',
          publishedOn: '2026-05-01',
        },
        EDITOR,
      );
      const sources = t.get(SourcesService);
      expect((await sources.list()).items.map((s) => s.slug)).toEqual(expect.arrayContaining(['imr-9', 'report-a', 'report-b']));
      expect(await sources.detail('imr-9')).toMatchObject({
        title: 'Independent Monitoring Report 9',
        recommendations: [],
        findingCount: 0,
      });
      // report-a is the evidence of the factory's status changes and the source of doj-policy.
      const reportA = await sources.detail('report-a');
      expect(reportA.recommendations.map((r) => [r.slug, r.status])).toEqual([['doj-policy', 'in_progress']]);
      expect(reportA.evidenceCount).toBe(2);
      expect((await problemOf(sources.detail('nope'))).status).toBe(404);
    });

    it('edits with the version it read (If-Match): 428 without, 412 when stale, and an unchanged body writes nothing', async () => {
      const { version } = await t.get(SourcesService).detail('imr-9');
      const without = await problemOf(catalog.update('sources', { slug: 'imr-9' }, { title: 'IMR 9' }, undefined, EDITOR));
      expect(without.status).toBe(428);
      const stale = await problemOf(catalog.update('sources', { slug: 'imr-9' }, { title: 'IMR 9' }, `"${version + 1}"`, EDITOR));
      expect(stale.status).toBe(412);
      const before = await snapshotDb(t.ctx);
      await catalog.update('sources', { slug: 'imr-9' }, { title: 'Independent Monitoring Report 9' }, `"${version}"`, EDITOR);
      expect(await snapshotDb(t.ctx)).toEqual(before);
      await catalog.update('sources', { slug: 'imr-9' }, { title: 'IMR 9' }, `"${version}"`, EDITOR);
      expect(await t.get(SourcesService).detail('imr-9')).toMatchObject({ title: 'IMR 9', version: version + 1 });
    });

    it('creates an actor; an actor with the same slug is a 409', async () => {
      await catalog.create('actors', { slug: 'police-board', name: 'Police Board', kind: 'oversight_agency' }, EDITOR);
      const actors = t.get(ActorsService);
      expect(await actors.detail('police-board')).toMatchObject({ name: 'Police Board', responsibleItems: [], findings: 0 });
      expect((await actors.detail('police')).responsibleItems.map((r) => r.slug)).toEqual(['decree-policy', 'doj-policy']);
      const again = await problemOf(catalog.create('actors', { slug: 'police-board', name: 'Again', kind: 'other' }, EDITOR));
      expect(again.status).toBe(409);
    });

    it('counts the items filed under each topic', async () => {
      await catalog.create('topics', { slug: 'data', name: 'Data' }, EDITOR);
      expect(await t.get(TopicsRepository).listWithCounts()).toEqual([
        { slug: 'data', name: 'Data', count: 0 },
        { slug: 'foot-pursuits', name: 'Foot pursuits', count: 1 },
        { slug: 'training', name: 'Training', count: 0 },
      ]);
    });

    it('refuses to delete what something refers to (409, nothing written), deletes what nothing does', async () => {
      const before = await snapshotDb(t.ctx);
      const referred = await problemOf(catalog.remove('sources', { slug: 'report-b' }, undefined, ADMIN));
      expect(referred.status).toBe(409);
      expect(referred.detail).toContain('cannot be deleted');
      expect(await snapshotDb(t.ctx)).toEqual(before);
      await catalog.remove('topics', { slug: 'data' }, undefined, ADMIN);
      expect(await t.get(TopicsRepository).findBySlug('data')).toBeUndefined();
    });
  });

  describe('findings', () => {
    const finding = (periodEnd: string, level: 'none' | 'preliminary' | 'secondary' | 'full') => ({
      assessor: 'independent-monitoring-team',
      report: 'imr-9',
      periodStart: `${periodEnd.slice(0, 4)}-01-01`,
      periodEnd,
      filedOn: periodEnd,
      level,
      summary: `Level ${level} at ${periodEnd}.`,
    });

    it('records findings in period order and marks a drop in level as a regression', async () => {
      const findings = t.get(FindingWritesService);
      await findings.create('decree-policy', finding('2024-06-30', 'secondary'), EDITOR);
      await findings.create('decree-policy', finding('2025-06-30', 'preliminary'), EDITOR);
      const detail = await recommendations.detail('decree-policy');
      expect(detail.findings.map((f) => [f.periodEnd, f.level, f.previousLevel, f.regression])).toEqual([
        ['2024-06-30', 'secondary', null, false],
        ['2025-06-30', 'preliminary', 'secondary', true],
      ]);
      // As of a date before the second report was filed, only the first is part of the record.
      expect((await recommendations.detail('decree-policy', '2025-01-01')).findings.map((f) => f.periodEnd)).toEqual([
        '2024-06-30',
      ]);
      expect((await t.get(SourcesService).detail('imr-9')).findingCount).toBe(2);
      expect((await t.get(ActorsService).detail('independent-monitoring-team')).findings).toBe(2);
    });

    it('refuses a period that ends before it starts, and an unknown report, with 400s naming the field', async () => {
      const before = await snapshotDb(t.ctx);
      const findings = t.get(FindingWritesService);
      const backwards = await problemOf(
        findings.create('decree-policy', { ...finding('2025-06-30', 'full'), periodStart: '2025-07-01' }, EDITOR),
      );
      expect(backwards.status).toBe(400);
      expect(backwards.errors?.map((e) => e.field)).toContain('periodEnd');
      const unknown = await problemOf(
        findings.create('decree-policy', { ...finding('2026-03-31', 'full'), report: 'no-such-report' }, EDITOR),
      );
      expect([unknown.status, unknown.errors?.[0].field]).toEqual([400, 'report']);
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });
  });

  describe('events', () => {
    it('creates events tied to items and lists them by date, by item and by range', async () => {
      await catalog.create(
        'events',
        {
          slug: 'hearing',
          occurredOn: '2026-02-01',
          title: 'Council hearing',
          source: 'report-a',
          recommendations: ['doj-policy', 'decree-policy'],
        },
        EDITOR,
      );
      await catalog.create(
        'events',
        { slug: 'report-out', occurredOn: '2025-11-01', title: 'Report published', source: 'imr-9' },
        EDITOR,
      );
      const events = t.get(EventsRepository);
      expect((await events.list({})).map((e) => [e.slug, e.recommendations])).toEqual([
        ['report-out', []],
        ['hearing', ['decree-policy', 'doj-policy']],
      ]);
      const doj = await t.get(RecommendationsRepository).idOf('recommendation', 'doj-policy');
      expect((await events.list({ recommendationId: doj })).map((e) => e.slug)).toEqual(['hearing']);
      expect((await events.list({ from: '2026-01-01' })).map((e) => e.slug)).toEqual(['hearing']);
      expect((await events.list({ to: '2025-12-31' })).map((e) => e.slug)).toEqual(['report-out']);
      expect((await recommendations.detail('doj-policy')).events.map((e) => e.slug)).toEqual(['hearing']);
      expect((await recommendations.detail('doj-policy', '2026-01-31')).events).toEqual([]);
    });

    it('edits an event (If-Match) and reads the new version back', async () => {
      const events = t.get(EventsRepository);
      const { version } = (await events.findBySlug('hearing'))!;
      await catalog.update(
        'events',
        { slug: 'hearing' },
        { title: 'City Council hearing', recommendations: ['doj-policy'] },
        `"${version}"`,
        EDITOR,
      );
      expect(await events.findBySlug('hearing')).toMatchObject({
        title: 'City Council hearing',
        recommendations: ['doj-policy'],
        version: version + 1,
      });
    });

    it('refuses an event naming an unknown item (400 naming the field) and writes nothing', async () => {
      const before = await snapshotDb(t.ctx);
      const problem = await problemOf(
        catalog.create(
          'events',
          { slug: 'ghost', occurredOn: '2026-01-01', title: 'x', source: 'report-a', recommendations: ['no-such-item'] },
          EDITOR,
        ),
      );
      expect(problem.status).toBe(400);
      expect(problem.errors?.[0].field).toMatch(/^recommendations/);
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });
  });

  describe('links', () => {
    it('links two items; both details show it with the other end’s headline status', async () => {
      await catalog.create(
        'links',
        { from: 'decree-policy', type: 'implements', to: 'doj-policy', note: 'Paragraph 1.' },
        EDITOR,
      );
      const links = t.get(LinksRepository);
      expect(await links.find('decree-policy', 'implements', 'doj-policy')).toMatchObject({
        from: { slug: 'decree-policy' },
        to: { slug: 'doj-policy' },
        note: 'Paragraph 1.',
      });
      expect(await links.find('doj-policy', 'implements', 'decree-policy')).toBeUndefined();
      const doj = await recommendations.detail('doj-policy');
      expect(doj.links.map((l) => [l.type, l.direction, l.slug, l.status])).toEqual([
        ['implements', 'incoming', 'decree-policy', 'implemented'],
      ]);
      const decree = await recommendations.detail('decree-policy');
      expect(decree.links.map((l) => [l.direction, l.slug, l.status])).toEqual([['outgoing', 'doj-policy', 'in_progress']]);
    });

    it('refuses a link from an item to itself, and a second identical link', async () => {
      const self = await problemOf(catalog.create('links', { from: 'doj-policy', type: 'related', to: 'doj-policy' }, EDITOR));
      expect(self.status).toBe(400);
      const twice = await problemOf(
        catalog.create('links', { from: 'decree-policy', type: 'implements', to: 'doj-policy' }, EDITOR),
      );
      expect(twice.status).toBe(409);
    });

    it('deletes a link; the item can then be deleted once nothing else refers to it', async () => {
      await catalog.remove('links', { from: 'decree-policy', type: 'implements', to: 'doj-policy' }, undefined, ADMIN);
      expect(await t.get(LinksRepository).find('decree-policy', 'implements', 'doj-policy')).toBeUndefined();
      expect((await recommendations.detail('doj-policy')).links).toEqual([]);
    });
  });
});
