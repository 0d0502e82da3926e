import { Column, Entity } from 'typeorm';
import { SlugColumn, VersionedEntity } from '../../common/entities/columns';

export const ACTOR_KINDS = [
  'agency',
  'official',
  'court',
  'monitor',
  'oversight_agency',
  'community',
  'federal',
  'tracker',
  'other',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The slug of the actor whose assessment is the headline status. */
export const HEADLINE_ASSESSOR = 'tracker-editors';

/** A body or person that is responsible, promises, or assesses. */
@Entity('actor')
export class Actor extends VersionedEntity {
  @SlugColumn('uq_actor_slug', 120)
  slug: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  kind: ActorKind;
}
