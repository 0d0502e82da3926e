import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

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
export class Actor {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_actor_slug', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  kind: ActorKind;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
