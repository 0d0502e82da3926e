// A topic's story for its page (/topics/{slug}) and its share image: one lane per item with its
// headline-status spans and its dated marks (status changes, deadlines with their outcome, monitor
// findings), one lane of context events shared by the items, the topic's progress and a short
// summary whose every line is a recorded fact with its source. Pure: the service feeds it the items
// as the API gives them (RecommendationsService.detail), so the page and the API always agree.

import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import type { RefView } from '../common/views';
import type { DeadlineView } from '../deadlines/deadline-view';
import {
  deadlineOutcome,
  deadlineLabelText,
  DeadlineTone,
  findingLevel,
  formatDate,
  formatDue,
  lastDayOfDue,
  statusLabel,
} from '../presentation/format';
import type { RecommendationDetail, StatusChangeView } from '../recommendations/dto/recommendation.response';
import { headline, StatusEntry } from '../recommendations/rules/current-status';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { STATUSES } from '../recommendations/rules/status-vocabulary';
import { weightedProgress } from '../stats/rules/progress';
import { deadlineAnchor, eventAnchor, findingAnchor, statusAnchor } from './timeline';

export type MarkKind = 'status' | 'deadline' | 'finding' | 'event' | 'policy';

/** One dated thing on a lane, with its words (the SVG's tooltip and the text version's line). */
export interface StoryMark {
  kind: MarkKind;
  /** Where it sits on the time axis (YYYY-MM-DD). */
  date: string;
  /** The date in words, to its precision ("May 2021"), with "date inferred" when it is. */
  when: string;
  text: string;
  /** Where the full entry is (the item page's timeline, or the source). */
  href: string;
  /** Deadlines: the outcome's tone (met, late, partly, missed, open, overdue, extended…). */
  tone?: DeadlineTone;
  /** A deadline met or done after it closed: the day it was done (drawn as a span from the close). */
  doneOn?: string | null;
  /** A monitor finding rated lower than the period before. */
  regression?: boolean;
}

/** A stretch of time an item's headline status held. */
export interface StatusSpan {
  from: string;
  to: string;
  status: Status;
}

export interface StoryLane {
  slug: string;
  title: string;
  kind: string;
  status: Status;
  statusAsOf: string | null;
  href: string;
  spans: StatusSpan[];
  marks: StoryMark[];
}

/** A line of the summary: the words, and the sources they rest on. */
export interface StoryFact {
  text: string;
  sources: RefView[];
  href?: string;
}

export interface TopicStory {
  lanes: StoryLane[];
  /** Context events, each once (an event tied to several items is one mark). */
  context: StoryMark[];
  /** The time axis: the first mark and the day the story is told as of. */
  start: string;
  end: string;
  progress: {
    score: number;
    total: number;
    ratio: number | null;
    remaining: number;
    counts: Array<{ status: Status; count: number }>;
  };
  facts: StoryFact[];
}

const itemPath = (slug: string) => `/recommendations/${encodeURIComponent(slug)}`;

function when(date: string, precision = 'day', inferred: string | null = null): string {
  return `${formatDate(date, precision)}${inferred ? ' (date inferred)' : ''}`;
}

function entriesOf(history: StatusChangeView[]): StatusEntry[] {
  return history.map((c) => ({
    id: c.id,
    status: c.status,
    effectiveOn: c.effectiveOn,
    recordedAt: new Date(c.recordedAt),
    assessor: c.assessor.slug,
    retracts: c.retracts,
  }));
}

/**
 * The headline status over time, by the current-status rule itself: at each date a headline change
 * takes effect, the headline as of that date; a span lasts until the next such date, the last until `end`.
 */
export function statusSpans(history: StatusChangeView[], end: string): StatusSpan[] {
  const entries = entriesOf(history);
  const dates = [
    ...new Set(history.filter((c) => c.assessor.slug === HEADLINE_ASSESSOR && c.effectiveOn <= end).map((c) => c.effectiveOn)),
  ].sort();
  const spans: StatusSpan[] = [];
  dates.forEach((from, i) => {
    const status = headline(entries, HEADLINE_ASSESSOR, from).status;
    const last = spans[spans.length - 1];
    if (last && last.status === status) last.to = dates[i + 1] ?? end;
    else spans.push({ from, to: dates[i + 1] ?? end, status });
  });
  return spans;
}

/** The date a deadline was done after it closed, when it was (met late, partly met late, or missed and done later). */
function doneLateOn(d: DeadlineView): string | null {
  if (d.state === 'missed' && d.fulfilledOn) return d.fulfilledOn;
  if ((d.state === 'met' || d.state === 'partly_met') && d.metLate && d.metOn) return d.metOn;
  return null;
}

