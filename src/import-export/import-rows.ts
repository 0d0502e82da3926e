/**
 * The rows of an import, kind by kind: the shape each must have before anything is looked up or
 * written. Sources, actors, topics, recommendations, links and events use the bodies of the API's
 * create routes; status changes, deadlines and findings have the file format's own fields (slug,
 * recommendation, nested evidence, and what only an import can carry: a recorded-at time, a state).
 */
import { Type as TransformType } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { DEADLINE_PRECISIONS, DEADLINE_STATES } from '../deadlines/rules/deadline-clock';
import { DEADLINE_AUTHORITIES } from '../deadlines/deadline.entity';
import { CreateActorDto, CreateSourceDto, CreateTopicDto } from '../catalog/dto/catalog.dto';
import { CreateEventDto, CreateLinkDto } from '../events/dto/event.dto';
import {
  BooleanField,
  DateField,
  DueField,
  EnumField,
  InstantField,
  SlugField,
  TextField,
  UrlField,
} from '../common/validation/fields';
import { CreateRecommendationDto } from '../recommendations/dto/recommendation.dto';
import { RECORDABLE_STATUSES } from '../recommendations/dto/status-change.dto';
import type { RecordKind } from '../common/records/record-specs';
import { FINDING_LEVELS } from '../findings/rules/regression';
import { DATE_PRECISIONS } from '../recommendations/status-change.entity';

export class ImportEvidence {
  @SlugField(120, { nullable: true }) source?: string | null;
  @UrlField({ nullable: true }) url?: string | null;
  @TextField(20000, { nullable: true }) excerpt?: string | null;
  @TextField(200, { nullable: true }) pinpoint?: string | null;
  @SlugField(120, { nullable: true }) via?: string | null;
}

const Evidence = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsObject({ message: 'evidence must be an object with source, url, excerpt and pinpoint' })(target, key);
  ValidateNested()(target, key);
  TransformType(() => ImportEvidence)(target, key);
};

export class ImportStatusChangeRow {
  @SlugField(200) slug: string;
  @SlugField(160) recommendation: string;
  @EnumField(RECORDABLE_STATUSES, { nullable: true }) status?: string | null;
  @DateField() effectiveOn: string;
  @EnumField(DATE_PRECISIONS, { nullable: true }) effectivePrecision?: string | null;
  @TextField(2000, { nullable: true }) dateInferred?: string | null;
  @SlugField(120) assessor: string;
  @Evidence() evidence?: ImportEvidence | null;
  @TextField(20000, { nullable: true }) note?: string | null;
  @SlugField(200, { nullable: true }) retracts?: string | null;
  @InstantField({ nullable: true }) recordedAt?: string | null;
  @TextField(120, { nullable: true }) recordedBy?: string | null;
}

export class ImportDeadlineRow {
  @SlugField(200) slug: string;
  @SlugField(160) recommendation: string;
  @TextField(500) label: string;
  @BooleanField({ nullable: true }) labelIsVerbatim?: boolean | null;
  @TextField(300, { nullable: true }) labelAttribution?: string | null;
  @DueField() due: string;
  @EnumField(DEADLINE_PRECISIONS) precision: string;
  @TextField(2000, { nullable: true }) dateInferred?: string | null;
  @SlugField(120, { nullable: true }) setBy?: string | null;
  @DateField({ nullable: true }) setOn?: string | null;
  @SlugField(120, { nullable: true }) source?: string | null;
  @EnumField(DEADLINE_AUTHORITIES) authority: string;
  @EnumField(DEADLINE_STATES, { nullable: true }) state?: string | null;
  @DateField({ nullable: true }) metOn?: string | null;
  @DateField({ nullable: true }) fulfilledOn?: string | null;
  @DateField({ nullable: true }) settledOn?: string | null;
  @SlugField(200, { nullable: true }) extendedBy?: string | null;
  @Evidence() evidence?: ImportEvidence | null;
  @TextField(20000, { nullable: true }) note?: string | null;
}

export class ImportFindingRow {
  @SlugField(200) slug: string;
  @SlugField(160) recommendation: string;
  @SlugField(120) assessor: string;
  @SlugField(120) report: string;
  @DateField() periodStart: string;
  @DateField() periodEnd: string;
  @DateField({ nullable: true }) filedOn?: string | null;
  @EnumField(FINDING_LEVELS, { nullable: true }) level?: string | null;
  @BooleanField({ nullable: true }) deadlineMet?: boolean | null;
  @TextField(20000) summary: string;
  @InstantField({ nullable: true }) recordedAt?: string | null;
  @TextField(120, { nullable: true }) recordedBy?: string | null;
}

export class ImportReviewRow {
  @SlugField(200) slug: string;
  @SlugField(160) recommendation: string;
  @DateField() reviewedOn: string;
  @SlugField(120) reviewer: string;
  @Evidence() evidence?: ImportEvidence | null;
  @TextField(20000, { nullable: true }) note?: string | null;
  @InstantField({ nullable: true }) recordedAt?: string | null;
  @TextField(120, { nullable: true }) recordedBy?: string | null;
}

export const IMPORT_ROW_CLASSES: Record<RecordKind, new () => object> = {
  sources: CreateSourceDto,
  actors: CreateActorDto,
  topics: CreateTopicDto,
  recommendations: CreateRecommendationDto,
  statusChanges: ImportStatusChangeRow,
  deadlines: ImportDeadlineRow,
  findings: ImportFindingRow,
  links: CreateLinkDto,
  events: CreateEventDto,
  reviews: ImportReviewRow,
};
