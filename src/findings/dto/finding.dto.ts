/** The body that records a monitor's finding for one reporting period. */
import { FINDING_LEVELS } from '../rules/regression';
import type { FindingLevel } from '../rules/regression';
import { BooleanField, DateField, EnumField, SlugField, TextField } from '../../common/validation/fields';

export class CreateFindingDto {
  @SlugField(120, { description: 'Slug of the assessor (the monitor).', example: 'independent-monitoring-team' })
  assessor: string;
  @SlugField(120, { description: 'Slug of the report (a source).', example: 'imr-4' }) report: string;
  @DateField() periodStart: string;
  @DateField() periodEnd: string;
  @DateField({ nullable: true, description: 'When the report was filed or published; the finding enters "as of" views then.' })
  filedOn?: string | null;
  @EnumField(FINDING_LEVELS, { nullable: true, description: 'Compliance level; null when the report does not say.' })
  level?: FindingLevel | null;
  @BooleanField({ nullable: true, description: 'Whether the deadline in the period was met; null when not applicable.' })
  deadlineMet?: boolean | null;
  @TextField(20000) summary: string;
  @SlugField(200, { nullable: true, description: 'A slug for it (default: generated from the item and the period).' })
  slug?: string | null;
}
