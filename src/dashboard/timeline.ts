// One item's story as a single dated list: status changes (with their corrections), "reviewed,
// unchanged" checks, deadlines, monitor findings and events, merged and ordered. Pure: the item page
// renders what this returns.

import type { DeadlineView } from '../deadlines/deadline-view';
import type {
  EventView,
  FindingView,
  RecommendationDetail,
  ReviewView,
  StatusChangeView,
} from '../recommendations/dto/recommendation.response';
import { lastDayOfDue } from '../presentation/format';

export type TimelineEntry =
  | {
      kind: 'event';
      date: string;
      precision: 'day';
      anchor: string;
      event: EventView;
    }
  | {
      kind: 'status';
      date: string;
      precision: string;
      anchor: string;
      change: StatusChangeView;
      /** The correction that withdrew this change, when it was retracted. */
      retractedBy: StatusChangeView | null;
      /** The change this one withdraws, when it is a correction. */
      retracts: StatusChangeView | null;
      isHeadline: boolean;
    }
  | {
      kind: 'deadline';
      date: string;
      precision: 'day';
      anchor: string;
      deadline: DeadlineView;
      /** The deadline this one replaced, and the one that replaced it (the extension chain). */
      extends: DeadlineView | null;
      extendedBy: DeadlineView | null;
    }
  | {
      kind: 'review';
      date: string;
      precision: 'day';
      anchor: string;
      review: ReviewView;
    }
  | {
      kind: 'finding';
      date: string;
      precision: 'day';
      anchor: string;
      finding: FindingView;
      /** Where it sits: the day its report was filed, or (when not recorded) the end of its period. */
      placedOn: 'filed' | 'period-end';
      /** This item's deadlines that closed in the finding's period, as far as the page has them. */
      deadlinesClosedInPeriod: DeadlineView[];
    };

// Same-day order: what happened, what the assessors said about it, which deadlines closed, and the
// monitor's verdict on the period last.
const KIND_ORDER: Record<TimelineEntry['kind'], number> = { event: 0, status: 1, review: 2, deadline: 3, finding: 4 };

export const statusAnchor = (id: number) => `change-${id}`;
export const deadlineAnchor = (slug: string) => `deadline-${slug}`;
export const findingAnchor = (slug: string) => `finding-${slug}`;
export const eventAnchor = (slug: string) => `event-${slug}`;
export const reviewAnchor = (slug: string) => `review-${slug}`;

/**
 * Merges an item's history, reviews, deadlines, findings and events into one chronological list. A
 * deadline sits on the last day of its period (where it closes); a finding on the day its report was
 * filed (it could not be known before), or on the end of its period when the filing date is not
 * recorded; a review on the day it was made.
 */
export function buildTimeline(
  detail: Pick<RecommendationDetail, 'history' | 'deadlines' | 'findings' | 'events'> &
    Partial<Pick<RecommendationDetail, 'reviews'>>,
  headlineAssessor: string,
): TimelineEntry[] {
  const changesById = new Map(detail.history.map((c) => [c.id, c]));
  const deadlinesById = new Map(detail.deadlines.map((d) => [d.id, d]));
  const entries: Array<TimelineEntry & { tie: number }> = [];

  for (const event of detail.events) {
    entries.push({ kind: 'event', date: event.occurredOn, precision: 'day', anchor: eventAnchor(event.slug), event, tie: 0 });
  }
  for (const change of detail.history) {
    entries.push({
      kind: 'status',
      date: change.effectiveOn,
      precision: change.effectivePrecision,
      anchor: statusAnchor(change.id),
      change,
      retractedBy: change.retractedBy !== null ? (changesById.get(change.retractedBy) ?? null) : null,
      retracts: change.retracts !== null ? (changesById.get(change.retracts) ?? null) : null,
      isHeadline: change.assessor.slug === headlineAssessor,
      tie: change.id,
    });
  }
  for (const deadline of detail.deadlines) {
    entries.push({
      kind: 'deadline',
      date: lastDayOfDue(deadline.due) ?? deadline.closesAt.slice(0, 10),
      precision: 'day',
      anchor: deadlineAnchor(deadline.slug),
      deadline,
      extends: deadline.extends ? (deadlinesById.get(deadline.extends.id) ?? null) : null,
      extendedBy: deadline.extendedBy ? (deadlinesById.get(deadline.extendedBy.id) ?? null) : null,
      tie: deadline.id,
    });
  }
  for (const review of detail.reviews ?? []) {
    entries.push({
      kind: 'review',
      date: review.reviewedOn,
      precision: 'day',
      anchor: reviewAnchor(review.slug),
      review,
      tie: review.id,
    });
  }
  for (const finding of detail.findings) {
    entries.push({
      kind: 'finding',
      date: finding.filedOn ?? finding.periodEnd,
      precision: 'day',
      anchor: findingAnchor(finding.slug),
      finding,
      placedOn: finding.filedOn ? 'filed' : 'period-end',
      deadlinesClosedInPeriod: (finding.deadlinesClosedInPeriod ?? [])
        .map((ref) => deadlinesById.get(ref.id))
        .filter((d): d is DeadlineView => d !== undefined),
      tie: finding.id,
    });
  }
  entries.sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    return a.tie - b.tie;
  });
  return entries.map(({ tie: _tie, ...entry }) => entry as TimelineEntry);
}

/** A piece of the item page's timeline: one entry, or a run of context events folded together. */
export type TimelineGroup =
  { folded: false; entry: TimelineEntry } | { folded: true; entries: TimelineEntry[]; from: string; to: string };

/**
 * Folds each run of at least `minRun` consecutive events (context the item shares with the story,
 * not its own record) into one group, so the page shows the item's own entries first and the
 * context on request. Order is kept; nothing is dropped.
 */
export function foldContextEvents(entries: TimelineEntry[], minRun = 2): TimelineGroup[] {
  const groups: TimelineGroup[] = [];
  let run: TimelineEntry[] = [];
  const flush = () => {
    if (run.length >= minRun) groups.push({ folded: true, entries: run, from: run[0].date, to: run[run.length - 1].date });
    else for (const entry of run) groups.push({ folded: false, entry });
    run = [];
  };
  for (const entry of entries) {
    if (entry.kind === 'event') {
      run.push(entry);
      continue;
    }
    flush();
    groups.push({ folded: false, entry });
  }
  flush();
  return groups;
}
