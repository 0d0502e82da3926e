/**
 * Proof, the same wherever it is kept (status changes, deadline outcomes and their revisions,
 * reviews): the source it is about, the document it was actually read in when that is another
 * (`via`), a URL, a verbatim excerpt and a pinpoint. Embedded without a prefix, so every table
 * keeps the column names evidence_source_id, evidence_via_id, evidence_url, evidence_excerpt and
 * evidence_pinpoint that the queries use.
 */
import { Column } from 'typeorm';
import { IdColumn, References } from './columns';
import { Source } from '../../catalog/sources/source.entity';

/** The evidence columns alone: what a deadline revision keeps, without foreign keys to `source`. */
export class EvidenceColumns {
  @IdColumn('evidence_source_id', { nullable: true })
  sourceId: number | null;

  /** The document the excerpt was actually read in, when that is not `source`. */
  @IdColumn('evidence_via_id', { nullable: true })
  viaId: number | null;

  @Column({ name: 'evidence_url', type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ name: 'evidence_excerpt', type: 'text', nullable: true })
  excerpt: string | null;

  @Column({ name: 'evidence_pinpoint', type: 'varchar', length: 200, nullable: true })
  pinpoint: string | null;
}

/** The evidence of a live record: its source and via are foreign keys to `source`. */
export class Evidence extends EvidenceColumns {
  @References(() => Source, 'evidence_source_id', { nullable: true })
  source: Source | null;

  @References(() => Source, 'evidence_via_id', { nullable: true })
  via: Source | null;
}

/** How an entity embeds its evidence: `@Column(() => Evidence, EMBED_EVIDENCE) evidence: Evidence`. */
export const EMBED_EVIDENCE = { prefix: false } as const;
