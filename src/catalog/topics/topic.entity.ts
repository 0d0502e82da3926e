import { Column, Entity } from 'typeorm';
import { IdEntity, SlugColumn } from '../../common/entities/columns';

/** A subject area that recommendations are filed under (foot pursuits, accountability…). */
@Entity('topic')
export class Topic extends IdEntity {
  @SlugColumn('uq_topic_slug', 120)
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
