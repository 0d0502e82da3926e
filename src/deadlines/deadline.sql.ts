/**
 * SQL fragments of the deadline reads, shared by the repositories that read deadlines
 * (deadlines.repository.ts, recommendations.repository.ts). A DeadlineRow (deadline-view.ts) is what
 * DEADLINE_COLUMNS with DEADLINE_JOINS produces from `deadline d`.
 */
import { Reads, RECORD_READS } from '../common/cache/read-cache';

/** The SELECT list that produces a DeadlineRow from `deadline d`. */
export const DEADLINE_COLUMNS = `
  d.id AS "id", d.slug AS "slug", d.recommendation_id AS "recommendationId",
  r.slug AS "recommendationSlug", r.title AS "recommendationTitle",
  d.label AS "label", d.label_is_verbatim AS "labelIsVerbatim", d.label_attribution AS "labelAttribution",
  d.date_inferred AS "dateInferred", d.fulfilled_on AS "fulfilledOn", d.due AS "due", d.precision AS "precision", d.closes_at AS "closesAt",
  d.state AS "state", d.met_on AS "metOn", d.settled_on AS "settledOn", d.set_on AS "setOn",
  d.authority AS "authority", d.note AS "note", d.version AS "version",
  sb.slug AS "setBySlug", sb.name AS "setByName",
  s.slug AS "sourceSlug", s.title AS "sourceTitle",
  xb.slug AS "extendedBySlug", d.extended_by_id AS "extendedById",
  xo.id AS "extendsId", xo.slug AS "extendsSlug",
  es.slug AS "evidenceSourceSlug", es.title AS "evidenceSourceTitle",
  ev.slug AS "evidenceViaSlug", ev.title AS "evidenceViaTitle",
  d.evidence_url AS "evidenceUrl", d.evidence_excerpt AS "evidenceExcerpt", d.evidence_pinpoint AS "evidencePinpoint"`;

/**
 * The tables (versions, table-versions.sql.ts) a DeadlineRow is read from: the deadline and those it
 * extends or is extended by, who set it, its sources, and its item by id, slug and title alone
 * ('recommendation_ref', which a status change does not move). A filter that reads more of the item
 * (`responsible`) reads 'recommendation' too.
 */
export const DEADLINE_ROW_READS: Reads = ['deadline', 'actor', 'source', 'recommendation_ref'];

/**
 * What a deadline list with these filters reads (DeadlinesService, DeadlinesRepository): the rows,
 * with the item's responsible actor when filtered by it (r.responsible_id); the record as known at
 * an instant reads the revisions and retractions too (known-at.ts): all of it, to be safe.
 */
export function deadlineListReads(filters: { responsible?: string; knownAt?: string }): Reads {
  if (filters.knownAt !== undefined) return RECORD_READS;
  return filters.responsible !== undefined ? [...DEADLINE_ROW_READS, 'recommendation'] : DEADLINE_ROW_READS;
}

/** The joins DEADLINE_COLUMNS needs. */
export const DEADLINE_JOINS = `
  JOIN recommendation r ON r.id = d.recommendation_id
  LEFT JOIN actor sb ON sb.id = d.set_by_id
  LEFT JOIN source s ON s.id = d.source_id
  LEFT JOIN deadline xb ON xb.id = d.extended_by_id
  LEFT JOIN deadline xo ON xo.extended_by_id = d.id
  LEFT JOIN source es ON es.id = d.evidence_source_id
  LEFT JOIN source ev ON ev.id = d.evidence_via_id`;

/**
 * SQL for "this deadline was open on :asOf" (the pure rules are deadlineStateAsOf and, for an
 * unknown outcome, assessDeadline: open until its close). Parameters: openAsOfParams(asOf, instant).
 * Never NULL (a NULL would make `NOT (...)` drop the row): a missing settling date compares as ''.
 * deadline-predicates.e2e-spec.ts checks it against the pure rules on generated deadlines.
 */
export const DEADLINE_OPEN_AS_OF = `((d.set_on IS NULL OR d.set_on <= ?) AND (d.state = 'open'
  OR (d.state = 'unknown' AND d.closes_at >= ?) OR COALESCE(d.settled_on, d.met_on, '') > ?))`;

/** The parameters of DEADLINE_OPEN_AS_OF: the asOf date and the instant it is evaluated at (its end). */
export const openAsOfParams = (asOf: string, instant: string) => [asOf, instant, asOf];
