// How the site words dates, deadlines, statuses and numbers for readers: the dashboard, the
// subscription pages, the feeds and the emails. Pure functions: the templates call them through the
// renderer's `h` helpers, and they return plain text (the templates escape it).

import { zoneFormatter } from '../common/time/local-date';
import { parseDue } from '../deadlines/rules/deadline-clock';
import type { DeadlinePrecision } from '../deadlines/rules/deadline-clock';
import type { DeadlineView } from '../deadlines/deadline-view';
import { STATUS_DESCRIPTIONS, STATUS_LABELS, isStatus } from '../recommendations/rules/status-vocabulary';

/** The month names, January first (the generated benchmark data words its deadlines with them too). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const QUARTER_MONTHS = ['January–March', 'April–June', 'July–September', 'October–December'];

/** A calendar date (`YYYY-MM-DD`) in words, to the precision it is known: "May 26, 2021", "May 2021", "2021". */
export function formatDate(date: string | null | undefined, precision: string = 'day'): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const year = String(Number(m[1]));
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return date;
  if (precision === 'year') return year;
  if (precision === 'month') return `${month} ${year}`;
  return `${month} ${Number(m[3])}, ${year}`;
}

/** A month key (`YYYY-MM`) in words: "May 2021". */
export function formatMonth(month: string): string {
  return formatDate(`${month}-01`, 'month');
}

/** A deadline's `due` as stated, in words: "May 2021", "July–September 2021 (Q3)", "2022", "September 3, 2021". */
export function formatDue(due: string, precision: DeadlinePrecision): string {
  const period = parseDue(due);
  if (!period) return due;
  switch (precision) {
    case 'day':
      return formatDate(period.firstDay);
    case 'month':
      return formatDate(period.firstDay, 'month');
    case 'quarter': {
      const q = Number(due.slice(-1));
      return `${QUARTER_MONTHS[q - 1]} ${Number(due.slice(0, 4))} (Q${q})`;
    }
    case 'year':
      return String(Number(due));
  }
}

/** The last calendar day of a deadline's period (the day its timeline entry sits on), or null. */
export function lastDayOfDue(due: string): string | null {
  return parseDue(due)?.lastDay ?? null;
}

