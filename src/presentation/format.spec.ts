import {
  count,
  days,
  deadlineOutcome,
  findingLevel,
  formatCloses,
  formatDate,
  formatDue,
  formatInstant,
  formatPercent,
  humanize,
  deadlineLabelText,
  isInstant,
  isWebUrl,
  lastDayOfDue,
  linkPhrase,
  sourceKindLabel,
  statusLabel,
  timeLeft,
  webLinkLabel,
} from './format';
import { assessDeadline, closesAt } from '../deadlines/rules/deadline-clock';

describe('formatDate', () => {
  it.each([
    ['2021-05-26', 'day', 'May 26, 2021'],
    ['2022-09-01', 'month', 'September 2022'],
    ['2018-01-01', 'year', '2018'],
    ['2024-02-29', 'day', 'February 29, 2024'],
  ])('%s (%s) reads %s', (date, precision, words) => expect(formatDate(date, precision)).toBe(words));

  it('leaves what it cannot read as it is, and empty as empty', () => {
    expect(formatDate('sometime')).toBe('sometime');
    expect(formatDate(null)).toBe('');
  });
});

describe('formatDue', () => {
  it.each([
    ['2021-09-03', 'day', 'September 3, 2021'],
    ['2021-05', 'month', 'May 2021'],
    ['2021-Q3', 'quarter', 'July–September 2021 (Q3)'],
    ['2022', 'year', '2022'],
  ] as const)('%s (%s) reads %s', (due, precision, words) => expect(formatDue(due, precision)).toBe(words));

  it('finds the last day of the period', () => {
    expect(lastDayOfDue('2021-05')).toBe('2021-05-31');
    expect(lastDayOfDue('2024-Q1')).toBe('2024-03-31');
    expect(lastDayOfDue('nonsense')).toBeNull();
  });
});

describe('formatInstant and formatCloses', () => {
  it('names the wall-clock time in the zone, with the zone', () => {
    expect(formatInstant('2021-06-01T05:00:00.000Z', 'America/Chicago')).toBe('12:00 a.m. June 1, 2021');
    expect(formatInstant('2021-06-01T17:30:00.000Z', 'America/Chicago')).toBe('12:30 p.m. June 1, 2021');
    expect(formatInstant('2022-01-01T06:00:00.000Z', 'America/Chicago')).toBe('12:00 a.m. January 1, 2022');
    expect(formatCloses('2021-06-01T05:00:00.000Z', 'America/Chicago')).toBe('closes 12:00 a.m. June 1, 2021 (America/Chicago)');
    expect(formatCloses('2021-05-31T23:00:00.000Z', 'Europe/London', true)).toBe(
      'closed 12:00 a.m. June 1, 2021 (Europe/London)',
    );
  });
});

describe('deadlineOutcome', () => {
  const base = { state: 'open' as const, overdue: false, daysLate: null, daysRemaining: null, metOn: null, metLate: null };

  it.each([
    [{ ...base, overdue: true, daysLate: 12 }, 'overdue', 'Overdue: 12 days late'],
    [{ ...base, overdue: true, daysLate: 0 }, 'overdue', 'Overdue: closed less than a day ago'],
    [{ ...base, daysRemaining: 1 }, 'open', 'Open: 1 day left'],
    [{ ...base, daysRemaining: 0 }, 'open', 'Open: closes today'],
    [{ ...base, state: 'met' as const, metOn: '2021-05-26', metLate: false }, 'met', 'Met on time, on May 26, 2021'],
    [
      { ...base, state: 'met' as const, metOn: '2022-01-05', metLate: true, daysLate: 5 },
      'late',
      'Met late, on January 5, 2022 (5 days late)',
    ],
    [{ ...base, state: 'met' as const }, 'met', 'Met'],
    [{ ...base, state: 'missed' as const, daysLate: 1204 }, 'missed', 'Missed (1,204 days since it closed)'],
    [{ ...base, state: 'extended' as const }, 'extended', 'Extended: replaced by a later deadline'],
    [{ ...base, state: 'withdrawn' as const }, 'withdrawn', 'Withdrawn'],
    [
      { ...base, state: 'missed' as const, daysLate: 263, fulfilledOn: '2022-06-21' },
      'missed',
      'Missed; done 263 days late (on June 21, 2022)',
    ],
    [{ ...base, state: 'partly_met' as const, metOn: '2021-05-26', metLate: false }, 'partly', 'Partly met, on May 26, 2021'],
    [
      { ...base, state: 'partly_met' as const, metOn: '2021-06-11', metLate: true, daysLate: 11 },
      'partly',
      'Partly met, late, on June 11, 2021 (11 days late)',
    ],
    [{ ...base, state: 'partly_met' as const }, 'partly', 'Partly met'],
    [
      { ...base, state: 'unknown' as const, due: '2021-Q3' },
      'unknown',
      'Outcome not known (its last day was September 30, 2021)',
    ],
    [{ ...base, state: 'unknown' as const, daysLate: 40 }, 'unknown', 'Outcome not known'],
  ])('%j is %s: %s', (d, tone, text) => expect(deadlineOutcome(d)).toEqual({ tone, text }));
});

