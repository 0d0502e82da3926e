// Which status is current: per assessor, the headline, and who disagrees, from the append-only list
// of status changes (with retractions), optionally as of a past date.

import { isIsoDate } from '../../common/time/local-date';
import type { Status } from './status-vocabulary';

export interface StatusEntry {
  id: number;
  /** null for a pure retraction: it withdraws `retracts` and states no status of its own. */
  status: Status | null;
  /** The date in the world the status holds from. */
  effectiveOn: string;
  /** When the tracker recorded it. */
  recordedAt: Date;
  /** Slug of the actor making the assessment. */
  assessor: string;
  /** Id of an earlier entry this one withdraws. */
  retracts: number | null;
}

export interface AssessmentRow {
  assessor: string;
  status: Status;
  effectiveOn: string;
  entryId: number;
  isHeadline: boolean;
  disagreesWithHeadline: boolean;
}

/** Recording order: by `recordedAt`, then by id for entries recorded in the same millisecond. */
function recordedBefore(a: StatusEntry, b: StatusEntry): boolean {
  const ta = a.recordedAt.getTime();
  const tb = b.recordedAt.getTime();
  return ta < tb || (ta === tb && a.id < b.id);
}

/**
 * Ids of the entries that are withdrawn: an entry is retracted when some entry that is not itself
 * retracted retracts it. Retracting a retraction therefore reinstates the original, through chains
 * of any length. A `retracts` naming an id not in the list, the entry itself, or an entry recorded
 * after the retraction is ignored: only the past can be corrected, and that keeps chains acyclic.
 * Retraction ignores `asOf`: a mistake was a mistake on every date.
 */
export function retractedIds(entries: StatusEntry[]): Set<number> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  // Every valid retractor is recorded after its target, so walking from the newest entry back
  // settles whether a retractor is live before any of its targets is reached.
  const newestFirst = [...entries].sort((a, b) => (recordedBefore(a, b) ? 1 : recordedBefore(b, a) ? -1 : 0));
  const retracted = new Set<number>();
  for (const entry of newestFirst) {
    if (entry.retracts === null || retracted.has(entry.id)) continue;
    const target = byId.get(entry.retracts);
    if (target && recordedBefore(target, entry)) retracted.add(target.id);
  }
  return retracted;
}

/** Whether `a` supersedes `b` for the same assessor: later effective date, then later record, then higher id. */
function supersedes(a: StatusEntry, b: StatusEntry): boolean {
  if (a.effectiveOn !== b.effectiveOn) return a.effectiveOn > b.effectiveOn;
  const ta = a.recordedAt.getTime();
  const tb = b.recordedAt.getTime();
  if (ta !== tb) return ta > tb;
  return a.id > b.id;
}

/**
 * Each assessor's current entry: among that assessor's non-retracted entries that state a status
 * (pure retractions state none) effective on or before
 * `asOf` (all of them without `asOf`), the latest effective, ties broken by the latest recorded,
 * then the higher id. Ordering by effective date first means a backdated entry, however recently
 * recorded, never overrides a later-effective one.
 */
export function currentByAssessor(entries: StatusEntry[], asOf?: string): Map<string, StatusEntry> {
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw new RangeError(`Invalid asOf date: ${JSON.stringify(asOf)}`);
  }
  const retracted = retractedIds(entries);
  const current = new Map<string, StatusEntry>();
  for (const entry of entries) {
    if (retracted.has(entry.id) || entry.status === null) continue;
    if (asOf !== undefined && entry.effectiveOn > asOf) continue;
    const held = current.get(entry.assessor);
    if (!held || supersedes(entry, held)) current.set(entry.assessor, entry);
  }
  return current;
}

/**
 * The headline status: the current entry of `headlineAssessor` (the tracker's own editors), or
 * `not_assessed` with no entry when they have none as of that date.
 */
export function headline(
  entries: StatusEntry[],
  headlineAssessor: string,
  asOf?: string,
): { status: Status; entry: StatusEntry | null } {
  const entry = currentByAssessor(entries, asOf).get(headlineAssessor) ?? null;
  return { status: entry?.status ?? 'not_assessed', entry };
}

/**
 * Every assessor's current status, the headline assessor first and the others by slug, each marked
 * when it differs from the headline. When the headline assessor has no entry nobody "disagrees":
 * "not yet assessed" is an absence, not a position.
 */
export function assessments(entries: StatusEntry[], headlineAssessor: string, asOf?: string): AssessmentRow[] {
  const current = currentByAssessor(entries, asOf);
  const headlineEntry = current.get(headlineAssessor);
  const others = [...current.keys()]
    .filter((assessor) => assessor !== headlineAssessor)
    // Code-unit order: stable across hosts and locales, like the slugs themselves.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered = headlineEntry ? [headlineAssessor, ...others] : others;
  return ordered.map((assessor) => {
    const entry = current.get(assessor) as StatusEntry;
    const isHeadline = assessor === headlineAssessor;
    return {
      assessor,
      status: entry.status as Status,
      effectiveOn: entry.effectiveOn,
      entryId: entry.id,
      isHeadline,
      disagreesWithHeadline: !isHeadline && headlineEntry !== undefined && entry.status !== headlineEntry.status,
    };
  });
}

/**
 * What one entry did to its assessor's current status, for telling a reader about it: the status
 * that assessor had just before the entry was recorded (`previous`, null when none), and whether the
 * entry is that assessor's current one now (`current`: false for a backdated entry that a
 * later-effective one already supersedes, and for one withdrawn since). Only entries recorded up to
 * this one count for `previous`, so a later correction does not rewrite what the entry changed.
 */
export function entryEffect(entries: StatusEntry[], entryId: number): { previous: StatusEntry | null; current: boolean } | null {
  const target = entries.find((e) => e.id === entryId);
  if (!target) return null;
  const before = entries.filter((e) => recordedBefore(e, target));
  return {
    previous: currentByAssessor(before).get(target.assessor) ?? null,
    current: currentByAssessor(entries).get(target.assessor)?.id === target.id,
  };
}