const instantFormatter = zoneFormatter({
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

/** An instant on the wall clock of `timeZone`: "12:00 a.m. June 1, 2021". */
export function formatInstant(instant: string | Date, timeZone: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const parts: Record<string, string> = {};
  for (const p of instantFormatter(timeZone).formatToParts(date)) parts[p.type] = p.value;
  const period = parts.dayPeriod?.toUpperCase() === 'PM' ? 'p.m.' : 'a.m.';
  return `${Number(parts.hour)}:${parts.minute} ${period} ${MONTHS[Number(parts.month) - 1]} ${Number(parts.day)}, ${parts.year}`;
}

/** When a deadline closes, with the zone named: "closes 12:00 a.m. June 1, 2021 (America/Chicago)". */
export function formatCloses(closesAt: string, timeZone: string, past = false): string {
  return `${past ? 'closed' : 'closes'} ${formatInstant(closesAt, timeZone)} (${timeZone})`;
}

/** One formatter for every call: building one per call is slow enough to show in bulk email. */
const numberFormatter = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatNumber(n: number): string {
  return numberFormatter.format(n);
}

/** "1 day", "12 days", "1,204 days". */
export function days(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'day' : 'days'}`;
}

/**
 * What is left of an open deadline, counted as the API's `daysRemaining` counts it (local days to the
 * close instant), so a page, an email and the API give one number: "4 days left", "1 day left".
 */
export function timeLeft(daysRemaining: number | null): string {
  return daysRemaining ? `${days(daysRemaining)} left` : 'closes today';
}

/** "1 item", "3 items" — any noun with a regular plural. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n)} ${n === 1 ? noun : plural}`;
}

/** A ratio as a whole percentage, or an em dash when there is nothing to weigh. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)} %`;
}

/** A status in words; null (a pure retraction, which states no status) is "No status stated". */
export function statusLabel(status: string | null): string {
  if (status === null) return 'No status stated';
  return isStatus(status) ? STATUS_LABELS[status] : status;
}

export function statusDescription(status: string | null): string {
  return status !== null && isStatus(status) ? STATUS_DESCRIPTIONS[status] : '';
}

/** A vocabulary value for readers: "disciplinary_recommendation" → "Disciplinary recommendation". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SOURCE_KIND_LABELS: Record<string, string> = {
  doj_report: 'DOJ report',
  consent_decree: 'Consent decree',
  monitor_report: 'Monitor report',
  task_force_report: 'Task force report',
  official_statement: 'Official statement',
  court_order: 'Court order',
  oversight_report: 'Oversight report',
  community_demand: 'Community demand',
  news_report: 'News report',
  policy_document: 'Policy document',
  other: 'Other',
};

/** A source kind in words, acronyms kept: "doj_report" → "DOJ report". */
export function sourceKindLabel(kind: string): string {
  return SOURCE_KIND_LABELS[kind] ?? humanize(kind);
}

/** Visual tone of a deadline outcome; the CSS colours it, the text always says it. */
export type DeadlineTone = 'overdue' | 'open' | 'met' | 'late' | 'partly' | 'missed' | 'extended' | 'withdrawn' | 'unknown';

/**
 * What happened to a deadline, in one short phrase: "Overdue: 12 days late", "Open: 30 days left",
 * "Met on time, May 26, 2021", "Met late, June 11, 2021 (11 days late)", "Partly met, on May 26,
 * 2021", "Missed (1,204 days since it closed)", "Missed; done 263 days late (on June 21, 2022)",
 * "Outcome not known (its last day was September 30, 2021)", "Extended", "Withdrawn".
 *
 * An unknown outcome is never overdue and never counted in days: nobody established whether it was
 * met, which is not a finding that it was missed. A partly met deadline is never called "Met".
 */
export function deadlineOutcome(
  d: Pick<DeadlineView, 'state' | 'overdue' | 'daysLate' | 'daysRemaining' | 'metOn' | 'metLate'> &
    Partial<Pick<DeadlineView, 'due' | 'fulfilledOn'>>,
): {
  tone: DeadlineTone;
  text: string;
} {
  switch (d.state) {
    case 'open':
      if (d.overdue) {
        return {
          tone: 'overdue',
          text: d.daysLate ? `Overdue: ${days(d.daysLate)} late` : 'Overdue: closed less than a day ago',
        };
      }
      return {
        tone: 'open',
        text: `Open: ${timeLeft(d.daysRemaining)}`,
      };
    case 'met':
      if (d.metLate === true) {
        return {
          tone: 'late',
          text: `Met late, on ${formatDate(d.metOn)}${d.daysLate ? ` (${days(d.daysLate)} late)` : ''}`,
        };
      }
      if (d.metLate === false) return { tone: 'met', text: `Met on time, on ${formatDate(d.metOn)}` };
      return { tone: 'met', text: 'Met' };
    case 'partly_met':
      if (d.metOn === null) return { tone: 'partly', text: 'Partly met' };
      if (d.metLate === true) {
        return {
          tone: 'partly',
          text: `Partly met, late, on ${formatDate(d.metOn)}${d.daysLate ? ` (${days(d.daysLate)} late)` : ''}`,
        };
      }
      return { tone: 'partly', text: `Partly met, on ${formatDate(d.metOn)}` };
    case 'missed':
      if (d.fulfilledOn) {
        return {
          tone: 'missed',
          text:
            d.daysLate !== null && d.daysLate > 0
              ? `Missed; done ${days(d.daysLate)} late (on ${formatDate(d.fulfilledOn)})`
              : `Missed; done later (on ${formatDate(d.fulfilledOn)})`,
        };
      }
      return { tone: 'missed', text: d.daysLate ? `Missed (${days(d.daysLate)} since it closed)` : 'Missed' };
    case 'unknown': {
      const lastDay = d.due ? lastDayOfDue(d.due) : null;
      return {
        tone: 'unknown',
        text: lastDay ? `Outcome not known (its last day was ${formatDate(lastDay)})` : 'Outcome not known',
      };
    }
    case 'extended':
      return { tone: 'extended', text: 'Extended: replaced by a later deadline' };
    case 'withdrawn':
      return { tone: 'withdrawn', text: 'Withdrawn' };
    default:
      return { tone: 'unknown', text: humanize(String(d.state)) };
  }
}

/**
 * Whose words a deadline's label is. A verbatim label is the setter's own words (shown in quotation
 * marks); any other label is someone else's wording and is never shown as a quote.
 */
export function labelAttribution(d: Pick<DeadlineView, 'labelIsVerbatim' | 'labelAttribution'>): string {
  if (d.labelIsVerbatim) return '';
  const who = d.labelAttribution?.trim();
  return who ? `${who}, not a quote` : "a paraphrase, not the setter's own words";
}

/** A deadline's label as plain text: “quoted” when verbatim, else with whose wording it is. */
export function deadlineLabelText(d: Pick<DeadlineView, 'label' | 'labelIsVerbatim' | 'labelAttribution'>): string {
  return d.labelIsVerbatim ? `“${d.label}”` : `${d.label} (${labelAttribution(d)})`;
}

/**
 * How to name a link to a cited web page: "the document" when it is the source's own address,
 * otherwise the site it is on ("americanbluestheater.com"), so a reprint is never passed off as the
 * original.
 */
export function webLinkLabel(url: string, sourceUrl?: string | null): string {
  if (sourceUrl && sameUrl(url, sourceUrl)) return 'the document';
  try {
    return new URL(url).hostname.replace(/^www\./i, '');
  } catch {
    return 'web page';
  }
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      return `${x.hostname.replace(/^www\./i, '').toLowerCase()}${x.pathname.replace(/\/+$/, '')}${x.search}`;
    } catch {
      return u.trim();
    }
  };
  return norm(a) === norm(b);
}

/** An ISO instant (`2026-11-30T12:00:00Z`, optional milliseconds), as the `knownAt` parameter takes it. */
export const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Whether `value` is a real instant written YYYY-MM-DDTHH:MM:SS(.sss)Z. */
export function isInstant(value: string): boolean {
  const m = INSTANT_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Plain-words phrase for a link between two items, from this item's point of view. */
export function linkPhrase(type: string, direction: 'outgoing' | 'incoming'): string {
  const phrases: Record<string, [string, string]> = {
    implements: ['Implements', 'Implemented by'],
    restates: ['Restates', 'Restated by'],
    supersedes: ['Supersedes', 'Superseded by'],
    related: ['Related to', 'Related to'],
  };
  const pair = phrases[type] ?? [humanize(type), humanize(type)];
  return direction === 'outgoing' ? pair[0] : pair[1];
}

/** The finding level in words. */
export function findingLevel(level: string | null): string {
  const words: Record<string, string> = {
    none: 'Not in compliance',
    preliminary: 'Preliminary compliance',
    secondary: 'Secondary compliance',
    full: 'Full compliance',
  };
  return level === null ? 'Level not stated in the sources' : (words[level] ?? humanize(level));
}

/** Whether `url` is a plain http(s) URL that is safe to put in an href. */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `?a=1&status=x&status=y`, or '' when there is nothing to add. */
export function queryString(params: Record<string, string | number | boolean | string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