describe('small words', () => {
  it('counts, percentages, labels', () => {
    expect(days(1)).toBe('1 day');
    expect(days(1204)).toBe('1,204 days');
    expect(count(1, 'item')).toBe('1 item');
    expect(count(3, 'item')).toBe('3 items');
    expect(formatPercent(0.525)).toBe('53 %');
    expect(formatPercent(null)).toBe('—');
    expect(statusLabel('not_assessed')).toBe('Not yet assessed');
    expect(statusLabel('interim')).toBe('Interim measure in force');
    expect(humanize('disciplinary_recommendation')).toBe('Disciplinary recommendation');
    expect(linkPhrase('implements', 'incoming')).toBe('Implemented by');
    expect(linkPhrase('restates', 'outgoing')).toBe('Restates');
    expect(findingLevel('none')).toBe('Not in compliance');
    expect(findingLevel('secondary')).toBe('Secondary compliance');
    expect(findingLevel(null)).toBe('Level not stated in the sources');
    expect(statusLabel(null)).toBe('No status stated');
    expect(sourceKindLabel('doj_report')).toBe('DOJ report');
  });

  it('only links http(s) URLs', () => {
    expect(isWebUrl('https://example.org/a')).toBe(true);
    expect(isWebUrl('http://example.org')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,x')).toBe(false);
    expect(isWebUrl('/relative')).toBe(false);
    expect(isWebUrl(null)).toBe(false);
  });
});

describe('deadline labels', () => {
  it('quotes only the setter’s own words, and says whose any other wording is', () => {
    expect(deadlineLabelText({ label: 'sometime in May', labelIsVerbatim: true, labelAttribution: null })).toBe(
      '“sometime in May”',
    );
    const para = deadlineLabelText({ label: 'by the fall', labelIsVerbatim: false, labelAttribution: 'FOX 32’s paraphrase' });
    expect(para).toBe('by the fall (FOX 32’s paraphrase, not a quote)');
    expect(para).not.toMatch(/[“”"]/);
    expect(deadlineLabelText({ label: 'by the fall', labelIsVerbatim: false, labelAttribution: null })).toContain('paraphrase');
  });
});

describe('webLinkLabel', () => {
  it('calls a link "the document" only when it is the source’s own address, otherwise names the site', () => {
    expect(
      webLinkLabel('https://www.justice.gov/opa/file/925846/download', 'https://www.justice.gov/opa/file/925846/download'),
    ).toBe('the document');
    expect(webLinkLabel('http://www.americanbluestheater.com/sixcorners/flipbook/x', 'https://www.justice.gov/a')).toBe(
      'americanbluestheater.com',
    );
    expect(webLinkLabel('https://example.org/x')).toBe('example.org');
  });
});

describe('isInstant', () => {
  it.each([
    ['2026-11-30T12:00:00Z', true],
    ['2026-11-30T12:00:00.000Z', true],
    ['2026-11-30', false],
    ['2026-11-30T12:00:00+01:00', false],
    ['2021-02-30T12:00:00Z', false],
    ['2026-11-30T24:00:00Z', false],
    ['yesterday', false],
  ])('%s: %s', (value, ok) => expect(isInstant(value)).toBe(ok));
});

// Reader test finding 9: for a deadline due December 7 seen on November 30 the API said 8 and the
// reminder email 7. The pages (item outcome, overview) and emails say the API's number through timeLeft.
describe('timeLeft', () => {
  it("says the API's daysRemaining, as the item page's outcome does", () => {
    const zone = 'America/Chicago';
    const api = assessDeadline(
      { closesAt: closesAt('2026-12-07', 'day', zone), state: 'open', metOn: null, settledOn: null },
      { now: new Date('2026-11-30T15:00:00Z'), timeZone: zone },
    );
    expect(api.daysRemaining).toBe(8);
    expect(timeLeft(api.daysRemaining)).toBe('8 days left');
    expect(
      deadlineOutcome({ state: 'open', overdue: false, daysLate: null, metOn: null, metLate: null, daysRemaining: 8 }).text,
    ).toBe('Open: 8 days left');
    expect(timeLeft(1)).toBe('1 day left');
    expect(timeLeft(0)).toBe('closes today');
  });
});