function deadlineText(d: DeadlineView, all: DeadlineView[]): string {
  const outcome = deadlineOutcome(d);
  const replacement = d.extendedBy ? all.find((x) => x.id === d.extendedBy?.id) : undefined;
  const extended = replacement
    ? `, ${deadlineLabelText(replacement)} (${formatDue(replacement.due, replacement.precision)})`
    : '';
  const setBy = d.setBy ? `, set by ${d.setBy.title}` : '';
  return `Deadline ${deadlineLabelText(d)} (${formatDue(d.due, d.precision)}${d.dateInferred ? ', date inferred' : ''}${setBy}): ${outcome.text}${extended}`;
}

function laneOf(item: RecommendationDetail, end: string): StoryLane {
  const path = itemPath(item.slug);
  const marks: StoryMark[] = [];
  for (const c of item.history) {
    if (c.retracted || c.status === null || c.effectiveOn > end) continue;
    marks.push({
      kind: 'status',
      date: c.effectiveOn,
      when: when(c.effectiveOn, c.effectivePrecision, c.dateInferred),
      text: `${c.assessor.title}: ${statusLabel(c.status)}`,
      href: `${path}#${statusAnchor(c.id)}`,
    });
  }
  for (const d of item.deadlines) {
    const date = lastDayOfDue(d.due);
    if (!date) continue;
    marks.push({
      kind: 'deadline',
      date,
      when: when(date, 'day', d.dateInferred),
      text: deadlineText(d, item.deadlines),
      href: `${path}#${deadlineAnchor(d.slug)}`,
      tone: deadlineOutcome(d).tone,
      doneOn: doneLateOn(d),
    });
  }
  for (const f of item.findings) {
    const date = f.filedOn ?? f.periodEnd;
    marks.push({
      kind: 'finding',
      date,
      when: when(date),
      text: `Monitor finding by ${f.assessor.title} for ${formatDate(f.periodStart)} to ${formatDate(f.periodEnd)}: ${findingLevel(f.level)}${f.regression ? ' (a regression)' : ''}${f.deadlineMet === null ? '' : f.deadlineMet ? '; deadline met' : '; deadline not met'}`,
      href: `${path}#${findingAnchor(f.slug)}`,
      regression: f.regression,
    });
  }
  marks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    slug: item.slug,
    title: item.title,
    kind: item.kind,
    status: item.status,
    statusAsOf: item.statusAsOf,
    href: path,
    spans: statusSpans(item.history, end),
    marks,
  };
}

/**
 * The story of `topic` told from its items, as of `end` (the asOf date, or today's local date).
 * `sourceKinds` names each source's kind: an event reported by a policy document is a policy mark.
 * Lanes are in the order the items came into the world (issuedOn, then title).
 */
