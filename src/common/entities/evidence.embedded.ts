/**
 * Proof, the same wherever it is kept (status changes, deadline outcomes and their revisions,
 * reviews): the source it is about, the document it was actually read in when that is another
 * (`via`), a URL, a verbatim excerpt and a pinpoint. Embedded without a prefix, so every table
 * keeps the column names evidence_source_id, evidence_via_id, evidence_url, evidence_excerpt and
 * evidence_pinpoint that the queries use.
 */
import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { Source } from '../../catalog/sources/source.entity';

export class Evidence {
  @Column({ name: 'evidence_source_id', type: 'integer', nullable: true })
  sourceId: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'evidence_source_id' })
  source: Source | null;

  /** The document the excerpt was actually read in, when that is not `source`. */
  @Column({ name: 'evidence_via_id', type: 'integer', nullable: true })
  viaId: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'evidence_via_id' })
  via: Source | null;

  @Column({ name: 'evidence_url', type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ name: 'evidence_excerpt', type: 'text', nullable: true })
  excerpt: string | null;

  @Column({ name: 'evidence_pinpoint', type: 'varchar', length: 200, nullable: true })
  pinpoint: string | null;
}

/** How an entity embeds its evidence: `@Column(() => Evidence, EMBED_EVIDENCE) evidence: Evidence`. */
export const EMBED_EVIDENCE = { prefix: false } as const;
