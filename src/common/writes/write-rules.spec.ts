import {
  deadlineProblems,
  dueProblems,
  evidenceProblems,
  findingProblems,
  fulfilledOnProblems,
  setOnProblems,
  linkProblems,
  notInFuture,
  precisionProblems,
  recordedAtProblems,
  slugify,
  statusChangeProblems,
  transitionProblem,
} from './write-rules';

const paths = (problems: Array<{ path: string }>) => problems.map((p) => p.path);

describe('write rules', () => {
  it('refuses dates after today, and only those', () => {
    expect(notInFuture('effectiveOn', '2024-03-02', '2024-03-01')).toHaveLength(1);
    expect(notInFuture('effectiveOn', '2024-03-01', '2024-03-01')).toEqual([]);
    expect(notInFuture('effectiveOn', null, '2024-03-01')).toEqual([]);
    expect(notInFuture('effectiveOn', 'not a date', '2024-03-01')).toEqual([]);
  });

  it('writes month and year precision as the first day of the period', () => {
    expect(precisionProblems('d', '2018-01-01', 'month')).toEqual([]);
    expect(precisionProblems('d', '2018-01-15', 'month')[0].reason).toMatch(/2018-01-01/);
    expect(precisionProblems('d', '2016-01-01', 'year')).toEqual([]);
    expect(precisionProblems('d', '2016-02-01', 'year')[0].reason).toMatch(/2016-01-01/);
    expect(precisionProblems('d', '2016-02-17', 'day')).toEqual([]);
  });

  it('asks a status change for a source or URL, and an excerpt or note', () => {
    expect(evidenceProblems({ source: 'doj-2017', excerpt: 'quote' }, null)).toEqual([]);
    expect(evidenceProblems({ url: 'https://x.org' }, 'why')).toEqual([]);
    expect(paths(evidenceProblems({ source: ' ', excerpt: '' }, '  '))).toEqual(['evidence.source', 'evidence.excerpt']);
    expect(paths(evidenceProblems(null, null))).toEqual(['evidence.source', 'evidence.excerpt']);
    expect(
      paths(
        statusChangeProblems(
          {
            status: 'interim',
            effectiveOn: '2030-01-15',
            effectivePrecision: 'month',
            evidence: { url: 'https://x.org' },
            note: 'n',
          },
          '2025-01-01',
        ),
      ),
    ).toEqual(['effectiveOn', 'effectiveOn']);
  });

  it('checks a due value against its precision, leap days included', () => {
    expect(dueProblems('due', '2021-05', 'month')).toEqual([]);
    expect(dueProblems('due', '2024-02-29', 'day')).toEqual([]);
    expect(dueProblems('due', '2023-02-29', 'day')[0].reason).toMatch(/not a real date/);
    expect(dueProblems('due', '2021-Q3', 'month')[0].reason).toBe('"2021-Q3" is a quarter, but precision says month');
    expect(dueProblems('due', '2021-13', 'month')).toHaveLength(1);
  });

  it("keeps a deadline's state and fields in agreement", () => {
    const ok = { due: '2021-05', precision: 'month' };
    expect(deadlineProblems({ ...ok, state: 'open' }, '2025-01-01')).toEqual([]);
    expect(deadlineProblems({ ...ok, state: 'met', metOn: '2021-05-26', settledOn: '2021-05-26' }, '2025-01-01')).toEqual([]);
    expect(paths(deadlineProblems({ ...ok, state: 'met' }, '2025-01-01'))).toEqual(['metOn']);
    expect(paths(deadlineProblems({ ...ok, state: 'missed', metOn: '2021-05-26' }, '2025-01-01'))).toEqual(['metOn']);
    expect(paths(deadlineProblems({ ...ok, state: 'extended' }, '2025-01-01'))).toEqual(['extendedBy']);
    expect(paths(deadlineProblems({ ...ok, state: 'open', extendedBy: 'x', settledOn: '2021-01-01' }, '2025-01-01'))).toEqual([
      'extendedBy',
      'settledOn',
    ]);
    expect(paths(deadlineProblems({ ...ok, metOn: '2026-01-01', state: 'met' }, '2025-01-01'))).toEqual(['metOn']);
  });

  it('orders finding periods, separates link ends, bounds recorded times', () => {
    expect(findingProblems({ periodStart: '2021-01-01', periodEnd: '2021-06-30' })).toEqual([]);
    expect(paths(findingProblems({ periodStart: '2021-07-01', periodEnd: '2021-06-30' }))).toEqual(['periodEnd']);
    expect(paths(linkProblems({ from: 'a', to: 'a' }))).toEqual(['to']);
    expect(linkProblems({ from: 'a', to: 'b' })).toEqual([]);
    const now = new Date('2025-01-01T00:00:00Z');
    expect(recordedAtProblems('2024-12-31T23:59:59Z', now)).toEqual([]);
    expect(recordedAtProblems('2025-01-01T00:00:01Z', now)).toHaveLength(1);
  });

  it('settles open deadlines, and unknown ones once the outcome is established', () => {
    expect(transitionProblem('open', 'met')).toBeNull();
    expect(transitionProblem('unknown', 'met')).toBeNull();
    expect(transitionProblem('unknown', 'partly-met')).toBeNull();
    expect(transitionProblem('met', 'extend')).toBe(
      'Only an open deadline (or one whose outcome is unknown) can be extended; this one is met.',
    );
    expect(transitionProblem('extended', 'withdraw')).toMatch(/withdrawn; this one is extended/);
    expect(transitionProblem('open', 'unknown')).toBeNull();
    expect(transitionProblem('unknown', 'unknown')).toMatch(/Only an open deadline can be marked unknown/);
  });

  it('records a late fulfilment only on a missed deadline, once', () => {
    expect(transitionProblem('missed', 'fulfilled')).toBeNull();
    expect(transitionProblem('missed', 'fulfilled', '2022-06-21')).toMatch(/already recorded as done on 2022-06-21/);
    expect(transitionProblem('open', 'fulfilled')).toMatch(/Only a missed deadline/);
    expect(paths(fulfilledOnProblems('2021-09-03', '2021-09-03'))).toEqual(['fulfilledOn']);
    expect(fulfilledOnProblems('2021-09-04', '2021-09-03')).toEqual([]);
  });

  it('refuses a deadline set after the last day it was due', () => {
    expect(paths(setOnProblems('2021-10-08', '2021-09-03'))).toEqual(['setOn']);
    expect(setOnProblems('2021-09-03', '2021-09-03')).toEqual([]);
    expect(setOnProblems('2021-05-31', '2021-05')).toEqual([]);
    expect(paths(setOnProblems('2021-07-21', '2019-Q3'))).toEqual(['setOn']);
    expect(setOnProblems(null, '2019-Q3')).toEqual([]);
  });

  it('keeps deadline states and their dates consistent', () => {
    const base = { due: '2021-05', precision: 'month', labelIsVerbatim: true };
    expect(deadlineProblems({ ...base, state: 'partly_met', metOn: '2021-05-26' }, '2026-01-01')).toEqual([]);
    expect(paths(deadlineProblems({ ...base, state: 'partly_met' }, '2026-01-01'))).toEqual(['metOn']);
    expect(paths(deadlineProblems({ ...base, state: 'unknown', settledOn: '2021-06-01' }, '2026-01-01'))).toEqual(['settledOn']);
    expect(
      paths(deadlineProblems({ ...base, state: 'met', metOn: '2021-05-26', fulfilledOn: '2022-01-01' }, '2026-01-01')),
    ).toEqual(['fulfilledOn']);
    expect(deadlineProblems({ ...base, state: 'missed', fulfilledOn: '2022-06-21' }, '2026-01-01')).toEqual([]);
    expect(deadlineProblems({ ...base, state: 'unknown' }, '2026-01-01')).toEqual([]);
    expect(paths(deadlineProblems({ ...base, state: 'unknown' }, '2021-05-31'))).toEqual(['state']);
    expect(paths(deadlineProblems({ ...base, labelAttribution: "FOX 32's paraphrase" }, '2026-01-01'))).toEqual([
      'labelAttribution',
    ]);
  });

  it('lets a retraction stand on its own, with a reason', () => {
    expect(statusChangeProblems({ retracts: 'x-2021', note: 'entered on the wrong item' }, '2026-01-01')).toEqual([]);
    expect(paths(statusChangeProblems({ retracts: 'x-2021' }, '2026-01-01'))).toEqual(['note']);
    expect(
      paths(statusChangeProblems({ effectiveOn: '2021-01-01', note: 'n', evidence: { url: 'https://x.org' } }, '2026-01-01')),
    ).toEqual(['status']);
    expect(
      paths(statusChangeProblems({ status: 'interim', note: 'n', evidence: { url: 'https://x.org' } }, '2026-01-01')),
    ).toEqual(['effectiveOn']);
  });

  it('makes slugs from words', () => {
    expect(slugify('alpha', '2021-05-26')).toBe('alpha-2021-05-26');
    expect(slugify('Überprüfung der Fälle', '2021-Q3')).toBe('uberprufung-der-falle-2021-q3');
  });
});
