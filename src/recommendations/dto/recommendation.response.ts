import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NullableString } from '../../common/api-docs';
import { DeadlineRefView, DeadlineView } from '../../deadlines/deadline-view';
import { FINDING_LEVELS } from '../../findings/rules/regression';
import type { FindingLevel } from '../../findings/rules/regression';
import { LINK_TYPES } from '../../links/link.entity';
import type { LinkType } from '../../links/link.entity';
import { EvidenceView, RefView } from '../../common/views';
import { RECOMMENDATION_KINDS } from '../recommendation.entity';
import type { RecommendationKind } from '../recommendation.entity';
import { STATUSES } from '../rules/status-vocabulary';
import type { Status } from '../rules/status-vocabulary';
import { RECOMMENDATION_SORTS } from '../recommendation-sort';
import type { RecommendationSort } from '../recommendation-sort';

export class RecommendationListItem {
  @ApiProperty({ example: 'doj-2017-foot-pursuit-policy' }) slug: string;
  @ApiProperty({ enum: RECOMMENDATION_KINDS }) kind: RecommendationKind;
  @ApiProperty() title: string;
  @ApiProperty({ enum: STATUSES, description: "Headline status: the tracker editors' current assessment (as of asOf)." })
  status: Status;
  @ApiProperty({ type: String, nullable: true, description: 'effectiveOn of the headline status; null when never assessed.' })
  statusAsOf: string | null;
  @ApiProperty({ type: RefView }) source: RefView;
  @ApiProperty({ type: RefView, nullable: true, description: 'Responsible actor (slug and name).' }) responsible: RefView | null;
  @ApiProperty({ type: [String], example: ['foot-pursuits'] }) topics: string[];
  @ApiProperty({ type: DeadlineView, nullable: true, description: 'The earliest open deadline (possibly overdue).' })
  nextDeadline: DeadlineView | null;
  @ApiProperty({ description: 'Has an open deadline past its close.' }) overdue: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When the headline status was last known to be checked: the later of statusAsOf and the last review.',
  })
  reviewedOn: string | null;
  @ApiProperty({ description: 'Not reviewed in STALE_AFTER_DAYS (or never assessed).' }) stale: boolean;
}

/** What a list answer says of its search (`q`). */
export class SearchSummary {
  @ApiProperty({
    enum: RECOMMENDATION_SORTS,
    description:
      'The order of the results: `sort` when given; else relevance, or slug when the search is common (then ranking every match would cost as much as the table is large).',
  })
  order: RecommendationSort;
  @ApiProperty({
    description:
      'Whether at least 1 item in 20 (and SEARCH_COMMON_MATCHES items) match: then the results are not ranked and sort=relevance is refused.',
  })
  common: boolean;
  @ApiProperty({
    description:
      'How many items match: counted when the search is not common, else estimated from the newest 2,000 items (so that it costs the same however many items match); matchesExact says which.',
  })
  matches: number;
  @ApiProperty({ description: 'Whether matches is a count (every item was tested) rather than an estimate.' })
  matchesExact: boolean;
}

export class RecommendationPage {
  @ApiProperty({ type: [RecommendationListItem] }) items: RecommendationListItem[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor to get the next page; null on the last page.' })
  nextCursor: string | null;
  @ApiPropertyOptional({
    type: SearchSummary,
    description: 'With q (when it has a letter or digit): the order and the number of matches.',
  })
  search?: SearchSummary;
}

export class StatusChangeView {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty({
    enum: STATUSES,
    nullable: true,
    description: 'null for a pure retraction: it withdraws `retracts` without stating a status.',
  })
  status: Status | null;
  @ApiProperty({ example: '2021-05-26', description: 'When the status took effect in the world.' }) effectiveOn: string;
  @ApiProperty({ enum: ['day', 'month', 'year'], description: 'How precisely effectiveOn is known.' }) effectivePrecision: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When effectiveOn is an inference, why; null when a source states it.',
  })
  dateInferred: string | null;
  @ApiProperty({ description: 'When the tracker recorded it (server time).' }) recordedAt: string;
  @ApiProperty({ type: RefView }) assessor: RefView;
  @ApiProperty({ type: EvidenceView }) evidence: EvidenceView;
  @NullableString() note: string | null;
  @ApiProperty({ description: 'Withdrawn by a later correction; no longer counts.' }) retracted: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'The id of the change this one retracts.' }) retracts: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The id of the change that retracted this one.' }) retractedBy:
    number | null;
}