export function buildTopicStory(
  topic: { name: string },
  items: RecommendationDetail[],
  end: string,
  sourceKinds: ReadonlyMap<string, string>,
): TopicStory {
  const ordered = [...items].sort(
    (a, b) =>
      (a.issuedOn ?? '9999').localeCompare(b.issuedOn ?? '9999') ||
      a.title.localeCompare(b.title) ||
      a.slug.localeCompare(b.slug),
  );
  const lanes = ordered.map((item) => laneOf(item, end));

  const events = new Map<string, StoryMark>();
  for (const item of ordered) {
    for (const e of item.events) {
      if (events.has(e.slug) || e.occurredOn > end) continue;
      const policy = sourceKinds.get(e.source.slug) === 'policy_document';
      events.set(e.slug, {
        kind: policy ? 'policy' : 'event',
        date: e.occurredOn,
        when: when(e.occurredOn, 'day', e.dateInferred),
        text: `${policy ? 'Policy' : 'Event'}: ${e.title}`,
        href: `${itemPath(item.slug)}#${eventAnchor(e.slug)}`,
      });
    }
  }
  const context = [...events.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const dates = [
    ...ordered.flatMap((i) => (i.issuedOn && i.issuedOn <= end ? [i.issuedOn] : [])),
    ...lanes.flatMap((l) => [...l.marks.map((m) => m.date), ...l.spans.map((s) => s.from)]),
    ...context.map((m) => m.date),
  ];
  const start = dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : end;

  const p = weightedProgress(items.map((i) => ({ status: i.status, weight: i.weight })));
  const counts = STATUSES.map((status) => ({ status, count: items.filter((i) => i.status === status).length })).filter(
    (c) => c.count > 0,
  );
  const progress = {
    score: p.score,
    total: p.total,
    ratio: p.ratio,
    remaining: items.filter((i) => i.status !== 'implemented').length,
    counts,
  };

  return { lanes, context, start, end: end < start ? start : end, progress, facts: facts(topic, ordered, progress) };
}

/** The summary: counts, deadline outcomes, the latest assessment and monitor finding; each with its sources. */
function facts(topic: { name: string }, items: RecommendationDetail[], progress: TopicStory['progress']): StoryFact[] {
  const out: StoryFact[] = [];
  if (items.length === 0) return out;
  const byStatus = progress.counts.map((c) => `${c.count} ${statusLabel(c.status).toLowerCase()}`).join(', ');
  out.push({
    text: `${items.length} ${items.length === 1 ? 'item is' : 'items are'} filed under ${topic.name}: ${byStatus}, in the tracker editors’ assessment.`,
    sources: [],
  });

  const deadlines = items.flatMap((i) => i.deadlines);
  if (deadlines.length) {
    const tally = new Map<string, number>();
    for (const d of deadlines) {
      const label = DEADLINE_TALLY[d.state === 'open' && d.overdue ? 'overdue' : d.state] ?? d.state;
      tally.set(label, (tally.get(label) ?? 0) + 1);
    }
    out.push({
      text: `${deadlines.length} ${deadlines.length === 1 ? 'deadline' : 'deadlines'}: ${[...tally.entries()].map(([label, n]) => `${n} ${label}`).join(', ')}.`,
      sources: [],
    });
    for (const item of items) {
      for (const d of item.deadlines) {
        const tone = deadlineOutcome(d).tone;
        if (tone === 'missed' || tone === 'late' || tone === 'partly' || tone === 'overdue' || d.state === 'extended') {
          const evidence = d.evidence?.source ? [d.evidence.source] : [];
          out.push({
            text: `${item.title}: ${deadlineText(d, item.deadlines)}.`,
            sources: uniqueRefs([...(d.source ? [d.source] : []), ...evidence]),
            href: `${itemPath(item.slug)}#${deadlineAnchor(d.slug)}`,
          });
        }
      }
    }
  }

  const changes = items.flatMap((i) => i.history.filter((c) => !c.retracted && c.status !== null).map((c) => ({ item: i, c })));
  const latest = changes.reduce<(typeof changes)[number] | null>(
    (best, x) =>
      !best || x.c.effectiveOn > best.c.effectiveOn || (x.c.effectiveOn === best.c.effectiveOn && x.c.id > best.c.id) ? x : best,
    null,
  );
  if (latest) {
    out.push({
      text: `Latest status change: ${latest.item.title}: ${statusLabel(latest.c.status)} from ${when(latest.c.effectiveOn, latest.c.effectivePrecision, latest.c.dateInferred)}, according to ${latest.c.assessor.title}.`,
      sources: latest.c.evidence.source ? [latest.c.evidence.source] : [],
      href: `${itemPath(latest.item.slug)}#${statusAnchor(latest.c.id)}`,
    });
  }

  const findings = items.flatMap((i) => i.findings.map((f) => ({ item: i, f })));
  const lastFinding = findings.reduce<(typeof findings)[number] | null>(
    (best, x) => (!best || (x.f.filedOn ?? x.f.periodEnd) > (best.f.filedOn ?? best.f.periodEnd) ? x : best),
    null,
  );
  if (lastFinding) {
    const f = lastFinding.f;
    out.push({
      text: `Latest monitor finding: ${f.assessor.title} rated ${lastFinding.item.title} for ${formatDate(f.periodStart)} to ${formatDate(f.periodEnd)}: ${findingLevel(f.level)}.`,
      sources: [f.report],
      href: `${itemPath(lastFinding.item.slug)}#${findingAnchor(f.slug)}`,
    });
  }
  const unassessed = items.filter((i) => i.status === 'not_assessed').length;
  if (unassessed) {
    out.push({
      text: `${unassessed} ${unassessed === 1 ? 'item has' : 'items have'} not been assessed yet; that says nothing about progress.`,
      sources: [],
    });
  }
  return out;
}

const DEADLINE_TALLY: Record<string, string> = {
  open: 'open',
  overdue: 'overdue',
  met: 'met',
  partly_met: 'partly met',
  missed: 'missed',
  extended: 'extended',
  withdrawn: 'withdrawn',
  unknown: 'with an outcome not known',
};

function uniqueRefs(refs: RefView[]): RefView[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.slug) ? false : (seen.add(r.slug), true)));
}
