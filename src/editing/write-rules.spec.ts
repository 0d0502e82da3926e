import {
  deadlineProblems,
  dueProblems,
  evidenceProblems,
  findingProblems,
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
          { effectiveOn: '2030-01-15', effectivePrecision: 'month', evidence: { url: 'https://x.org' }, note: 'n' },
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

  it('settles only open deadlines', () => {
    expect(transitionProblem('open', 'met')).toBeNull();
    expect(transitionProblem('met', 'extend')).toBe('Only an open deadline can be extended; this one is met.');
    expect(transitionProblem('extended', 'withdraw')).toMatch(/withdrawn; this one is extended/);
  });

  it('makes slugs from words', () => {
    expect(slugify('alpha', '2021-05-26')).toBe('alpha-2021-05-26');
    expect(slugify('Überprüfung der Fälle', '2021-Q3')).toBe('uberprufung-der-falle-2021-q3');
  });
});
