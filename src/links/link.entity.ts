import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Recommendation } from '../recommendations/recommendation.entity';

export const LINK_TYPES = ['implements', 'restates', 'supersedes', 'related'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A crosswalk between two recommendations ("the decree paragraph implements the DOJ finding"). */
@Entity('link')
@Index('uq_link', ['fromId', 'toId', 'type'], { unique: true })
@Index('ix_link_to', ['toId'])
export class Link {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'from_id', type: 'integer' })
  fromId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'from_id' })
  from: Recommendation;

  @Column({ name: 'to_id', type: 'integer' })
  toId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'to_id' })
  to: Recommendation;

  @Column({ type: 'varchar', length: 20 })
  type: LinkType;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @VersionColumn()
  version: number;

  /** When the tracker recorded the link (server time); `knownAt` views leave out later ones. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 24, default: () => `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
  recordedAt: string;
}
