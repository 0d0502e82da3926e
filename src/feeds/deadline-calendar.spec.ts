import { closesAt } from '../deadlines/rules/deadline-clock';
import type { DeadlineView } from '../deadlines/deadline-view';
import { deadlineEvent } from './deadline-calendar';

const CHI = 'America/Chicago';
const view = (over: Partial<DeadlineView>): DeadlineView => ({
  id: 12,
  slug: 'mayor-may',
  recommendation: { slug: 'mayor-2021-foot-pursuit-policy', title: 'New foot pursuit policy' },
  label: 'sometime in May',
  labelIsVerbatim: true,
  labelAttribution: null,
  dateInferred: null,
  fulfilledOn: null,
  due: '2021-05',
  precision: 'month',
  closesAt: closesAt('2021-05', 'month', CHI).toISOString(),
  state: 'met',
  metOn: '2021-05-26',
  metLate: false,
  overdue: false,
  daysLate: null,
  daysRemaining: null,
  extendedBy: null,
  extends: null,
  authority: 'official_promise',
  setBy: { slug: 'mayor', title: 'Mayor of Chicago' },
  setOn: '2021-04-28',
  source: { slug: 'cbs', title: 'CBS Chicago, April 28, 2021' },
  evidence: null,
  note: null,
  version: 3,
  ...over,
});
const ctx = {
  baseUrl: 'https://t.example.org',
  host: 't.example.org',
  timeZone: CHI,
  stamp: new Date('2021-06-01T00:00:00Z'),
  now: new Date('2022-01-01T00:00:00Z'),
};

describe('deadlineEvent', () => {
  it('puts a month deadline on the last day of the month, all day, with the wording and the close in the description', () => {
    const e = deadlineEvent(view({}), ctx);
    expect(e).toMatchObject({
      id: 'deadline-12@t.example.org',
      start: '2021-05-31',
      end: '2021-06-01',
      allDay: true,
      summary: 'New foot pursuit policy: “sometime in May” (May 2021)',
      url: 'https://t.example.org/recommendations/mayor-2021-foot-pursuit-policy',
      sequence: 2,
      status: 'CONFIRMED',
      categories: ['met'],
      closesAt: '2021-06-01T05:00:00.000Z',
    });
    expect(e.description).toContain('Deadline, in the original words: “sometime in May” (Mayor of Chicago, official promise).');
    expect(e.description).toContain('Due: May 2021. Closed 12:00 a.m. June 1, 2021 (America/Chicago).');
    expect(e.description).toContain('State: Met on time, on May 26, 2021.');
    expect(e.description).toContain('Stated in: CBS Chicago, April 28, 2021.');
  });

  it('uses the last day of a quarter, a year and a leap February', () => {
    expect(deadlineEvent(view({ due: '2021-Q3', precision: 'quarter' }), ctx).start).toBe('2021-09-30');
    expect(deadlineEvent(view({ due: '2022', precision: 'year' }), ctx)).toMatchObject({
      start: '2022-12-31',
      end: '2023-01-01',
    });
    expect(deadlineEvent(view({ due: '2024-02', precision: 'month' }), ctx).start).toBe('2024-02-29');
    expect(deadlineEvent(view({ due: '2021-09-03', precision: 'day' }), ctx).start).toBe('2021-09-03');
  });

  it('says "closes" for a deadline still ahead, and marks overdue, extended and withdrawn ones', () => {
    const future = closesAt('2030-05', 'month', CHI).toISOString();
    const open = deadlineEvent(
      view({ due: '2030-05', closesAt: future, state: 'open', metOn: null, metLate: null, daysRemaining: 40 }),
      ctx,
    );
    expect(open.description).toContain('Closes 12:00 a.m. June 1, 2030 (America/Chicago).');
    expect(open.description).toContain('State: Open: 40 days left.');
    expect(deadlineEvent(view({ state: 'open', overdue: true, daysLate: 12, metOn: null, metLate: null }), ctx)).toMatchObject({
      categories: ['overdue'],
    });
    const extended = deadlineEvent(view({ state: 'extended', extendedBy: { id: 13, slug: 'later' } }), ctx);
    expect(extended.status).toBe('CANCELLED');
    expect(extended.description).toContain('Replaced by a later deadline (later).');
    expect(deadlineEvent(view({ state: 'withdrawn' }), ctx).status).toBe('CANCELLED');
  });
});

describe('deadlineEvent wording', () => {
  it('never puts a paraphrase in quotation marks, and says whose wording it is', () => {
    const e = deadlineEvent(
      view({ label: 'before the start of summer', labelIsVerbatim: false, labelAttribution: "Police Magazine's paraphrase" }),
      ctx,
    );
    expect(e.summary).not.toContain('“');
    expect(e.description).toContain("Deadline, as worded by Police Magazine's paraphrase: before the start of summer");
  });
});
