import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

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
export class Source {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_source_slug', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Index('ix_source_kind')
  @Column({ type: 'varchar', length: 40 })
  kind: SourceKind;

  @Column({ type: 'varchar', length: 300, nullable: true })
  publisher: string | null;

  @Column({ name: 'published_on', type: 'varchar', length: 10, nullable: true })
  publishedOn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ name: 'archived_url', type: 'varchar', length: 2000, nullable: true })
  archivedUrl: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
