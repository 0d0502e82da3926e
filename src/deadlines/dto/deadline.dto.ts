/** Bodies that set a deadline and settle it: met, missed, extended or withdrawn. */
import { DEADLINE_PRECISIONS } from '../rules/deadline-clock';
import type { DeadlinePrecision } from '../rules/deadline-clock';
import { DEADLINE_AUTHORITIES } from '../deadline.entity';
import type { DeadlineAuthority } from '../deadline.entity';
import { BooleanField, DateField, DueField, EnumField, SlugField, TextField } from '../../common/validation/fields';
import { EvidenceFieldsDto } from '../../recommendations/dto/status-change.dto';

export class CreateDeadlineDto {
  @TextField(500, { description: 'The words of the promise or order.', example: 'sometime in May' }) label: string;
  @BooleanField({
    nullable: true,
    description: "true only when label is the setter's own words, as a source records them (default false).",
  })
  labelIsVerbatim?: boolean | null;
  @TextField(300, {
    nullable: true,
    description: "Whose wording the label is when it is not the setter's own.",
    example: "FOX 32's paraphrase",
  })
  labelAttribution?: string | null;
  @TextField(2000, { nullable: true, description: 'When due is an inference: why.' }) dateInferred?: string | null;
  @DueField({ description: 'As stated: 2021-09-03, 2021-05, 2021-Q3 or 2022; must match precision.' }) due: string;
  @EnumField(DEADLINE_PRECISIONS) precision: DeadlinePrecision;
  @EnumField(DEADLINE_AUTHORITIES) authority: DeadlineAuthority;
  @SlugField(120, { nullable: true, description: 'Slug of the actor who set it.' }) setBy?: string | null;
  @DateField({
    nullable: true,
    description:
      'When it was set, if a source says; not after the last day of due. Without it the deadline counts from when it was due.',
  })
  setOn?: string | null;
  @SlugField(120, { nullable: true, description: 'Slug of the source where it was stated.' }) source?: string | null;
  @TextField(20000, { nullable: true }) note?: string | null;
  @SlugField(200, { nullable: true, description: 'A slug for it (default: generated from the item and the due date).' })
  slug?: string | null;
}

export class MeetDeadlineDto extends EvidenceFieldsDto {
  @DateField({ description: 'When it was met (or, for partly met, when the part was done); not in the future.' }) metOn: string;
}

export class FulfilDeadlineDto extends EvidenceFieldsDto {
  @DateField({ description: "When the missed deadline's promise was done after all; not in the future." }) fulfilledOn: string;
}

export class SettleDeadlineDto extends EvidenceFieldsDto {
  @DateField({ nullable: true, description: 'When it happened in the world (default today); not in the future.' })
  settledOn?: string | null;
}

export class ExtendDeadlineDto extends SettleDeadlineDto {
  @TextField(500, { description: 'The new wording.', example: 'by the end of the year' }) label: string;
  @DueField({ description: 'The new due date as stated; must match precision.', example: '2021-12' }) due: string;
  @EnumField(DEADLINE_PRECISIONS) precision: DeadlinePrecision;
  @SlugField(120, { nullable: true, description: "Who set the new deadline (default: the old one's setter)." })
  setBy?: string | null;
  @EnumField(DEADLINE_AUTHORITIES, { nullable: true, description: "Default: the old one's." })
  authority?: DeadlineAuthority | null;
  @SlugField(200, { nullable: true, description: 'A slug for the new deadline (default: generated).' }) slug?: string | null;
  @BooleanField({ nullable: true, description: "true only when the new label is the setter's own words (default false)." })
  labelIsVerbatim?: boolean | null;
  @TextField(300, { nullable: true, description: "Whose wording the new label is when not the setter's own." })
  labelAttribution?: string | null;
}
