import fc from 'fast-check';
import { addDays, startOfLocalDay } from '../common/time/local-date';
import type { DeadlineRow } from '../deadlines/deadline-view';
import { toDeadlineView } from '../deadlines/deadline-view';
import { ListDay, listRowParts, toListItem, writeListItem } from './list-item';
import type { RecommendationRow } from './recommendations.repository';
import { isStale } from './rules/staleness';

const CHI = 'America/Chicago';

const row = (over: Partial<RecommendationRow> = {}): RecommendationRow => ({
  id: 7,
  slug: 'doj-2017-foot-pursuit-policy',
  kind: 'recommendation',
  title: 'Adopt a "foot pursuit" policy – ünïcode \u2028 and \\ slashes',
  status: 'in_progress',
  statusAsOf: '2021-05-26',
  reviewedOn: '2021-05-26',
  sourceSlug: 'doj-2017-findings',
  sourceTitle: 'Investigation of the Chicago Police Department',
  responsibleSlug: 'chicago-police-department',
  responsibleName: 'Chicago Police Department',
  ...over,
});

const deadline = (closesAt: string): DeadlineRow => ({
  id: 12,
  slug: 'mayor-foot-pursuit-policy-may-2021',
  recommendationId: 7,
  recommendationSlug: 'doj-2017-foot-pursuit-policy',
  recommendationTitle: 'Adopt a foot pursuit policy',
  label: 'sometime in May',
  labelIsVerbatim: 1,
  labelAttribution: null,
  dateInferred: null,
  due: '2021-05',
  precision: 'month',
  closesAt,
  state: 'open',
  metOn: null,
  fulfilledOn: null,
  settledOn: null,
  setOn: '2021-03-01',
  authority: 'official_promise',
  note: null,
  setBySlug: 'city',
  setByName: 'City',
  sourceSlug: null,
  sourceTitle: null,
  extendedBySlug: null,
  extendedById: null,
  extendsId: 3,
  extendsSlug: 'first-promise',
  evidenceSourceSlug: null,
  evidenceSourceTitle: null,
  evidenceUrl: null,
  evidenceExcerpt: null,
  evidencePinpoint: null,
  version: 2,
});

/** The item as the list built it before the stored rows: objects, then JSON.stringify. */
function built(r: RecommendationRow, topics: string[], d: DeadlineRow | null, now: Date, staleAfterDays: number): string {
  const next = d ? toDeadlineView(d, { now, timeZone: CHI }) : null;
  return JSON.stringify(toListItem(r, topics, next, isStale(r.reviewedOn, now, staleAfterDays, CHI)));
}

function written(r: RecommendationRow, topics: string[], d: DeadlineRow | null, now: Date, staleAfterDays: number): string {
  const parts = listRowParts(r, topics, d ? toDeadlineView(d, { now: new Date(0), timeZone: 'UTC' }) : null);
  const day = ListDay.at(now, CHI, staleAfterDays);
  return writeListItem(parts, r.reviewedOn, day, now.getTime());
}

describe('a list item written from its stored parts', () => {
  // The close of "May 2021" in Chicago: the local midnight starting June 1.
  const close = startOfLocalDay('2021-06-01', CHI);

  it.each([
    ['long before the close', new Date('2021-03-10T12:00:00Z')],
    ['on the last day of the period', new Date('2021-05-31T23:00:00Z')],
    ['at the close instant itself', close],
    ['one millisecond after the close', new Date(close.getTime() + 1)],
    ['the first day after the period, late evening (already June 2 in UTC)', new Date('2021-06-02T04:30:00Z')],
    ['across a DST change', new Date('2021-11-08T12:00:00Z')],
  ])('equals the item built in full: %s', (_, now) => {
    const d = deadline(close.toISOString());
    expect(written(row(), ['foot-pursuits', 'training'], d, now, 180)).toBe(
      built(row(), ['foot-pursuits', 'training'], d, now, 180),
    );
  });

  it('keeps one day from its first instant to the next local midnight, across a DST change', () => {
    const start = startOfLocalDay('2021-11-07', CHI); // 25 hours long in Chicago
    const day = ListDay.at(start, CHI, 180);
    expect(ListDay.at(new Date(start.getTime() + 24.9 * 3_600_000), CHI, 180, day)).toBe(day);
    const next = ListDay.at(startOfLocalDay('2021-11-08', CHI), CHI, 180, day);
    expect(next).not.toBe(day);
    expect(next.today).toBe('2021-11-08');
    expect(ListDay.at(new Date(start.getTime() - 1), CHI, 180, day).today).toBe('2021-11-06');
  });

  it('without a deadline, never assessed, with no responsible actor and no topics', () => {
    const r = row({ status: 'not_assessed', statusAsOf: null, reviewedOn: null, responsibleSlug: null, responsibleName: null });
    const now = new Date('2026-12-01T03:00:00Z');
    expect(written(r, [], null, now, 180)).toBe(built(r, [], null, now, 180));
    expect(JSON.parse(written(r, [], null, now, 180))).toMatchObject({ nextDeadline: null, overdue: false, stale: true });
  });

  it('equals the item built in full for any instant, close, review date and stale window', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2019-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.option(day),
        fc.option(day),
        fc.integer({ min: 1, max: 400 }),
        (closeDay, msIntoDay, reviewed, nowDay, staleAfterDays) => {
          const now = new Date(startOfLocalDay(nowDay ?? closeDay, CHI).getTime() + msIntoDay);
          const d = deadline(startOfLocalDay(closeDay, CHI).toISOString());
          const r = row({ reviewedOn: reviewed });
          expect(written(r, ['a'], d, now, staleAfterDays)).toBe(built(r, ['a'], d, now, staleAfterDays));
        },
      ),
    );
  });
});
