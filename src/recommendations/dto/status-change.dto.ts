/** The body that records a status change, with its evidence. */
import { DATE_PRECISIONS } from '../status-change.entity';
import type { DatePrecision } from '../status-change.entity';
import { STATUSES } from '../rules/status-vocabulary';
import type { Status } from '../rules/status-vocabulary';
import { DateField, EnumField, IdField, SlugField, TextField, UrlField, WordsField } from '../../common/validation/fields';

/** `not_assessed` is the absence of any status change, never one. */
export const RECORDABLE_STATUSES = STATUSES.filter((s) => s !== 'not_assessed');

/** Proof: a source (by slug) or a URL, with an excerpt or a note saying what it shows. */
export class EvidenceFieldsDto {
  @SlugField(120, { nullable: true, description: 'Evidence: slug of a source the tracker holds.', example: 'imr-9' })
  source?: string | null;
  @UrlField({
    nullable: true,
    description: 'Evidence: an http or https URL (when there is no source record, or more precisely).',
  })
  url?: string | null;
  @WordsField(20000, { nullable: true, description: 'A verbatim excerpt from the evidence.' }) excerpt?: string | null;
  @TextField(200, { nullable: true, description: 'Page or paragraph in the evidence.', example: 'p. 27' }) pinpoint?:
    string | null;
  @SlugField(120, {
    nullable: true,
    description:
      'Slug of the document the excerpt was actually read in, when that is not `source` (a news story or reprint quoting it).',
  })
  via?: string | null;
  @WordsField(20000, { nullable: true, description: "The editor's explanation." }) note?: string | null;
}

export class CreateStatusChangeDto extends EvidenceFieldsDto {
  @EnumField(RECORDABLE_STATUSES, {
    nullable: true,
    description: 'Required, except for a pure retraction: give `retracts` (and a note) without a status to withdraw an entry.',
  })
  status?: Status | null;
  @DateField({
    nullable: true,
    description:
      "When the status took effect in the world; not in the future. Required with a status; a pure retraction takes the retracted entry's date.",
  })
  effectiveOn?: string | null;
  @TextField(2000, {
    nullable: true,
    description: 'When effectiveOn is an inference: why (e.g. "the article says only \'the week after\'").',
  })
  dateInferred?: string | null;
  @EnumField(DATE_PRECISIONS, {
    nullable: true,
    description: 'How precisely effectiveOn is known (default day). A month is written as its first day.',
  })
  effectivePrecision?: DatePrecision | null;
  @SlugField(120, {
    nullable: true,
    description: "Slug of the assessor. Default: the retracted change's assessor, else the tracker's editors.",
    example: 'tracker-editors',
  })
  assessor?: string | null;
  @IdField({
    nullable: true,
    description:
      'The id of an earlier status change of this item that this one corrects: it is then shown as retracted and no longer counts.',
  })
  retracts?: number | null;
  @SlugField(200, { nullable: true, description: 'A slug for this entry (default: generated from the item and the date).' })
  slug?: string | null;
}

/** "Reviewed, status unchanged": an editor checked the item and found its status still right. */
export class CreateReviewDto extends EvidenceFieldsDto {
  @DateField({ nullable: true, description: 'When the item was checked (default today); not in the future.' })
  reviewedOn?: string | null;
  @SlugField(120, {
    nullable: true,
    description: "Slug of the actor who checked (default: the tracker's editors).",
    example: 'tracker-editors',
  })
  reviewer?: string | null;
  @SlugField(200, { nullable: true, description: 'A slug for this review (default: generated from the item and the date).' })
  slug?: string | null;
}
