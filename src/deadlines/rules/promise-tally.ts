// An official's scorecard (PolitiFact's tally per official): each promise a deadline records, counted
// once by how it ended. Pure; the actor page and any other surface use this one rule.

import type { DeadlineState } from './deadline-clock';

export const TALLY_VERDICTS = ['kept', 'partly', 'broken', 'open', 'unknown'] as const;
export type TallyVerdict = (typeof TALLY_VERDICTS)[number];
export type PromiseTally = Record<TallyVerdict, number>;

export interface TalliedDeadline {
  state: DeadlineState;
  /** For a met deadline: whether it was met after its close. */
  metLate: boolean | null;
}

/**
 * The verdict on one promise, or null when it is not counted: an extended deadline lives on in the
 * deadline that replaced it (counted instead), and a withdrawn one is no longer a promise. Met on
 * time is kept; met late or partly met is partly kept; missed is broken (even if done later: the
 * promise was the date); open is open; an outcome nobody has established is unknown, never broken.
 */
export function promiseVerdict(d: TalliedDeadline): TallyVerdict | null {
  switch (d.state) {
    case 'met':
      return d.metLate ? 'partly' : 'kept';
    case 'partly_met':
      return 'partly';
    case 'missed':
      return 'broken';
    case 'open':
      return 'open';
    case 'unknown':
      return 'unknown';
    case 'extended':
    case 'withdrawn':
      return null;
  }
}

/** How many promises were kept, partly kept, broken, are still open, or have an unknown outcome. */
export function tallyPromises(deadlines: TalliedDeadline[]): PromiseTally {
  const tally: PromiseTally = { kept: 0, partly: 0, broken: 0, open: 0, unknown: 0 };
  for (const d of deadlines) {
    const verdict = promiseVerdict(d);
    if (verdict) tally[verdict] += 1;
  }
  return tally;
}
