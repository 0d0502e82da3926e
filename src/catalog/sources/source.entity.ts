import { Column, Entity, Index } from 'typeorm';
import { DateColumn, NoteColumn, SlugColumn, VersionedEntity } from '../../common/entities/columns';

export const SOURCE_KINDS = [
  'doj_report',
  'consent_decree',
  'monitor_report',
  'task_force_report',
  'official_statement',
  'court_order',
  'oversight_report',
  'community_demand',
  'news_report',
  'policy_document',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A document or statement that recommendations, evidence and findings cite. */
@Entity('source')
export class Source extends VersionedEntity {
  @SlugColumn('uq_source_slug', 120)
  slug: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Index('ix_source_kind')
  @Column({ type: 'varchar', length: 40 })
  kind: SourceKind;

  @Column({ type: 'varchar', length: 300, nullable: true })
  publisher: string | null;

  @DateColumn('published_on', { nullable: true })
  publishedOn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ name: 'archived_url', type: 'varchar', length: 2000, nullable: true })
  archivedUrl: string | null;

  @NoteColumn()
  note: string | null;
}
