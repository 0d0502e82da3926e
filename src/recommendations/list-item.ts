/**
 * One item of the recommendation list (GET /api/v1/recommendations), and the same item as stored
 * JSON text. The write path keeps, per item, the text of everything that depends only on the data
 * (recommendation_list_row, list-rows.repository.ts, in the same transaction as headline_status);
 * a request splices in what depends on the clock (overdue, days late or remaining, stale) from a
 * ListDay, the per-local-day context. The stored parts are cut from the objects toListItem and
 * toDeadlineView build, so the spliced text equals JSON.stringify of the item built in full
 * (test/e2e/list-rows.e2e-spec.ts compares them after every kind of write).
 */
import { addDays, daysBetween, localDateOf, startOfLocalDay } from '../common/time/local-date';
import type { DeadlineView } from '../deadlines/deadline-view';
import type { RecommendationListItem } from './dto/recommendation.response';
import type { RecommendationRow } from './recommendations.repository';

/** The list item of a row, with its topics, next open deadline and staleness. */
export function toListItem(
  r: RecommendationRow,
  topics: string[],
  nextDeadline: DeadlineView | null,
  stale: boolean,
): RecommendationListItem {
  return {
    slug: r.slug,
    kind: r.kind,
    title: r.title,
    status: r.status,
    statusAsOf: r.statusAsOf,
    source: { slug: r.sourceSlug, title: r.sourceTitle },
    responsible: r.responsibleSlug ? { slug: r.responsibleSlug, title: r.responsibleName ?? '' } : null,
    topics,
    nextDeadline,
    overdue: nextDeadline?.overdue ?? false,
    reviewedOn: r.reviewedOn,
    stale,
  };
}

/**
 * The stored text of one list item: `head` runs from `{` to the open deadline's members before
 * `overdue` (or to `"nextDeadline":null`); `tail` is the deadline's members after `daysRemaining`,
 * with its closing brace; `closesAt` is the close the clock fields are computed from.
 */
export interface ListRowParts {
  head: string;
  closesAt: string | null;
  tail: string | null;
}

/** `"key":value` for each member, as JSON.stringify writes them (undefined members left out). */
function members(entries: Array<[string, unknown]>): string {
  return entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(',');
}

/** The members of `o` before `first` and after `last` (both must be keys of `o`). */
function around(o: object, first: string, last: string): [Array<[string, unknown]>, Array<[string, unknown]>] {
  const entries = Object.entries(o);
  const keys = entries.map(([k]) => k);
  return [entries.slice(0, keys.indexOf(first)), entries.slice(keys.indexOf(last) + 1)];
}

/**
 * The stored parts of an item: `next` is its next open deadline as toDeadlineView shows it today
 * (state open, so only overdue, daysLate and daysRemaining depend on the clock).
 */
export function listRowParts(r: RecommendationRow, topics: string[], next: DeadlineView | null): ListRowParts {
  const [before] = around(toListItem(r, topics, null, false), 'nextDeadline', 'nextDeadline');
  const head = `{${members(before)},"nextDeadline":`;
  if (!next) return { head: `${head}null`, closesAt: null, tail: null };
  const [open, rest] = around(next, 'overdue', 'daysRemaining');
  return { head: `${head}{${members(open)},`, closesAt: next.closesAt, tail: `,${members(rest)}}` };
}

/** What a deadline close means on one local day. */
interface CloseOnDay {
  ms: number;
  daysLate: number;
  daysRemaining: number;
}

/**
 * The clock of one local day in the tracker's time zone: today's date, the stale cutoff, and each
 * close's day counts (memoized: a page asks about few distinct closes, and they change only at a
 * local midnight, when a new ListDay is made).
 */
export class ListDay {
  readonly staleCutoff: string;
  /** The instants the day starts at and the next day starts at (ms). */
  private readonly startMs: number;
  private readonly endMs: number;
  private readonly closes = new Map<string, CloseOnDay>();

  constructor(
    readonly today: string,
    private readonly timeZone: string,
    private readonly staleAfterDays: number,
  ) {
    // isStale(d) ⟺ daysBetween(d, today) > staleAfterDays ⟺ d < today − staleAfterDays (staleCutoff).
    this.staleCutoff = addDays(today, -staleAfterDays);
    this.startMs = startOfLocalDay(today, timeZone).getTime();
    this.endMs = startOfLocalDay(addDays(today, 1), timeZone).getTime();
  }

  /** The day of `now`: this one while `now` is inside it (no time-zone arithmetic), else a new one. */
  static at(now: Date, timeZone: string, staleAfterDays: number, current?: ListDay): ListDay {
    const ms = now.getTime();
    if (
      current &&
      current.timeZone === timeZone &&
      current.staleAfterDays === staleAfterDays &&
      ms >= current.startMs &&
      ms < current.endMs
    )
      return current;
    return new ListDay(localDateOf(now, timeZone), timeZone, staleAfterDays);
  }

  close(closesAt: string): CloseOnDay {
    let c = this.closes.get(closesAt);
    if (!c) {
      const at = new Date(closesAt);
      const closeDate = localDateOf(at, this.timeZone);
      c = {
        ms: at.getTime(),
        daysLate: Math.max(0, daysBetween(closeDate, this.today)),
        daysRemaining: Math.max(0, daysBetween(this.today, closeDate)),
      };
      this.closes.set(closesAt, c);
    }
    return c;
  }
}

/**
 * The JSON text of one item from its stored parts at `nowMs` on `day` (the rules of assessDeadline
 * for an open deadline and of isStale, which list-item.spec.ts checks against them).
 */
export function writeListItem(parts: ListRowParts, reviewedOn: string | null, day: ListDay, nowMs: number): string {
  let text = parts.head;
  let overdue = false;
  if (parts.closesAt !== null) {
    const c = day.close(parts.closesAt);
    overdue = nowMs > c.ms;
    text += overdue
      ? `"overdue":true,"daysLate":${c.daysLate},"daysRemaining":null`
      : `"overdue":false,"daysLate":null,"daysRemaining":${c.daysRemaining}`;
    text += parts.tail;
  }
  const stale = reviewedOn === null || reviewedOn < day.staleCutoff;
  return `${text},"overdue":${overdue},"reviewedOn":${reviewedOn === null ? 'null' : JSON.stringify(reviewedOn)},"stale":${stale}}`;
}
