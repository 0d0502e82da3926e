import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Actor } from '../catalog/actors/actor.entity';
import { EMBED_EVIDENCE, Evidence } from '../common/entities/evidence.embedded';
import { instantTransformer } from '../common/entities/timestamps';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Source } from '../catalog/sources/source.entity';
import type { DeadlinePrecision, DeadlineState } from './rules/deadline-clock';

export const DEADLINE_AUTHORITIES = ['court_order', 'law', 'official_promise', 'agreement', 'self_imposed'] as const;
export type DeadlineAuthority = (typeof DEADLINE_AUTHORITIES)[number];

/**
 * A date by which something was promised or ordered, kept in its original wording and precision.
 * `closesAt` is derived from `due`, `precision` and the tracker's time zone and stored for indexing.
 */
@Entity('deadline')
@Index('ix_deadline_state_close', ['state', 'closesAt'])
@Index('ix_deadline_close', ['closesAt'])
@Index('ix_deadline_recommendation', ['recommendationId', 'closesAt'])
@Index('ix_deadline_set_by', ['setById', 'closesAt'])
@Index('ix_deadline_extended_by', ['extendedById'])
// The open deadlines of one page of items (openDeadlinesFor, ordered by recommendation, then close).
@Index('ix_deadline_rec_state_close', ['recommendationId', 'state', 'closesAt'])
// Covers the overdue / due-soon counts of /stats (COUNT DISTINCT recommendation_id) without table reads.
@Index('ix_deadline_state_close_rec', ['state', 'closesAt', 'recommendationId'])
export class Deadline {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_deadline_slug', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @Column({ name: 'recommendation_id', type: 'integer' })
  recommendationId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Recommendation;

  /** The words the deadline was given in: "sometime in May". */
  @Column({ type: 'varchar', length: 500 })
  label: string;

  /** True only when `label` is the setter's own words; otherwise `labelAttribution` says whose they are. */
  @Column({ name: 'label_is_verbatim', type: 'boolean', default: false })
  labelIsVerbatim: boolean;

  /** Whose wording the label is when it is not the setter's own ("FOX 32's paraphrase"). */
  @Column({ name: 'label_attribution', type: 'varchar', length: 300, nullable: true })
  labelAttribution: string | null;

  /** Why `due` is an inference, when it is one; null when the source states it. */
  @Column({ name: 'date_inferred', type: 'text', nullable: true })
  dateInferred: string | null;

  /** As stated: 2021-05, 2021-Q3, 2021-09-03, 2022. */
  @Column({ type: 'varchar', length: 10 })
  due: string;

  @Column({ type: 'varchar', length: 10 })
  precision: DeadlinePrecision;

  @Column({ name: 'closes_at', type: 'varchar', length: 24, transformer: instantTransformer })
  closesAt: Date;

  @Column({ name: 'set_by_id', type: 'integer', nullable: true })
  setById: number | null;

  @ManyToOne(() => Actor, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'set_by_id' })
  setBy: Actor | null;

  /** When the deadline was set (promised, ordered); before that it did not exist. */
  @Column({ name: 'set_on', type: 'varchar', length: 10, nullable: true })
  setOn: string | null;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'source_id' })
  source: Source | null;

  @Column({ type: 'varchar', length: 30 })
  authority: DeadlineAuthority;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  state: DeadlineState;

  @Column({ name: 'met_on', type: 'varchar', length: 10, nullable: true })
  metOn: string | null;

  /** For a missed deadline: when the thing was done anyway (fixes "done N days late"). */
  @Column({ name: 'fulfilled_on', type: 'varchar', length: 10, nullable: true })
  fulfilledOn: string | null;

  /** When it stopped being open (met, partly met, missed, extended, withdrawn; not unknown); drives asOf views. */
  @Column({ name: 'settled_on', type: 'varchar', length: 10, nullable: true })
  settledOn: string | null;

  @Column({ name: 'extended_by_id', type: 'integer', nullable: true })
  extendedById: number | null;

  @ManyToOne(() => Deadline, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'extended_by_id' })
  extendedBy: Deadline | null;

  @Column(() => Evidence, EMBED_EVIDENCE)
  evidence: Evidence;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
