/**
 * Recommendations through RecommendationsService and StatusChangeWritesService on a real database:
 * RecommendationsRepository (filters, keyset pages, asOf and knownAt views),
 * recommendation-derived.repository (the headline status and "since" date kept after each write) and
 * StatusChangesRepository (retraction targets).
 */
import { snapshotDb } from '../support/db-snapshot';
import type { FactoryItem } from '../support/factories';
import { allPages, bootMedium, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import type { ListRecommendationsQuery } from '../../src/recommendations/dto/list-recommendations.query';
import type { RecommendationListItem } from '../../src/recommendations/dto/recommendation.response';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { StatusChangeWritesService } from '../../src/recommendations/status-changes.service';

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';
const HOUR = 3_600_000;

const ITEMS: FactoryItem[] = [
  {
    slug: 'alpha-policy',
    title: 'Write a foot pursuit policy',
    topics: ['foot-pursuits'],
    statuses: [
      { status: 'accepted', on: '2025-01-10' },
      { status: 'in_progress', on: '2026-05-01' },
    ],
    // Closed at the end of 2026-05-31: overdue on T0.
    deadlines: [{ due: '2026-05-31' }],
  },
  {
    slug: 'bravo-training',
    title: 'Train officers',
    kind: 'requirement',
    topics: ['training'],
    source: 'report-b',
    responsible: 'city',
    statuses: [{ status: 'implemented', on: '2026-04-01' }],
    // Its last day is five local days after T0.
    deadlines: [{ due: '2026-06-20' }],
  },
  {
    slug: 'charlie-data',
    title: 'Publish pursuit data',
    // Only the monitor has assessed it: the headline (the tracker's editors) is not assessed.
    statuses: [{ status: 'not_started', on: '2026-02-01', assessor: 'independent-monitoring-team' }],
  },
  {
    slug: 'delta-old',
    title: 'Old stalled promise',
    kind: 'commitment',
    statuses: [{ status: 'stalled', on: '2020-01-01' }],
    deadlines: [{ due: '2027', precision: 'year' }],
  },
];

const EVIDENCE = { source: 'report-b', excerpt: 'The training programme was suspended.' };

describe('recommendations (service and repositories on a real database)', () => {
  let t: MediumApp;
  let service: RecommendationsService;
  let statusChanges: StatusChangeWritesService;

  const list = async (query: ListRecommendationsQuery = {}) => (await service.list(query)).items;
  const slugs = async (query: ListRecommendationsQuery = {}) => (await list(query)).map((i) => i.slug);

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed(ITEMS);
    service = t.get(RecommendationsService);
    statusChanges = t.get(StatusChangeWritesService);
  });
  afterAll(() => t.close());

  describe('list filters', () => {
    it('lists every item in slug order with its headline status, next deadline and flags', async () => {
      const items = await list();
      expect(items.map((i) => [i.slug, i.status, i.statusAsOf])).toEqual([
        ['alpha-policy', 'in_progress', '2026-05-01'],
        ['bravo-training', 'implemented', '2026-04-01'],
        ['charlie-data', 'not_assessed', null],
        ['delta-old', 'stalled', '2020-01-01'],
      ]);
      const alpha = items[0];
      expect(alpha.overdue).toBe(true);
      expect(alpha.nextDeadline).toMatchObject({ slug: 'alpha-policy-dl-0', due: '2026-05-31', state: 'open', overdue: true });
      expect(alpha.topics).toEqual(['foot-pursuits']);
      expect(items[1].nextDeadline).toMatchObject({ due: '2026-06-20', overdue: false, daysRemaining: 6 });
      expect(items.map((i) => i.stale)).toEqual([false, false, true, true]);
    });

    it.each<[string, ListRecommendationsQuery, string[]]>([
      ['status', { status: ['implemented'] }, ['bravo-training']],
      ['several statuses', { status: ['in_progress', 'stalled'] }, ['alpha-policy', 'delta-old']],
      ['not assessed', { status: ['not_assessed'] }, ['charlie-data']],
      ['kind', { kind: 'commitment' }, ['delta-old']],
      ['topic', { topic: 'training' }, ['bravo-training']],
      ['source', { source: 'report-b' }, ['bravo-training']],
      ['responsible', { responsible: 'city' }, ['bravo-training']],
      ['assessor', { assessor: 'independent-monitoring-team' }, ['charlie-data']],
      ['overdue', { overdue: true }, ['alpha-policy']],
      ['not overdue', { overdue: false }, ['bravo-training', 'charlie-data', 'delta-old']],
      ['due within 5 days', { dueWithin: 5 }, ['bravo-training']],
      ['due within 4 days', { dueWithin: 4 }, []],
      ['stale', { stale: true }, ['charlie-data', 'delta-old']],
      ['full-text search', { q: 'pursuit' }, ['alpha-policy', 'charlie-data']],
      // Words and their prefixes, not substrings: 'ol' finds "old", 'ld' finds nothing.
      ['word-prefix search', { q: 'ol' }, ['delta-old']],
      ['no substring search', { q: 'ld' }, []],
      ['filters combined', { status: ['in_progress', 'stalled'], overdue: false }, ['delta-old']],
    ])('filters by %s', async (_name, query, expected) => {
      expect(await slugs(query)).toEqual(expected);
    });

    it('agrees with the flags it shows: the overdue, stale and status filters select exactly the items flagged so', async () => {
      for (const asOf of [undefined, '2025-06-01', '2026-05-31', '2026-06-01']) {
        const all = await list({ asOf });
        const pick = (keep: (i: RecommendationListItem) => boolean) => all.filter(keep).map((i) => i.slug);
        expect(await slugs({ asOf, overdue: true })).toEqual(pick((i) => i.overdue));
        expect(await slugs({ asOf, overdue: false })).toEqual(pick((i) => !i.overdue));
        expect(await slugs({ asOf, stale: true })).toEqual(pick((i) => i.stale));
        expect(await slugs({ asOf, stale: false })).toEqual(pick((i) => !i.stale));
        for (const status of new Set(all.map((i) => i.status))) {
          expect(await slugs({ asOf, status: [status] })).toEqual(pick((i) => i.status === status));
        }
      }
    });

    it('refuses an unknown slug in a filter with a 400 naming the parameter', async () => {
      const problem = await problemOf(service.list({ topic: 'no-such-topic' }));
      expect(problem.status).toBe(400);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'topic', in: 'query' })]);
      expect((await problemOf(service.list({ assessor: 'nobody' }))).errors?.[0].field).toBe('assessor');
    });
  });

  describe('keyset pages', () => {
    it.each([1, 2, 3, 4])('walks every item exactly once in pages of %i', async (limit) => {
      const pages = await allPages((cursor) => service.list({ limit, cursor }));
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.flat().map((i) => i.slug)).toEqual(['alpha-policy', 'bravo-training', 'charlie-data', 'delta-old']);
      expect(pages).toHaveLength(Math.ceil(4 / limit));
    });

    it('pages within a filter, and refuses that cursor under other filters (400 naming cursor)', async () => {
      const first = await service.list({ overdue: false, limit: 2 });
      expect(first.items.map((i) => i.slug)).toEqual(['bravo-training', 'charlie-data']);
      const second = await service.list({ overdue: false, limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((i) => i.slug)).toEqual(['delta-old']);
      expect(second.nextCursor).toBeNull();
      const problem = await problemOf(service.list({ overdue: true, limit: 2, cursor: first.nextCursor! }));
      expect(problem.errors?.[0].field).toBe('cursor');
    });

    it('iterates a filter page by page (the exports’ path) to the same items as the list', async () => {
      const pages: string[][] = [];
      for await (const page of service.iterate({ stale: false }, 1)) pages.push(page.map((i) => i.slug));
      expect(pages).toEqual([['alpha-policy'], ['bravo-training']]);
    });
  });

  describe('asOf: the world on a past date', () => {
    it('shows the headline status and deadline state of that date', async () => {
      const items = await list({ asOf: '2025-06-01' });
      expect(items.map((i) => [i.slug, i.status])).toEqual([
        ['alpha-policy', 'accepted'],
        ['bravo-training', 'not_assessed'],
        ['charlie-data', 'not_assessed'],
        ['delta-old', 'stalled'],
      ]);
      // The alpha deadline had not closed yet on 2025-06-01.
      expect(items[0].overdue).toBe(false);
      expect(await slugs({ asOf: '2026-06-01', overdue: true })).toEqual(['alpha-policy']);
      expect(await slugs({ asOf: '2026-05-31', overdue: true })).toEqual([]);
    });

    it('gives the detail of that date: history up to it and the status then', async () => {
      const detail = await service.detail('alpha-policy', '2025-06-01');
      expect(detail.status).toBe('accepted');
      expect(detail.statusAsOf).toBe('2025-01-10');
      expect(detail.history.map((h) => h.status)).toEqual(['accepted']);
      expect((await service.detail('alpha-policy')).history.map((h) => h.status)).toEqual(['accepted', 'in_progress']);
    });

    it('answers an unknown item with a 404', async () => {
      expect((await problemOf(service.detail('no-such-item'))).status).toBe(404);
    });
  });

  describe('recording and retracting status changes', () => {
    // These tests write; each reads what the previous left, in order.
    let stalledId: number;

    it('records a status change and keeps the headline status and its date in step (list and detail)', async () => {
      t.clock.advance(HOUR);
      stalledId = (
        await statusChanges.record('bravo-training', { status: 'stalled', effectiveOn: '2026-06-10', ...EVIDENCE }, EDITOR)
      ).id;
      expect(await slugs({ status: ['stalled'] })).toEqual(['bravo-training', 'delta-old']);
      const [bravo] = await list({ topic: 'training' });
      expect([bravo.status, bravo.statusAsOf, bravo.reviewedOn]).toEqual(['stalled', '2026-06-10', '2026-06-10']);
      const detail = await service.detail('bravo-training');
      expect(detail.status).toBe('stalled');
      expect(detail.history.map((h) => [h.status, h.retracted])).toEqual([
        ['implemented', false],
        ['stalled', false],
      ]);
    });

    it('an earlier-dated change by another assessor leaves the headline alone', async () => {
      await statusChanges.record(
        'bravo-training',
        { status: 'in_progress', effectiveOn: '2026-06-11', assessor: 'independent-monitoring-team', ...EVIDENCE },
        EDITOR,
      );
      const detail = await service.detail('bravo-training');
      expect(detail.status).toBe('stalled');
      expect(detail.assessments.map((a) => [a.assessor.slug, a.status, a.disagreesWithHeadline])).toEqual(
        expect.arrayContaining([['independent-monitoring-team', 'in_progress', true]]),
      );
      expect(await slugs({ assessor: 'independent-monitoring-team' })).toEqual(['bravo-training', 'charlie-data']);
    });

    it('a pure retraction withdraws the change and the headline falls back to the one before', async () => {
      t.clock.advance(HOUR);
      const retraction = await statusChanges.record(
        'bravo-training',
        { retracts: stalledId, note: 'Entered on the wrong item.' },
        EDITOR,
      );
      const [bravo] = await list({ topic: 'training' });
      expect([bravo.status, bravo.statusAsOf]).toEqual(['implemented', '2026-04-01']);
      const detail = await service.detail('bravo-training');
      const stalled = detail.history.find((h) => h.id === stalledId)!;
      expect(stalled).toMatchObject({ retracted: true, retractedBy: retraction.id });
      expect(await slugs({ status: ['stalled'] })).toEqual(['delta-old']);
      // As of a date after the retracted change's own date, it does not count either.
      expect(await slugs({ asOf: '2026-06-12', status: ['stalled'] })).toEqual(['delta-old']);
      expect((await list({ asOf: '2026-06-12', topic: 'training' }))[0].status).toBe('implemented');
    });

    it('knownAt reads the record as it stood: before the retraction, the stalled entry still counted', async () => {
      const beforeRetraction = new Date(Date.parse(T0) + 1.5 * HOUR).toISOString();
      const beforeAnyWrite = new Date(Date.parse(T0) + 0.5 * HOUR).toISOString();
      expect((await service.detail('bravo-training', undefined, beforeRetraction)).status).toBe('stalled');
      expect((await service.detail('bravo-training', undefined, beforeAnyWrite)).status).toBe('implemented');
      expect(await slugs({ knownAt: beforeRetraction, status: ['stalled'] })).toEqual(['bravo-training', 'delta-old']);
      expect(await slugs({ knownAt: beforeAnyWrite, assessor: 'independent-monitoring-team' })).toEqual(['charlie-data']);
    });

    it('refuses to retract a change twice (409) and writes nothing', async () => {
      const before = await snapshotDb(t.ctx);
      const problem = await problemOf(statusChanges.record('bravo-training', { retracts: stalledId, note: 'Again.' }, EDITOR));
      expect(problem.status).toBe(409);
      expect(problem.detail).toContain('already retracted');
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });

    it('refuses a retraction of another item’s change, and a change without evidence, with 400s naming the field', async () => {
      const before = await snapshotDb(t.ctx);
      const alphaChange = (await service.detail('alpha-policy')).history[0].id;
      const wrongItem = await problemOf(statusChanges.record('bravo-training', { retracts: alphaChange, note: 'x' }, EDITOR));
      expect([wrongItem.status, wrongItem.errors?.[0].field]).toEqual([400, 'retracts']);
      const future = await problemOf(
        statusChanges.record('bravo-training', { status: 'implemented', effectiveOn: '2026-06-16', ...EVIDENCE }, EDITOR),
      );
      expect([future.status, future.errors?.[0].field]).toEqual([400, 'effectiveOn']);
      const unknownItem = await problemOf(
        statusChanges.record('nope', { status: 'implemented', effectiveOn: '2026-06-01', ...EVIDENCE }, EDITOR),
      );
      expect(unknownItem.status).toBe(404);
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });

    it('a review resets the stale clock without changing the status or its date', async () => {
      expect(await slugs({ stale: true })).toEqual(['charlie-data', 'delta-old']);
      await statusChanges.review('delta-old', { reviewedOn: '2026-06-14', note: 'Checked: still stalled.' }, EDITOR);
      expect(await slugs({ stale: true })).toEqual(['charlie-data']);
      const [delta] = await list({ kind: 'commitment' });
      expect([delta.status, delta.statusAsOf, delta.reviewedOn, delta.stale]).toEqual([
        'stalled',
        '2020-01-01',
        '2026-06-14',
        false,
      ]);
      // As of a date before the review, it was stale.
      expect(await slugs({ asOf: '2026-06-13', stale: true })).toContain('delta-old');
    });
  });
});
