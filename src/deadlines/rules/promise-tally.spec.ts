import { DEADLINE_STATES } from './deadline-clock';
import { promiseVerdict, tallyPromises } from './promise-tally';

describe('promiseVerdict', () => {
  it.each([
    [{ state: 'met', metLate: false }, 'kept'],
    [{ state: 'met', metLate: null }, 'kept'],
    [{ state: 'met', metLate: true }, 'partly'],
    [{ state: 'partly_met', metLate: false }, 'partly'],
    [{ state: 'missed', metLate: null }, 'broken'],
    [{ state: 'open', metLate: null }, 'open'],
    [{ state: 'unknown', metLate: null }, 'unknown'],
    [{ state: 'extended', metLate: null }, null],
    [{ state: 'withdrawn', metLate: null }, null],
  ] as const)('%j is %s', (d, verdict) => {
    expect(promiseVerdict(d)).toBe(verdict);
  });

  it('has a verdict (or a reason not to count) for every deadline state', () => {
    for (const state of DEADLINE_STATES) expect(() => promiseVerdict({ state, metLate: null })).not.toThrow();
    expect(DEADLINE_STATES.map((state) => promiseVerdict({ state, metLate: null })).filter((v) => v === undefined)).toEqual([]);
  });
});

describe('tallyPromises', () => {
  it('counts each promise once, by how it ended, and leaves out extended and withdrawn ones', () => {
    expect(
      tallyPromises([
        { state: 'met', metLate: false },
        { state: 'met', metLate: true },
        { state: 'extended', metLate: null },
        { state: 'missed', metLate: null },
        { state: 'missed', metLate: null },
        { state: 'open', metLate: null },
        { state: 'unknown', metLate: null },
        { state: 'withdrawn', metLate: null },
      ]),
    ).toEqual({ kept: 1, partly: 1, broken: 2, open: 1, unknown: 1 });
  });

  it('is all zeros for an official with no promise', () => {
    expect(tallyPromises([])).toEqual({ kept: 0, partly: 0, broken: 0, open: 0, unknown: 0 });
  });
});
