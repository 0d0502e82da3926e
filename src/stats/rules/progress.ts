// The weighted progress score. It is only ever shown beside the raw counts and what is left, never
// alone, so it stays a plain weighted mean of fixed credits.

import { STATUSES } from '../../recommendations/rules/status-vocabulary';
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

/**
 * The statuses that count alike for progress: implemented alone (it is also counted on its own, as
 * what is done), every other status with the others of the same credit, under the first of them in
 * STATUSES order. Summing a group's counts and weights per class gives the same weighted progress and
 * the same implemented count as per status, from three rows a group instead of ten (the per-topic
 * and per-source figures read after every status change).
 */
export const PROGRESS_CLASSES: ReadonlyArray<{ status: Status; members: readonly Status[] }> = progressClasses();

function progressClasses(): Array<{ status: Status; members: Status[] }> {
  const classes: Array<{ status: Status; members: Status[] }> = [{ status: 'implemented', members: ['implemented'] }];
  for (const status of STATUSES) {
    if (status === 'implemented') continue;
    const same = classes.find((c) => c.status !== 'implemented' && PROGRESS_CREDIT[c.status] === PROGRESS_CREDIT[status]);
    if (same) same.members.push(status);
    else classes.push({ status, members: [status] });
  }
  return classes;
}
