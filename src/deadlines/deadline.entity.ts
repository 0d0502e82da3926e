import { Column, Entity, Index } from 'typeorm';
import {
  DateColumn,
  IdColumn,
  InstantColumn,
  NoteColumn,
  References,
  SlugColumn,
  VersionedEntity,
} from '../common/entities/columns';
import { Actor } from '../catalog/actors/actor.entity';
import { EMBED_EVIDENCE, Evidence } from '../common/entities/evidence.embedded';
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
export class Deadline extends VersionedEntity {
  @SlugColumn('uq_deadline_slug', 200)
  slug: string;

  @IdColumn('recommendation_id')
  recommendationId: number;

  @References(() => Recommendation, 'recommendation_id')
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
  @DateColumn()
  due: string;

  @Column({ type: 'varchar', length: 10 })
  precision: DeadlinePrecision;

  @InstantColumn('closes_at')
  closesAt: Date;

  @IdColumn('set_by_id', { nullable: true })
  setById: number | null;

  @References(() => Actor, 'set_by_id', { nullable: true })
  setBy: Actor | null;

  /** When the deadline was set (promised, ordered); before that it did not exist. */
  @DateColumn('set_on', { nullable: true })
  setOn: string | null;

  @IdColumn('source_id', { nullable: true })
  sourceId: number | null;

  @References(() => Source, 'source_id', { nullable: true })
  source: Source | null;

  @Column({ type: 'varchar', length: 30 })
  authority: DeadlineAuthority;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  state: DeadlineState;

  @DateColumn('met_on', { nullable: true })
  metOn: string | null;

  /** For a missed deadline: when the thing was done anyway (fixes "done N days late"). */
  @DateColumn('fulfilled_on', { nullable: true })
  fulfilledOn: string | null;

  /** When it stopped being open (met, partly met, missed, extended, withdrawn; not unknown); drives asOf views. */
  @DateColumn('settled_on', { nullable: true })
  settledOn: string | null;

  @IdColumn('extended_by_id', { nullable: true })
  extendedById: number | null;

  @References(() => Deadline, 'extended_by_id', { nullable: true })
  extendedBy: Deadline | null;

  @Column(() => Evidence, EMBED_EVIDENCE)
  evidence: Evidence;

  @NoteColumn()
  note: string | null;
}
