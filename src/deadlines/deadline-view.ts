/**
 * The one shape a deadline has everywhere in the API, computed from a stored row and the clock.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { assessDeadline, DEADLINE_PRECISIONS, DEADLINE_STATES } from './rules/deadline-clock';
import type { DeadlinePrecision, DeadlineState } from './rules/deadline-clock';
import { DEADLINE_AUTHORITIES } from './deadline.entity';
import type { DeadlineAuthority } from './deadline.entity';
import { EvidenceRow, EvidenceView, RefView, toEvidenceView } from '../common/views';

/** A deadline row as the repositories read it (snake_case columns aliased to camelCase). */
export interface DeadlineRow extends EvidenceRow {
  id: number;
  slug: string;
  recommendationId: number;
  recommendationSlug: string;
  recommendationTitle: string;
  label: string;
  labelIsVerbatim: number | boolean;
  labelAttribution: string | null;
  dateInferred: string | null;
  due: string;
  precision: DeadlinePrecision;
  closesAt: string;
  state: DeadlineState;
  metOn: string | null;
  fulfilledOn: string | null;
  settledOn: string | null;
  setOn: string | null;
  authority: DeadlineAuthority;
  note: string | null;
  setBySlug: string | null;
  setByName: string | null;
  sourceSlug: string | null;
  sourceTitle: string | null;
  extendedBySlug: string | null;
  extendedById: number | null;
  extendsId: number | null;
  extendsSlug: string | null;
  evidenceSourceSlug: string | null;
  evidenceSourceTitle: string | null;
  evidenceUrl: string | null;
  evidenceExcerpt: string | null;
  evidencePinpoint: string | null;
  version: number;
}

export class DeadlineRefView {
  @ApiProperty({ example: 412 }) id: number;
  @ApiProperty({ example: 'mayor-foot-pursuit-policy-may-2021' }) slug: string;
}

export class DeadlineView {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 'mayor-foot-pursuit-policy-may-2021' }) slug: string;
  @ApiProperty({ type: RefView, description: 'The recommendation this deadline belongs to.' }) recommendation: RefView;
  @ApiProperty({ example: 'sometime in May', description: 'The words the deadline was given in (see labelIsVerbatim).' })
  label: string;
  @ApiProperty({ description: "true: the label is the setter's own words; false: someone else's wording (labelAttribution)." })
  labelIsVerbatim: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: "FOX 32's paraphrase",
    description: 'Whose wording the label is when not verbatim.',
  })
  labelAttribution: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When `due` is an inference, why; null when a source states it.' })
  dateInferred: string | null;
  @ApiProperty({
    example: '2021-05',
    description: 'As stated: 2021-09-03 (day), 2021-05 (month), 2021-Q3 (quarter), 2022 (year).',
  })
  due: string;
  @ApiProperty({ enum: DEADLINE_PRECISIONS }) precision: DeadlinePrecision;
  @ApiProperty({
    example: '2021-06-01T05:00:00.000Z',
    description: 'The instant (UTC) the deadline closes: the end of the last day of its period in the tracker time zone.',
  })
  closesAt: string;
  @ApiProperty({ enum: DEADLINE_STATES, description: 'State (as of asOf when given).' }) state: DeadlineState;
  @ApiProperty({ type: String, nullable: true, example: '2021-05-26' }) metOn: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'For a met deadline, whether it was met after it closed.' })
  metLate: boolean | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2022-06-21',
    description: 'For a missed deadline done later anyway: when. daysLate is then fixed ("missed; done N days late").',
  })
  fulfilledOn: string | null;
  @ApiProperty({ description: 'Open and past its close.' }) overdue: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Whole local days since the close (overdue, or missed and not yet done), or how late it was met or done. Never set for an unknown outcome.',
  })
  daysLate: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Local days left before the close, counting today, for an open deadline not yet closed: 8 on November 30 for a deadline whose last day is December 7, 1 on its last day. The pages and emails say the same number ("8 days left").',
  })
  daysRemaining: number | null;
  @ApiProperty({
    type: DeadlineRefView,
    nullable: true,
    description: 'The deadline that replaced this one when it was extended.',
  })
  extendedBy: DeadlineRefView | null;
  @ApiProperty({ type: DeadlineRefView, nullable: true, description: 'The deadline this one replaced.' })
  extends: DeadlineRefView | null;
  @ApiProperty({ enum: DEADLINE_AUTHORITIES }) authority: DeadlineAuthority;
  @ApiProperty({ type: RefView, nullable: true, description: 'Who set the deadline.' }) setBy: RefView | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the deadline was set.' }) setOn: string | null;
  @ApiProperty({ type: RefView, nullable: true, description: 'Where the deadline was stated.' }) source: RefView | null;
  @ApiProperty({ type: EvidenceView, nullable: true, description: 'Proof of how it was met, missed or extended.' })
  evidence: EvidenceView | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
}

export interface ClockContext {
  now: Date;
  asOf?: string;
  timeZone: string;
}

export function toDeadlineView(row: DeadlineRow, at: ClockContext): DeadlineView {
  const a = assessDeadline(
    {
      closesAt: new Date(row.closesAt),
      state: row.state,
      metOn: row.metOn,
      settledOn: row.settledOn,
      fulfilledOn: row.fulfilledOn,
    },
    at,
  );
  const evidence = row.evidenceSourceSlug || row.evidenceUrl || row.evidenceExcerpt ? toEvidenceView(row) : null;
  const extendedVisible = a.state === 'extended' || (!at.asOf && row.state === 'extended');
  return {
    id: row.id,
    slug: row.slug,
    recommendation: { slug: row.recommendationSlug, title: row.recommendationTitle },
    label: row.label,
    labelIsVerbatim: Boolean(row.labelIsVerbatim),
    labelAttribution: row.labelAttribution,
    dateInferred: row.dateInferred,
    due: row.due,
    precision: row.precision,
    closesAt: row.closesAt,
    state: a.state,
    metOn: a.state === 'met' || a.state === 'partly_met' ? row.metOn : null,
    metLate: a.metLate,
    fulfilledOn: a.fulfilledOn,
    overdue: a.overdue,
    daysLate: a.daysLate,
    daysRemaining: a.daysRemaining,
    extendedBy: extendedVisible && row.extendedById ? { id: row.extendedById, slug: row.extendedBySlug ?? '' } : null,
    extends: row.extendsId ? { id: row.extendsId, slug: row.extendsSlug ?? '' } : null,
    authority: row.authority,
    setBy: row.setBySlug ? { slug: row.setBySlug, title: row.setByName ?? '' } : null,
    setOn: row.setOn,
    source: row.sourceSlug ? { slug: row.sourceSlug, title: row.sourceTitle ?? '' } : null,
    evidence,
    note: row.note,
    version: row.version,
  };
}
