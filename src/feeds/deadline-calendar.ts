// How a deadline looks in a calendar. One VEVENT per deadline, UID `deadline-<id>@<host>` for ever.
//
// The event is an all-day event on the deadline's last day in the tracker's time zone: "sometime in
// May" 2021 sits on May 31, a quarter on its last day, a year on December 31. A timed event at the
// close instant would show as 00:00 on the day *after* the period, which reads as the wrong day; a
// whole-month event would cover a calendar for weeks. The exact close instant and the zone are in the
// DESCRIPTION (and X-REFORM-TRACKER-CLOSES-AT), with the original wording and the state.

import { addDays } from '../common/time/local-date';
import { deadlineOutcome, formatCloses, formatDue } from '../presentation/format';
import { parseDue } from '../deadlines/rules/deadline-clock';
import type { DeadlineView } from '../deadlines/deadline-view';

export interface DeadlineEvent {
  id: string;
  /** The deadline's last day (all-day, inclusive) and the day after (exclusive end). */
  start: string;
  end: string;
  allDay: true;
  summary: string;
  description: string;
  url: string;
  stamp: Date;
  sequence: number;
  status: 'CONFIRMED' | 'CANCELLED';
  categories: string[];
  closesAt: string;
}

const AUTHORITY: Record<string, string> = {
  court_order: 'court order',
  law: 'law',
  official_promise: 'official promise',
  agreement: 'agreement',
  self_imposed: 'self-imposed',
};

export function deadlineEvent(
  d: DeadlineView,
  ctx: { baseUrl: string; host: string; timeZone: string; stamp: Date; now: Date },
): DeadlineEvent {
  const period = parseDue(d.due);
  const lastDay = period?.lastDay ?? d.closesAt.slice(0, 10);
  const due = formatDue(d.due, d.precision);
  const closed = new Date(d.closesAt).getTime() <= ctx.now.getTime();
  const url = `${ctx.baseUrl}/recommendations/${encodeURIComponent(d.recommendation.slug)}`;
  const who = [d.setBy?.title, AUTHORITY[d.authority] ?? d.authority].filter(Boolean).join(', ');
  // Quotation marks only around the setter's own words; a paraphrase says whose wording it is.
  const label = d.labelIsVerbatim ? `“${d.label}”` : d.label;
  const description = [
    `${d.recommendation.title}`,
    d.labelIsVerbatim
      ? `Deadline, in the original words: ${label}${who ? ` (${who})` : ''}.`
      : `Deadline, as worded by ${d.labelAttribution ?? 'others'}: ${label}${who ? ` (${who})` : ''}.`,
    ...(d.dateInferred ? [`Due date inferred: ${d.dateInferred}`] : []),
    `Due: ${due}. ${formatCloses(d.closesAt, ctx.timeZone, closed).replace(/^c/, 'C')}.`,
    `State: ${deadlineOutcome(d).text}.`,
    ...(d.extendedBy ? [`Replaced by a later deadline (${d.extendedBy.slug}).`] : []),
    ...(d.source ? [`Stated in: ${d.source.title}.`] : []),
    url,
  ].join('\n');
  return {
    id: `deadline-${d.id}@${ctx.host}`,
    start: lastDay,
    end: addDays(lastDay, 1),
    allDay: true,
    summary: `${d.recommendation.title}: ${label} (${due})`,
    description,
    url,
    stamp: ctx.stamp,
    sequence: Math.max(0, d.version - 1),
    status: d.state === 'withdrawn' || d.state === 'extended' ? 'CANCELLED' : 'CONFIRMED',
    categories: [d.overdue ? 'overdue' : d.state],
    closesAt: d.closesAt,
  };
}
