// How the dashboard words dates, deadlines and numbers for readers. Pure functions: the templates
// call them through the renderer's `h` helpers, and they return plain text (the templates escape it).

import { parseDue } from '../deadlines/deadline-clock';
import type { DeadlinePrecision } from '../deadlines/deadline-clock';
import type { DeadlineView } from '../deadlines/deadline-view';
import { STATUS_DESCRIPTIONS, STATUS_LABELS, isStatus } from '../recommendations/status-vocabulary';

const MONTHS = [
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

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

function instantFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = instantFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h12',
    });
    instantFormatters.set(timeZone, f);
  }
  return f;
}

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

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
}

/** "1 day", "12 days", "1,204 days". */
export function days(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'day' : 'days'}`;
}

/** "1 item", "3 items" — any noun with a regular plural. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n)} ${n === 1 ? noun : plural}`;
}

/** A ratio as a whole percentage, or an em dash when there is nothing to weigh. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)} %`;
}

export function statusLabel(status: string): string {
  return isStatus(status) ? STATUS_LABELS[status] : status;
}

export function statusDescription(status: string): string {
  return isStatus(status) ? STATUS_DESCRIPTIONS[status] : '';
}

/** A vocabulary value for readers: "disciplinary_recommendation" → "Disciplinary recommendation". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Visual tone of a deadline outcome; the CSS colours it, the text always says it. */
export type DeadlineTone = 'overdue' | 'open' | 'met' | 'late' | 'missed' | 'extended' | 'withdrawn';

/**
 * What happened to a deadline, in one short phrase: "Overdue: 12 days late", "Open: 30 days left",
 * "Met on time, May 26, 2021", "Met late, June 11, 2021 (11 days late)", "Missed (1,204 days since it
 * closed)", "Extended", "Withdrawn".
 */
export function deadlineOutcome(
  d: Pick<DeadlineView, 'state' | 'overdue' | 'daysLate' | 'daysRemaining' | 'metOn' | 'metLate'>,
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
        text: d.daysRemaining === null || d.daysRemaining === 0 ? 'Open: closes today' : `Open: ${days(d.daysRemaining)} left`,
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
    case 'missed':
      return { tone: 'missed', text: d.daysLate ? `Missed (${days(d.daysLate)} since it closed)` : 'Missed' };
    case 'extended':
      return { tone: 'extended', text: 'Extended: replaced by a later deadline' };
    case 'withdrawn':
      return { tone: 'withdrawn', text: 'Withdrawn' };
  }
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
    none: 'No compliance',
    preliminary: 'Preliminary compliance',
    secondary: 'Secondary compliance',
    full: 'Full compliance',
  };
  return level === null ? 'Level not known' : (words[level] ?? humanize(level));
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
