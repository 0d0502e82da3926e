import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value facts about the database itself, e.g. the time zone stored close instants use. */
@Entity('tracker_meta')
export class TrackerMeta {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
