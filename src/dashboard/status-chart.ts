// Geometry of the overview's bar chart of items by headline status: one labelled bar per status, its
// count written beside it. The template draws it as inline SVG; the numbers are also in a table.

import { STATUS_LABELS, STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';

export interface StatusBar {
  status: Status;
  label: string;
  count: number;
  /** Top of the row, in viewBox units. */
  y: number;
  /** Bar length in viewBox units (0 for a zero count; at least 2 for any non-zero one). */
  width: number;
}

export interface StatusChart {
  width: number;
  height: number;
  /** Where bars start and how long the longest one is. */
  barX: number;
  barMax: number;
  rowHeight: number;
  bars: StatusBar[];
  total: number;
}

const WIDTH = 320;
const ROW = 40;
const BAR_MAX = 260;

/** Lays out one bar per status, in the vocabulary's order, scaled to the largest count. */
export function statusChart(byStatus: Record<Status, number>): StatusChart {
  const counts = STATUSES.map((s) => Math.max(0, byStatus[s] ?? 0));
  const max = Math.max(1, ...counts);
  const bars = STATUSES.map((status, i) => {
    const count = counts[i];
    return {
      status,
      label: STATUS_LABELS[status],
      count,
      y: i * ROW,
      width: count === 0 ? 0 : Math.max(2, Math.round((count / max) * BAR_MAX)),
    };
  });
  return {
    width: WIDTH,
    height: STATUSES.length * ROW,
    barX: 0,
    barMax: BAR_MAX,
    rowHeight: ROW,
    bars,
    total: counts.reduce((a, b) => a + b, 0),
  };
}
