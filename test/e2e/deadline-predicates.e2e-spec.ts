/**
 * The deadline filters are SQL (state as of a date, overdue, due within N days) and the deadline
 * views are the pure rules (deadline-clock.ts). This checks on generated data that they agree: for
 * every date asked, the deadlines a filter returns are exactly those whose view says so.
 */
import fc from 'fast-check';
import request from 'supertest';
import { DEADLINE_STATES, lastDayOf } from '../../src/deadlines/rules/deadline-clock';
import { SeedService } from '../../src/seed/seed.service';
import { addDays, buildSeed } from '../support/factories';
import { bootApp, TestApp } from '../support/test-app';

type Generated = {
  due: string;
  precision: 'day' | 'month' | 'year';
  state: (typeof DEADLINE_STATES)[number];
  settleAfter: number;
  setBefore: number | null;
};

const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2019-01-01', n));
const generated = fc.record<Generated>({
  due: fc.constant(''),
  precision: fc.constantFrom('day', 'month', 'year'),
  state: fc.constantFrom(...DEADLINE_STATES.filter((s) => s !== 'extended')),
  settleAfter: fc.integer({ min: -40, max: 200 }),
  setBefore: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
});

describe('deadline filters agree with the deadline rules', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false' });
    const dues = fc.sample(day, { seed: 9, numRuns: 120 });
    const specs = fc.sample(generated, { seed: 17, numRuns: 120 }).map((g, i) => {
      const d = dues[i];
      const due = g.precision === 'day' ? d : g.precision === 'month' ? d.slice(0, 7) : d.slice(0, 4);
      const last = lastDayOf(due)!;
      const settled = addDays(last, g.settleAfter);
      // Keep every generated record valid: dates not after "today" (2026-01-01 at the latest here).
      const metOn = g.state === 'met' || g.state === 'partly_met' ? settled : undefined;
      const state = g.state === 'unknown' && last >= '2025-12-31' ? 'open' : g.state;
      return {
        due,
        precision: g.precision,
        state,
        metOn,
        settledOn: state === 'open' || state === 'unknown' ? undefined : settled,
        setOn: g.setBefore === null ? undefined : addDays(last, -g.setBefore),
      };
    });
    const seed = buildSeed(specs.map((s, i) => ({ slug: `item-${i}`, deadlines: [s as never] })));
    // buildSeed settles met deadlines on metOn; give the others their own settling date.
    seed.deadlines.forEach((d, i) => {
      d.settledOn = specs[i].settledOn ?? d.settledOn;
    });
    await t.app.get(SeedService).apply(seed);
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  const all = async (query: Record<string, string>) => {
    const out: Array<{ id: number; state: string; overdue: boolean; daysRemaining: number | null }> = [];
    let cursor: string | undefined;
    do {
      const res = await http.get('/api/v1/deadlines').query({ ...query, limit: 200, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };
  const ids = (list: Array<{ id: number }>) => list.map((d) => d.id).sort((a, b) => a - b);

  it('returns for state, overdue and dueWithin exactly the deadlines whose views say so, on any date', async () => {
    const dates = fc.sample(day, { seed: 23, numRuns: 25 });
    for (const asOf of dates) {
      const views = await all({ asOf });
      for (const state of ['open', 'unknown', 'met', 'partly_met', 'missed', 'withdrawn']) {
        expect(ids(await all({ asOf, state }))).toEqual(ids(views.filter((v) => v.state === state)));
      }
      expect(ids(await all({ asOf, overdue: 'true' }))).toEqual(ids(views.filter((v) => v.overdue)));
      expect(ids(await all({ asOf, overdue: 'false' }))).toEqual(ids(views.filter((v) => !v.overdue)));
      expect(ids(await all({ asOf, dueWithin: '30' }))).toEqual(
        ids(views.filter((v) => v.state === 'open' && v.daysRemaining !== null && v.daysRemaining <= 31)),
      );
    }
  });
});
