/**
 * Deadlines through DeadlinesService and DeadlineWritesService on a real database:
 * DeadlinesRepository (filters, keyset pages on close time, asOf and knownAt through
 * deadline_revision, nearest), and the "next deadline" each recommendation shows after every write
 * (recommendation-derived.repository and RecommendationsRepository.openDeadlinesFor).
 */
import { DataSource } from 'typeorm';
import { snapshotDb } from '../support/db-snapshot';
import type { FactoryItem } from '../support/factories';
import { allPages, bootMedium, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import { DeadlineWritesService } from '../../src/deadlines/deadline-commands.service';
import type { DeadlineView } from '../../src/deadlines/deadline-view';
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import type { ListDeadlinesQuery } from '../../src/deadlines/dto/list-deadlines.query';
import { Recommendation } from '../../src/recommendations/recommendation.entity';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';
const HOUR = 3_600_000;

const ITEMS: FactoryItem[] = [
  // Closes at the end of May 2026: overdue on T0.
  {
    slug: 'mayor-policy',
    statuses: [{ status: 'accepted', on: '2026-01-05' }],
    deadlines: [{ due: '2026-05', precision: 'month' }],
  },
  {
    slug: 'training-plan',
    deadlines: [{ due: '2026-06-20' }, { due: '2026-Q4', precision: 'quarter' }],
  },
  {
    slug: 'data-portal',
    responsible: 'city',
    deadlines: [{ due: '2025-12-31', state: 'met', metOn: '2025-12-01' }],
  },
];

const EVIDENCE = { source: 'report-a', excerpt: 'The policy took effect.' };

describe('deadlines (service and repositories on a real database)', () => {
  let t: MediumApp;
  let deadlines: DeadlinesService;
  let writes: DeadlineWritesService;
  let recommendations: RecommendationsService;

  const list = async (query: ListDeadlinesQuery = {}) => (await deadlines.list(query)).items;
  const slugs = async (query: ListDeadlinesQuery = {}) => (await list(query)).map((d) => d.slug);
  const one = async (slug: string, query: ListDeadlinesQuery = {}): Promise<DeadlineView> =>
    (await list(query)).find((d) => d.slug === slug)!;
  /**
   * The item's next open deadline as its detail computes it; the stored next_close_at (kept by
   * recommendation-derived.repository in every write's transaction) must say the same close time.
   */
  const nextOf = async (slug: string) => {
    const next = (await recommendations.detail(slug)).nextDeadline;
    const stored = await t.get(DataSource).getRepository(Recommendation).findOneByOrFail({ slug });
    expect(stored.nextCloseAt).toBe(next?.closesAt ?? null);
    return next?.slug ?? null;
  };

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed(ITEMS);
    deadlines = t.get(DeadlinesService);
    writes = t.get(DeadlineWritesService);
    recommendations = t.get(RecommendationsService);
  });
  afterAll(() => t.close());

  describe('reads', () => {
    it('lists every deadline in close order with what the clock makes of it', async () => {
      const items = await list();
      expect(items.map((d) => [d.slug, d.state, d.overdue, d.daysLate, d.daysRemaining])).toEqual([
        ['data-portal-dl-0', 'met', false, null, null],
        // Days late count from the close (the start of 2026-06-01); days remaining include the last day.
        ['mayor-policy-dl-0', 'open', true, 14, null],
        ['training-plan-dl-0', 'open', false, null, 6],
        ['training-plan-dl-1', 'open', false, null, 200],
      ]);
      expect(items[1].closesAt).toBe('2026-06-01T05:00:00.000Z');
      expect(items[0]).toMatchObject({ metOn: '2025-12-01', metLate: false });
    });

    it.each<[string, ListDeadlinesQuery, string[]]>([
      ['state', { state: ['met'] }, ['data-portal-dl-0']],
      ['overdue', { overdue: true }, ['mayor-policy-dl-0']],
      ['not overdue', { overdue: false }, ['data-portal-dl-0', 'training-plan-dl-0', 'training-plan-dl-1']],
      ['due within 5 days', { dueWithin: 5 }, ['training-plan-dl-0']],
      ['due within 4 days', { dueWithin: 4 }, []],
      ['responsible', { responsible: 'city' }, ['data-portal-dl-0']],
      ['setter', { setBy: 'police' }, []],
      [
        'asOf, before the met deadline was met',
        { asOf: '2025-11-30', state: ['open'] },
        ['data-portal-dl-0', 'mayor-policy-dl-0', 'training-plan-dl-0', 'training-plan-dl-1'],
      ],
    ])('filters by %s', async (_name, query, expected) => {
      expect(await slugs(query)).toEqual(expected);
    });

    it('the SQL filters select exactly the deadlines the pure rule flags (several asOf dates)', async () => {
      for (const asOf of [undefined, '2025-06-01', '2025-12-31', '2026-05-31', '2026-06-01', '2026-06-20', '2027-01-01']) {
        const all = await list({ asOf });
        const flagged = (keep: (d: DeadlineView) => boolean) => all.filter(keep).map((d) => d.slug);
        expect(await slugs({ asOf, overdue: true })).toEqual(flagged((d) => d.overdue));
        expect(await slugs({ asOf, overdue: false })).toEqual(flagged((d) => !d.overdue));
        expect(await slugs({ asOf, state: ['open'] })).toEqual(flagged((d) => d.state === 'open'));
      }
    });

    it('walks the close-time keyset one row at a time, and refuses the cursor under other filters', async () => {
      const pages = await allPages((cursor) => deadlines.list({ limit: 1, cursor }));
      expect(pages.map((page) => page.map((d) => d.slug))).toEqual((await slugs()).map((slug) => [slug]));
      const first = await deadlines.list({ limit: 1 });
      expect((await problemOf(deadlines.list({ limit: 1, overdue: true, cursor: first.nextCursor! }))).errors?.[0].field).toBe(
        'cursor',
      );
    });

    it('nearestWindow: the deadlines closest to now, in close order, page by page, and whether any were left out', async () => {
      const slugs = async (cap: number, pageSize?: number) => {
        const near = await deadlines.nearestWindow({}, cap, pageSize);
        const pages: string[][] = [];
        for await (const page of near.pages()) pages.push(page.map((d) => d.slug));
        return { ...near, pages };
      };
      const two = await slugs(2);
      expect(two.pages).toEqual([['mayor-policy-dl-0', 'training-plan-dl-0']]);
      expect(two.truncated).toBe(true);
      const all = await slugs(10);
      expect(all.truncated).toBe(false);
      // Pages of one read the same deadlines, one at a time, in the same order.
      const single = await slugs(10, 1);
      expect(single.pages.flat()).toEqual(all.pages.flat());
      expect(single.pages.every((page) => page.length === 1)).toBe(true);
      expect(all.count).toBe(all.pages.flat().length);
      // Filters apply to the window's keys and to its pages alike.
      const city = await deadlines.nearestWindow({ responsible: 'city' }, 10);
      const cityPages: string[] = [];
      for await (const page of city.pages()) cityPages.push(...page.map((d) => d.slug));
      expect(cityPages).toEqual(['data-portal-dl-0']);
      expect(city.count).toBe(1);
    });

    it('refuses an unknown actor with a 400 naming the parameter', async () => {
      expect((await problemOf(deadlines.list({ setBy: 'nobody' }))).errors).toEqual([
        expect.objectContaining({ field: 'setBy', in: 'query' }),
      ]);
    });
  });

  describe('setting and settling', () => {
    // These tests write; each builds on the one before.
    it('sets a deadline: it is listed, filterable by its setter, and becomes the item’s next deadline', async () => {
      expect(await nextOf('data-portal')).toBeNull();
      t.clock.advance(HOUR);
      await writes.create(
        'data-portal',
        {
          label: 'by the end of September',
          due: '2026-09',
          precision: 'month',
          authority: 'official_promise',
          setBy: 'police',
          setOn: '2026-06-01',
          source: 'report-a',
          slug: 'portal-september',
        },
        EDITOR,
      );
      const created = await one('portal-september');
      expect(created).toMatchObject({
        state: 'open',
        closesAt: '2026-10-01T05:00:00.000Z',
        setOn: '2026-06-01',
        daysRemaining: 108,
      });
      expect(await slugs({ setBy: 'police' })).toEqual(['portal-september']);
      expect(await nextOf('data-portal')).toBe('portal-september');
      // Set on 2026-06-01: as of the day before, it did not exist yet.
      expect(await slugs({ asOf: '2026-05-31', responsible: 'city' })).toEqual(['data-portal-dl-0']);
    });

    it('refuses a deadline set after its own last day, or with a due that is no real month, and writes nothing', async () => {
      const before = await snapshotDb(t.ctx);
      const base = { label: 'x', authority: 'official_promise' as const };
      const late = await problemOf(
        writes.create('data-portal', { ...base, due: '2026-05-01', precision: 'day', setOn: '2026-05-02' }, EDITOR),
      );
      expect([late.status, late.errors?.map((e) => e.field)]).toEqual([400, ['setOn']]);
      const month13 = await problemOf(writes.create('data-portal', { ...base, due: '2026-13', precision: 'month' }, EDITOR));
      expect([month13.status, month13.errors?.map((e) => e.field)]).toEqual([400, ['due']]);
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });

    it('met late: no longer overdue, marked met after its close, and the item’s next deadline moves on', async () => {
      t.clock.advance(HOUR);
      await writes.settle('mayor-policy-dl-0', 'met', { metOn: '2026-06-10', ...EVIDENCE }, undefined, EDITOR);
      expect(await one('mayor-policy-dl-0')).toMatchObject({ state: 'met', metOn: '2026-06-10', metLate: true, overdue: false });
      expect(await slugs({ overdue: true })).toEqual([]);
      expect(await nextOf('mayor-policy')).toBeNull();
      expect((await recommendations.list({ overdue: true })).items).toEqual([]);
    });

    it('asOf and knownAt still show it open and overdue before it was met, or before the tracker knew', async () => {
      expect(await one('mayor-policy-dl-0', { asOf: '2026-06-05' })).toMatchObject({ state: 'open', overdue: true });
      const beforeTheOutcome = new Date(Date.parse(T0) + 1.5 * HOUR).toISOString();
      expect(await one('mayor-policy-dl-0', { knownAt: beforeTheOutcome })).toMatchObject({ state: 'open', overdue: true });
      expect(await slugs({ knownAt: beforeTheOutcome, overdue: true })).toEqual(['mayor-policy-dl-0']);
      // knownAt before the new deadline was recorded: it is not there.
      expect(await slugs({ knownAt: new Date(Date.parse(T0) + 0.5 * HOUR).toISOString(), setBy: 'police' })).toEqual([]);
    });

    it('refuses to settle a settled deadline (409) and writes nothing', async () => {
      const before = await snapshotDb(t.ctx);
      const problem = await problemOf(writes.settle('mayor-policy-dl-0', 'missed', {}, undefined, EDITOR));
      expect(problem.status).toBe(409);
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });

    it('extends: the old deadline is marked extended and linked both ways, the new one is next', async () => {
      t.clock.advance(HOUR);
      const { id } = await writes.settle(
        'training-plan-dl-0',
        'extend',
        { label: 'by the end of July', due: '2026-07-31', precision: 'day', slug: 'training-july', ...EVIDENCE },
        undefined,
        EDITOR,
      );
      const old = await one('training-plan-dl-0');
      expect(old).toMatchObject({ state: 'extended', extendedBy: { id, slug: 'training-july' } });
      expect(await one('training-july')).toMatchObject({ state: 'open', extends: { id: old.id }, setOn: '2026-06-15' });
      expect(await nextOf('training-plan')).toBe('training-july');
      expect(await slugs({ dueWithin: 5 })).toEqual([]);
    });

    it('withdraws with evidence, and refuses a withdrawal without it (400 naming source)', async () => {
      const noEvidence = await problemOf(writes.settle('training-plan-dl-1', 'withdraw', {}, undefined, EDITOR));
      expect([noEvidence.status, noEvidence.errors?.[0].field]).toEqual([400, 'source']);
      await writes.settle('training-plan-dl-1', 'withdraw', { url: 'https://example.org/withdrawn' }, undefined, EDITOR);
      expect(await one('training-plan-dl-1')).toMatchObject({
        state: 'withdrawn',
        evidence: expect.objectContaining({ url: 'https://example.org/withdrawn' }),
      });
    });

    it('missed, then done later: fulfilledOn fixes the days late', async () => {
      await writes.create(
        'data-portal',
        { label: 'by June 1', due: '2026-06-01', precision: 'day', authority: 'court_order', slug: 'portal-june' },
        EDITOR,
      );
      expect(await one('portal-june')).toMatchObject({ state: 'open', overdue: true, daysLate: 13 });
      await writes.settle('portal-june', 'missed', {}, undefined, EDITOR);
      expect(await one('portal-june')).toMatchObject({ state: 'missed', overdue: false });
      await writes.settle('portal-june', 'fulfilled', { fulfilledOn: '2026-06-05', ...EVIDENCE }, undefined, EDITOR);
      expect(await one('portal-june')).toMatchObject({ state: 'missed', fulfilledOn: '2026-06-05', daysLate: 4 });
      const again = await problemOf(
        writes.settle('portal-june', 'fulfilled', { fulfilledOn: '2026-06-06', ...EVIDENCE }, undefined, EDITOR),
      );
      expect(again.status).toBe(409);
    });

    it('refuses "unknown" before the deadline has closed (409)', async () => {
      const problem = await problemOf(writes.settle('portal-september', 'unknown', {}, undefined, EDITOR));
      expect(problem.status).toBe(409);
      expect(problem.detail).toContain('has not closed yet');
    });

    it('refuses a stale If-Match (412) and an unknown deadline (404)', async () => {
      const current = await one('portal-september');
      const stale = await problemOf(writes.settle('portal-september', 'withdraw', EVIDENCE, `"${current.version + 1}"`, EDITOR));
      expect(stale.status).toBe(412);
      expect((await problemOf(writes.settle('no-such-deadline', 'missed', {}, undefined, EDITOR))).status).toBe(404);
    });
  });
});
