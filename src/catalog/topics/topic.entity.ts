import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A subject area that recommendations are filed under (foot pursuits, accountability…). */
@Entity('topic')
export class Topic {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_topic_slug', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
