// What makes a status change, a deadline or a finding acceptable before it is written: evidence,
// no dates in the future, a due date that matches its precision, a consistent deadline state.
// Pure rules over records in the file format; the API and the import both call them, and name the
// offending field from the path each problem carries.

import { isIsoDate } from '../time/local-date';
import { lastDayOf, parseDue } from '../../deadlines/rules/deadline-clock';

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
  r: {
    status?: unknown;
    retracts?: unknown;
    effectiveOn?: unknown;
    effectivePrecision?: unknown;
    evidence?: unknown;
    note?: unknown;
  },
  today: string,
): Problem[] {
  if (!str(r.status)) {
    // A pure retraction withdraws an earlier entry without stating a status: it needs only a reason.
    if (r.retracts !== undefined && r.retracts !== null) {
      return str(r.note) ? [] : [{ path: 'note', reason: 'a retraction without a new status needs a note saying why' }];
    }
    return [{ path: 'status', reason: 'is required (leave it out only to retract an entry: give retracts and a note)' }];
  }
  if (!str(r.effectiveOn)) return [{ path: 'effectiveOn', reason: 'is required with a status' }];
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
    fulfilledOn?: unknown;
    labelIsVerbatim?: unknown;
    labelAttribution?: unknown;
  },
  today: string,
): Problem[] {
  const out = [
    ...dueProblems('due', r.due, r.precision),
    ...setOnProblems(r.setOn, r.due),
    ...labelProblems(r.labelIsVerbatim, r.labelAttribution),
    ...notInFuture('metOn', r.metOn, today),
    ...notInFuture('settledOn', r.settledOn, today),
    ...notInFuture('setOn', r.setOn, today),
    ...notInFuture('fulfilledOn', r.fulfilledOn, today),
  ];
  const state = r.state ?? 'open';
  const met = state === 'met' || state === 'partly_met';
  if (met && !str(r.metOn)) out.push({ path: 'metOn', reason: `a ${String(state)} deadline needs the date it was met` });
  if (!met && str(r.metOn))
    out.push({ path: 'metOn', reason: `must be empty unless the state is met or partly_met (it is ${String(state)})` });
  if (state !== 'missed' && str(r.fulfilledOn)) {
    out.push({ path: 'fulfilledOn', reason: `must be empty unless the state is missed (it is ${String(state)})` });
  }
  if (state === 'missed' && typeof r.fulfilledOn === 'string' && typeof r.due === 'string') {
    out.push(...fulfilledOnProblems(r.fulfilledOn, r.due));
  }
  if (state === 'unknown' && str(r.settledOn)) {
    out.push({ path: 'settledOn', reason: 'an unknown outcome has no settling date' });
  }
  if (state === 'unknown' && typeof r.due === 'string') {
    const last = lastDayOf(r.due);
    if (last !== null && last >= today) {
      out.push({
        path: 'state',
        reason: `an outcome can only be unknown once the deadline has closed (its last day is ${last})`,
      });
    }
  }
  if (state === 'extended' && !str(r.extendedBy)) {
    out.push({ path: 'extendedBy', reason: 'an extended deadline names the deadline that replaced it' });
  }
  if (state !== 'extended' && str(r.extendedBy)) {
    out.push({ path: 'extendedBy', reason: `must be empty unless the state is extended (it is ${String(state)})` });
  }
  if (state === 'open' && str(r.settledOn)) out.push({ path: 'settledOn', reason: 'an open deadline has not settled' });
  return out;
}

/** A deadline cannot have been set after the last day it was due: that is a date someone reported it. */
export function setOnProblems(setOn: unknown, due: unknown): Problem[] {
  if (typeof setOn !== 'string' || typeof due !== 'string') return [];
  const last = lastDayOf(due);
  return last !== null && setOn > last
    ? [
        {
          path: 'setOn',
          reason: `must not be after the last day the deadline was due (${last}): a deadline is set before it falls due`,
        },
      ]
    : [];
}

/** A label that is not the setter's own words says whose wording it is. */
export function labelProblems(labelIsVerbatim: unknown, labelAttribution: unknown): Problem[] {
  if (labelIsVerbatim === true && str(labelAttribution)) {
    return [{ path: 'labelAttribution', reason: "is for a label that is not the setter's own words (labelIsVerbatim false)" }];
  }
  return [];
}

/** A missed deadline is done late: on or after the day it closed. */
export function fulfilledOnProblems(fulfilledOn: string, due: string): Problem[] {
  const last = lastDayOf(due);
  return last !== null && fulfilledOn <= last
    ? [{ path: 'fulfilledOn', reason: `must be after the last day the deadline was due (${last}); done by then, it was met` }]
    : [];
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

export type DeadlineAction = 'met' | 'partly-met' | 'missed' | 'extend' | 'withdraw' | 'unknown' | 'fulfilled';

/**
 * Which outcomes can follow which: an open deadline, or one whose outcome was unknown, can be
 * settled (met, partly met, missed, extended, withdrawn); only an open one can be declared unknown;
 * only a missed one can be recorded as done later (fulfilled), once.
 */
export function transitionProblem(state: string, action: DeadlineAction, fulfilledOn: string | null = null): string | null {
  if (action === 'fulfilled') {
    if (state !== 'missed') return `Only a missed deadline can be recorded as done later; this one is ${state}.`;
    return fulfilledOn ? `This deadline was already recorded as done on ${fulfilledOn}.` : null;
  }
  if (state === 'open' || (state === 'unknown' && action !== 'unknown')) return null;
  const verb = {
    met: 'marked met',
    'partly-met': 'marked partly met',
    missed: 'marked missed',
    extend: 'extended',
    withdraw: 'withdrawn',
    unknown: 'marked unknown',
  }[action];
  return `Only an open deadline${action === 'unknown' ? '' : ' (or one whose outcome is unknown)'} can be ${verb}; this one is ${state}.`;
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
