import type { DeadlineView } from '../deadlines/deadline-view';
import type { RecommendationDetail, StatusChangeView } from '../recommendations/dto/recommendation.response';
import { storyChart } from './story-chart';
import { buildTopicStory, statusSpans } from './topic-story';

const EDITORS = { slug: 'tracker-editors', title: 'Reform Tracker editors' };
const MONITOR = { slug: 'monitor', title: 'Monitor' };
const NO_EVIDENCE = { source: null, url: null, excerpt: null, pinpoint: null, via: null };

function entry(
  id: number,
  status: StatusChangeView['status'],
  effectiveOn: string,
  more: Partial<StatusChangeView> = {},
): StatusChangeView {
  return {
    id,
    slug: `sc-${id}`,
    status,
    effectiveOn,
    effectivePrecision: 'day',
    dateInferred: null,
    recordedAt: `2024-01-01T00:00:0${id % 10}.000Z`,
    assessor: EDITORS,
    evidence: NO_EVIDENCE,
    note: null,
    retracted: false,
    retracts: null,
    retractedBy: null,
    ...more,
  };
}

function dl(id: number, due: string, more: Partial<DeadlineView>): DeadlineView {
  return {
    id,
    slug: `dl-${id}`,
    label: `promise ${id}`,
    labelIsVerbatim: true,
    labelAttribution: null,
    dateInferred: null,
    due,
    precision: due.length === 7 ? 'month' : 'day',
    state: 'open',
    overdue: false,
    daysLate: null,
    daysRemaining: null,
    metOn: null,
    metLate: null,
    fulfilledOn: null,
    extendedBy: null,
    extends: null,
    setBy: null,
    source: null,
    evidence: null,
    ...more,
  } as DeadlineView;
}

function item(slug: string, more: Partial<RecommendationDetail>): RecommendationDetail {
  return {
    slug,
    kind: 'recommendation',
    title: `Item ${slug}`,
    status: 'not_assessed',
    statusAsOf: null,
    issuedOn: null,
    weight: 1,
    history: [],
    deadlines: [],
    findings: [],
    events: [],
    assessments: [],
    ...more,
  } as RecommendationDetail;
}

describe('statusSpans', () => {
  it('follows the headline status by the current-status rule: retracted entries and other assessors do not count', () => {
    const history = [
      entry(1, 'not_started', '2017-01-13'),
      entry(2, 'interim', '2021-06-11'),
      entry(3, 'implemented', '2021-08-01', { retracted: true, retractedBy: 4 }),
      entry(4, null, '2021-08-01', { retracts: 3 }),
      entry(5, 'implemented', '2022-09-01'),
      entry(6, 'partially_implemented', '2022-01-01', { assessor: MONITOR }),
    ];
    expect(statusSpans(history, '2026-11-30')).toEqual([
      { from: '2017-01-13', to: '2021-06-11', status: 'not_started' },
      { from: '2021-06-11', to: '2022-09-01', status: 'interim' },
      { from: '2022-09-01', to: '2026-11-30', status: 'implemented' },
    ]);
  });

  it('ends at the as-of date and leaves out what came after it', () => {
    const history = [entry(1, 'not_started', '2017-01-13'), entry(2, 'interim', '2021-06-11')];
    expect(statusSpans(history, '2021-01-01')).toEqual([{ from: '2017-01-13', to: '2021-01-01', status: 'not_started' }]);
  });
});

describe('buildTopicStory', () => {
  const kinds = new Map([['order', 'policy_document']]);
  const shared = {
    slug: 'ev-shared',
    occurredOn: '2021-05-26',
    title: 'Interim policy',
    description: null,
    dateInferred: null,
    source: { slug: 'news', title: 'News' },
  };
  const policy = {
    slug: 'ev-order',
    occurredOn: '2018-01-01',
    title: 'Training bulletin',
    description: null,
    dateInferred: '2018-01',
    source: { slug: 'order', title: 'Order' },
  };
  const items = [
    item('b-mayor', {
      kind: 'commitment',
      issuedOn: '2021-04-05',
      status: 'implemented',
      statusAsOf: '2022-06-21',
      history: [entry(1, 'interim', '2021-05-26'), entry(2, 'implemented', '2022-06-21')],
      deadlines: [
        dl(1, '2021-05', { state: 'partly_met', metOn: '2021-05-26', metLate: false }),
        dl(2, '2021-09', { state: 'missed', fulfilledOn: '2022-06-21', daysLate: 263 }),
      ],
      events: [shared],
    }),
    item('a-doj', {
      issuedOn: '2017-01-13',
      status: 'interim',
      statusAsOf: '2021-06-11',
      history: [entry(3, 'interim', '2021-06-11')],
      events: [shared, policy],
    }),
    item('c-new', { issuedOn: null }),
  ];
  const story = buildTopicStory({ name: 'Foot pursuits' }, items, '2026-11-30', kinds);

  it('orders the lanes by when the items came into the world', () => {
    expect(story.lanes.map((l) => l.slug)).toEqual(['a-doj', 'b-mayor', 'c-new']);
  });

  it('puts a context event shared by several items on the timeline once, and a policy document as a policy', () => {
    expect(story.context.map((m) => [m.kind, m.date])).toEqual([
      ['policy', '2018-01-01'],
      ['event', '2021-05-26'],
    ]);
    expect(story.context[0].when).toBe('January 1, 2018 (date inferred)');
  });

  it('marks each deadline on its last day with its outcome, and how late a late one was done', () => {
    const marks = story.lanes[1].marks.filter((m) => m.kind === 'deadline');
    expect(marks.map((m) => [m.date, m.tone, m.doneOn])).toEqual([
      ['2021-05-31', 'partly', null],
      ['2021-09-30', 'missed', '2022-06-21'],
    ]);
    expect(marks[1].text).toContain('“promise 2”');
    expect(marks[1].text).toContain('Missed; done 263 days late (on June 21, 2022)');
  });

  it('weighs progress by the shared rule and never hides what is not assessed', () => {
    expect(story.progress.score).toBe(1.5);
    expect(story.progress.total).toBe(3);
    expect(story.progress.remaining).toBe(2);
    expect(story.facts.map((f) => f.text)).toEqual(
      expect.arrayContaining([
        '3 items are filed under Foot pursuits: 1 not yet assessed, 1 interim measure in force, 1 implemented, in the tracker editors’ assessment.',
        '2 deadlines: 1 partly met, 1 missed.',
        '1 item has not been assessed yet; that says nothing about progress.',
      ]),
    );
  });

  it('draws the axis from the first mark to the as-of date, inside the chart', () => {
    expect(story.start).toBe('2017-01-13');
    const chart = storyChart(story, 'Foot pursuits');
    const xs = chart.lanes.flatMap((l) => l.marks.map((m) => m.x));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(chart.left);
    expect(Math.max(...xs)).toBeLessThanOrEqual(chart.right);
    expect(chart.axis.ticks[0].label).toBe('2018');
    expect(chart.lanes[1].spans.map((s) => s.fill)).toEqual(['partly', 'done']);
  });
});
