import type { DeadlineView } from '../deadlines/deadline-view';
import type { EventView, FindingView, ReviewView, StatusChangeView } from '../recommendations/dto/recommendation.response';
import { buildTimeline, foldContextEvents } from './timeline';

const change = (id: number, effectiveOn: string, extra: Partial<StatusChangeView> = {}): StatusChangeView => ({
  id,
  slug: `c${id}`,
  status: 'in_progress',
  effectiveOn,
  effectivePrecision: 'day',
  dateInferred: null,
  recordedAt: '2024-01-01T00:00:00.000Z',
  assessor: { slug: 'tracker-editors', title: 'Editors' },
  evidence: { source: null, url: null, excerpt: null, pinpoint: null, via: null },
  note: null,
  retracted: false,
  retracts: null,
  retractedBy: null,
  ...extra,
});

const deadline = (id: number, due: string, extra: Partial<DeadlineView> = {}): DeadlineView =>
  ({
    id,
    slug: `d${id}`,
    recommendation: { slug: 'r', title: 'R' },
    label: `by ${due}`,
    due,
    precision: due.length === 7 ? 'month' : 'day',
    closesAt: '2021-06-01T05:00:00.000Z',
    state: 'open',
    extendedBy: null,
    extends: null,
    ...extra,
  }) as DeadlineView;

const event = (slug: string, occurredOn: string): EventView => ({
  slug,
  occurredOn,
  title: slug,
  description: null,
  dateInferred: null,
  source: { slug: 's', title: 'S' },
});

const finding = (id: number, periodEnd: string, extra: Partial<FindingView> = {}): FindingView =>
  ({
    id,
    slug: `f${id}`,
    periodStart: '2021-01-01',
    periodEnd,
    level: 'none',
    regression: false,
    filedOn: null,
    deadlinesClosedInPeriod: [],
    ...extra,
  }) as FindingView;

const review = (id: number, reviewedOn: string): ReviewView => ({
  id,
  slug: `rv${id}`,
  reviewedOn,
  reviewer: { slug: 'tracker-editors', title: 'Editors' },
  evidence: null,
  note: null,
  recordedAt: '2026-11-30T12:00:00.000Z',
});

describe('buildTimeline', () => {
  it('merges everything by date; same day: event, status, deadline, finding', () => {
    const entries = buildTimeline(
      {
        history: [change(1, '2021-05-31'), change(2, '2021-04-28')],
        deadlines: [deadline(1, '2021-05')],
        findings: [finding(1, '2021-05-31')],
        events: [event('e1', '2021-05-31'), event('e0', '2021-03-29')],
      },
      'tracker-editors',
    );
    expect(entries.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2021-03-29 event',
      '2021-04-28 status',
      '2021-05-31 event',
      '2021-05-31 status',
      '2021-05-31 deadline',
      '2021-05-31 finding',
    ]);
    expect(entries.map((e) => e.anchor)).toContain('deadline-d1');
  });

  it('pairs a retracted change with its correction, and an extended deadline with its replacement', () => {
    const entries = buildTimeline(
      {
        history: [
          change(1, '2022-03-01', { status: 'rejected', retracted: true, retractedBy: 2 }),
          change(2, '2022-03-01', { status: 'implemented', retracts: 1 }),
          change(3, '2022-02-01', { assessor: { slug: 'monitor', title: 'Monitor' } }),
        ],
        deadlines: [
          deadline(1, '2021-06', { state: 'extended', extendedBy: { id: 2, slug: 'd2' } }),
          deadline(2, '2021-12', { extends: { id: 1, slug: 'd1' } }),
        ],
        findings: [],
        events: [],
      },
      'tracker-editors',
    );
    const status = entries.filter((e) => e.kind === 'status');
    const [wrong, fix] = status.filter((e) => e.date === '2022-03-01');
    expect(wrong.kind === 'status' && wrong.retractedBy?.id).toBe(2);
    expect(fix.kind === 'status' && fix.retracts?.id).toBe(1);
    expect(status.find((e) => e.kind === 'status' && e.change.id === 3)).toMatchObject({ isHeadline: false });
    const [first, second] = entries.filter((e) => e.kind === 'deadline');
    expect(first.kind === 'deadline' && first.extendedBy?.id).toBe(2);
    expect(second.kind === 'deadline' && second.extends?.id).toBe(1);
    expect(first.date).toBe('2021-06-30');
  });

  it('places a finding on the day its report was filed, after the deadline it reports on, and keeps its period', () => {
    const entries = buildTimeline(
      {
        history: [],
        deadlines: [deadline(7, '2021-09-03')],
        findings: [
          finding(1, '2021-06-30', { filedOn: '2021-10-14', deadlinesClosedInPeriod: [] }),
          finding(2, '2021-12-31', { deadlinesClosedInPeriod: [{ id: 7, slug: 'd7' }] }),
        ],
        events: [],
      },
      'tracker-editors',
    );
    expect(entries.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2021-09-03 deadline',
      '2021-10-14 finding',
      '2021-12-31 finding',
    ]);
    const [, filed, unfiled] = entries;
    expect(filed.kind === 'finding' && filed.placedOn).toBe('filed');
    expect(filed.kind === 'finding' && filed.deadlinesClosedInPeriod).toEqual([]);
    expect(unfiled.kind === 'finding' && unfiled.placedOn).toBe('period-end');
    expect(unfiled.kind === 'finding' && unfiled.deadlinesClosedInPeriod.map((d) => d.slug)).toEqual(['d7']);
  });

  it('puts "reviewed, unchanged" checks on the timeline at their date, after same-day status changes', () => {
    const entries = buildTimeline(
      {
        history: [change(1, '2024-05-01')],
        deadlines: [],
        findings: [],
        events: [],
        reviews: [review(1, '2024-05-01'), review(2, '2023-01-01')],
      },
      'tracker-editors',
    );
    expect(entries.map((e) => `${e.date} ${e.kind} ${e.anchor}`)).toEqual([
      '2023-01-01 review review-rv2',
      '2024-05-01 status change-1',
      '2024-05-01 review review-rv1',
    ]);
  });
});

describe('foldContextEvents', () => {
  it('folds runs of two or more events and keeps everything in order', () => {
    const entries = buildTimeline(
      {
        history: [change(1, '2021-05-01'), change(2, '2021-07-01')],
        deadlines: [],
        findings: [],
        events: [event('a', '2021-04-01'), event('b', '2021-06-01'), event('c', '2021-06-02'), event('d', '2021-08-01')],
      },
      'tracker-editors',
    );
    const groups = foldContextEvents(entries);
    expect(groups.map((g) => (g.folded ? `fold ${g.from}..${g.to} (${g.entries.length})` : g.entry.anchor))).toEqual([
      'event-a',
      'change-1',
      'fold 2021-06-01..2021-06-02 (2)',
      'change-2',
      'event-d',
    ]);
  });
});