export class AssessmentView {
  @ApiProperty({ type: RefView }) assessor: RefView;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty() effectiveOn: string;
  @ApiProperty() statusChangeId: number;
  @ApiProperty({ description: 'This is the headline assessor.' }) isHeadline: boolean;
  @ApiProperty({ description: 'Differs from the headline status.' }) disagreesWithHeadline: boolean;
}

export class FindingView {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty({ type: RefView }) assessor: RefView;
  @ApiProperty({ type: RefView, description: 'The report the finding comes from.' }) report: RefView;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: FINDING_LEVELS, nullable: true, description: 'null: the level is not known from the sources.' })
  level: FindingLevel | null;
  @ApiProperty({ enum: FINDING_LEVELS, nullable: true }) previousLevel: FindingLevel | null;
  @ApiProperty({ description: 'Lower than the previous period: failed to maintain compliance.' }) regression: boolean;
  @ApiProperty({ type: Boolean, nullable: true }) deadlineMet: boolean | null;
  @ApiProperty() summary: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When the report was filed or published; the finding is part of the record from then on.',
  })
  filedOn: string | null;
  @ApiProperty({
    type: [DeadlineRefView],
    description: "This item's deadlines that closed inside the finding's period (periodStart to periodEnd).",
  })
  deadlinesClosedInPeriod: DeadlineRefView[];
}

export class ReviewView {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty({ example: '2026-11-30', description: 'When the item was checked and its status found unchanged.' })
  reviewedOn: string;
  @ApiProperty({ type: RefView }) reviewer: RefView;
  @ApiProperty({ type: EvidenceView, nullable: true }) evidence: EvidenceView | null;
  @NullableString() note: string | null;
  @ApiProperty({ description: 'When the tracker recorded it (server time).' }) recordedAt: string;
}

export class LinkedRecommendationView {
  @ApiProperty({ enum: LINK_TYPES }) type: LinkType;
  @ApiProperty({ enum: ['outgoing', 'incoming'], description: 'outgoing: this item → linked; incoming: linked → this item.' })
  direction: 'outgoing' | 'incoming';
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @NullableString() note: string | null;
}

export class EventView {
  @ApiProperty() slug: string;
  @ApiProperty() occurredOn: string;
  @ApiProperty() title: string;
  @NullableString() description: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When occurredOn is an inference, why.' }) dateInferred:
    string | null;
  @ApiProperty({ type: RefView }) source: RefView;
  @ApiPropertyOptional({ type: [String], description: 'Slugs of related recommendations.' }) recommendations?: string[];
}

export class RecommendationDetail extends RecommendationListItem {
  @ApiProperty() id: number;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'true: the text is a verbatim quote of the source; false: a summary.' }) textIsVerbatim: boolean;
  @ApiProperty({
    type: RefView,
    nullable: true,
    description: 'For a verbatim text read only as quoted elsewhere: the document it was read in.',
  })
  textVia: RefView | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the item came into existence in the world.' })
  issuedOn: string | null;
  @ApiProperty({ enum: ['day', 'month', 'year'] }) issuedPrecision: string;
  @ApiProperty({ type: [ReviewView], description: '"Reviewed, unchanged" records, oldest first.' }) reviews: ReviewView[];
  @ApiProperty({ type: String, nullable: true, example: '¶ 169' }) pinpoint: string | null;
  @ApiProperty() weight: number;
  @ApiProperty({ type: [AssessmentView], description: 'Current status per assessor, headline first.' })
  assessments: AssessmentView[];
  @ApiProperty({ type: [StatusChangeView], description: 'Every status change, oldest first, retracted ones marked.' })
  history: StatusChangeView[];
  @ApiProperty({ type: [DeadlineView] }) deadlines: DeadlineView[];
  @ApiProperty({ type: [FindingView] }) findings: FindingView[];
  @ApiProperty({ type: [LinkedRecommendationView] }) links: LinkedRecommendationView[];
  @ApiProperty({ type: [EventView] }) events: EventView[];
  @ApiProperty() version: number;
}
