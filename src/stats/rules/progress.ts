// The weighted progress score. It is only ever shown beside the raw counts and what is left, never
// alone, so it stays a plain weighted mean of fixed credits.

import type { Status } from '../../recommendations/rules/status-vocabulary';

/** Credit a status earns: done counts in full, a partial or interim measure half, the rest nothing. */
export const PROGRESS_CREDIT: Record<Status, number> = {
  not_assessed: 0,
  unclear: 0,
  not_started: 0,
  accepted: 0,
  in_progress: 0,
  interim: 0.5,
  partially_implemented: 0.5,
  implemented: 1,
  stalled: 0,
  rejected: 0,
};

export interface Progress {
  /** Sum of credit × weight. */
  score: number;
  /** Sum of weights. */
  total: number;
  /** score / total, or null when there is nothing to weigh (never a misleading 0 %). */
  ratio: number | null;
  /** Number of items counted, including any with weight 0. */
  counted: number;
}

/**
 * Weighted progress over `items`: each earns its status's {@link PROGRESS_CREDIT} times its weight.
 * @throws RangeError on a negative or non-finite weight, or an unknown status.
 */
export function weightedProgress(items: Array<{ status: Status; weight: number }>): Progress {
  let score = 0;
  let total = 0;
  for (const { status, weight } of items) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`Weight must be a finite number ≥ 0: ${weight}`);
    }
    if (!Object.hasOwn(PROGRESS_CREDIT, status)) {
      throw new RangeError(`Unknown status: ${JSON.stringify(status)}`);
    }
    score += PROGRESS_CREDIT[status] * weight;
    total += weight;
  }
  return { score, total, ratio: total > 0 ? score / total : null, counted: items.length };
}
