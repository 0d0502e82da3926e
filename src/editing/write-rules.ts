// What makes a status change, a deadline or a finding acceptable before it is written: evidence,
// no dates in the future, a due date that matches its precision, a consistent deadline state.
// Pure rules over records in the file format; the API and the import both call them, and name the
// offending field from the path each problem carries.

import { isIsoDate } from '../common/time/local-date';
import { parseDue } from '../deadlines/deadline-clock';

export interface Problem {
  /** The field's path in the record (`effectiveOn`, `evidence.source`). */
  path: string;
  reason: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** A date that must not be after `today` (the local date in the tracker's time zone). */
export function notInFuture(path: string, date: unknown, today: string): Problem[] {
  return typeof date === 'string' && isIsoDate(date) && date > today
    ? [{ path, reason: `must not be in the future (today is ${today} in the tracker's time zone)` }]
    : [];
}

/** A date known to the month is written as the month's first day, to the year as January 1. */
export function precisionProblems(path: string, date: unknown, precision: unknown): Problem[] {
  if (typeof date !== 'string' || !isIsoDate(date)) return [];
  if (precision === 'month' && !date.endsWith('-01')) {
    return [{ path, reason: `with month precision, must be the first day of the month (${date.slice(0, 8)}01)` }];
  }
  if (precision === 'year' && !date.endsWith('-01-01')) {
    return [{ path, reason: `with year precision, must be January 1 (${date.slice(0, 5)}01-01)` }];
  }
  return [];
}

/**
 * Evidence a status change must carry: a source or a URL, and an excerpt from it or a note saying
 * what it shows.
 */
export function evidenceProblems(
  evidence: { source?: unknown; url?: unknown; excerpt?: unknown } | null,
  note: unknown,
): Problem[] {
  const out: Problem[] = [];
  if (!str(evidence?.source) && !str(evidence?.url)) {
    out.push({ path: 'evidence.source', reason: 'evidence is required: give a source (slug) or a url' });
  }
  if (!str(evidence?.excerpt) && !str(note)) {
    out.push({ path: 'evidence.excerpt', reason: 'give an excerpt from the evidence or a note saying what it shows' });
  }
  return out;
}

export function statusChangeProblems(
  r: { effectiveOn?: unknown; effectivePrecision?: unknown; evidence?: unknown; note?: unknown },
  today: string,
): Problem[] {
  return [
    ...notInFuture('effectiveOn', r.effectiveOn, today),
    ...precisionProblems('effectiveOn', r.effectiveOn, r.effectivePrecision ?? 'day'),
    ...evidenceProblems((r.evidence as Record<string, unknown> | null) ?? null, r.note),
  ];
}

/** A due value must be a real period of the stated precision ("2021-05" is a month). */
export function dueProblems(path: string, due: unknown, precision: unknown): Problem[] {
  if (typeof due !== 'string') return [];
  const period = parseDue(due);
  if (!period) return [{ path, reason: `"${due}" is not a real date, month, quarter or year` }];
  if (typeof precision === 'string' && period.precision !== precision) {
    return [{ path, reason: `"${due}" is a ${period.precision}, but precision says ${precision}` }];
  }
  return [];
}

/** A deadline as a whole (as an import gives it): due, dates, and a state that agrees with its fields. */
export function deadlineProblems(
  r: {
    due?: unknown;
    precision?: unknown;
    state?: unknown;
    metOn?: unknown;
    settledOn?: unknown;
    setOn?: unknown;
    extendedBy?: unknown;
  },
  today: string,
): Problem[] {
  const out = [
    ...dueProblems('due', r.due, r.precision),
    ...notInFuture('metOn', r.metOn, today),
    ...notInFuture('settledOn', r.settledOn, today),
    ...notInFuture('setOn', r.setOn, today),
  ];
  const state = r.state ?? 'open';
  if (state === 'met' && !str(r.metOn)) out.push({ path: 'metOn', reason: 'a met deadline needs the date it was met' });
  if (state !== 'met' && str(r.metOn))
    out.push({ path: 'metOn', reason: `must be empty unless the state is met (it is ${String(state)})` });
  if (state === 'extended' && !str(r.extendedBy)) {
    out.push({ path: 'extendedBy', reason: 'an extended deadline names the deadline that replaced it' });
  }
  if (state !== 'extended' && str(r.extendedBy)) {
    out.push({ path: 'extendedBy', reason: `must be empty unless the state is extended (it is ${String(state)})` });
  }
  if (state === 'open' && str(r.settledOn)) out.push({ path: 'settledOn', reason: 'an open deadline has not settled' });
  return out;
}

export function findingProblems(r: { periodStart?: unknown; periodEnd?: unknown }): Problem[] {
  return typeof r.periodStart === 'string' && typeof r.periodEnd === 'string' && r.periodStart > r.periodEnd
    ? [{ path: 'periodEnd', reason: `must not be before periodStart (${r.periodStart})` }]
    : [];
}

/** A link joins two different recommendations. */
export function linkProblems(r: { from?: unknown; to?: unknown }): Problem[] {
  return r.from !== undefined && r.from === r.to ? [{ path: 'to', reason: 'must name another recommendation than from' }] : [];
}

/** A recorded-at instant given by an import: a real instant, not in the future. */
export function recordedAtProblems(value: unknown, now: Date): Problem[] {
  if (typeof value !== 'string') return [];
  const t = Date.parse(value);
  if (Number.isNaN(t)) return [{ path: 'recordedAt', reason: 'is not a real date and time' }];
  if (t > now.getTime()) return [{ path: 'recordedAt', reason: 'must not be in the future' }];
  return [];
}

/** Only an open deadline can be met, missed, extended or withdrawn. */
export function transitionProblem(state: string, action: 'met' | 'missed' | 'extend' | 'withdraw'): string | null {
  if (state === 'open') return null;
  const verb = { met: 'marked met', missed: 'marked missed', extend: 'extended', withdraw: 'withdrawn' }[action];
  return `Only an open deadline can be ${verb}; this one is ${state}.`;
}

/** A slug made from free text: lowercase words joined by hyphens. */
export function slugify(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
