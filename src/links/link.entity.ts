import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { IdColumn, IdEntity, NoteColumn, References } from '../common/entities/columns';
import { Recommendation } from '../recommendations/recommendation.entity';

export const LINK_TYPES = ['implements', 'restates', 'supersedes', 'related'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A crosswalk between two recommendations ("the decree paragraph implements the DOJ finding"). */
@Entity('link')
@Index('uq_link', ['fromId', 'toId', 'type'], { unique: true })
@Index('ix_link_to', ['toId'])
export class Link extends IdEntity {
  @IdColumn('from_id')
  fromId: number;

  @References(() => Recommendation, 'from_id')
  from: Recommendation;

  @IdColumn('to_id')
  toId: number;

  @References(() => Recommendation, 'to_id')
  to: Recommendation;

  @Column({ type: 'varchar', length: 20 })
  type: LinkType;

  @NoteColumn()
  note: string | null;

  @VersionColumn()
  version: number;

  /** When the tracker recorded the link (server time); `knownAt` views leave out later ones. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 24, default: () => `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
  recordedAt: string;
}
