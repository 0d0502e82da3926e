/** Bodies that create and edit recommendations (also the rows of an import). */
import { RECOMMENDATION_KINDS } from '../recommendation.entity';
import type { RecommendationKind } from '../recommendation.entity';
import { DATE_PRECISIONS } from '../status-change.entity';
import {
  BooleanField,
  DateField,
  EnumField,
  PatchOf,
  SlugField,
  SlugListField,
  TextField,
  WeightField,
} from '../../common/validation/fields';

export class CreateRecommendationDto {
  @SlugField(160, { example: 'cd-2019-para-169' }) slug: string;
  @EnumField(RECOMMENDATION_KINDS) kind: RecommendationKind;
  @TextField(500) title: string;
  @TextField(100000, { description: 'The text: a verbatim quote of the source, or a summary (then textIsVerbatim is false).' })
  text: string;
  @BooleanField({ nullable: true, description: 'true when text quotes the source verbatim (default false).' })
  textIsVerbatim?: boolean | null;
  @SlugField(120, { description: 'Slug of the source it comes from.', example: 'doj-2017' }) source: string;
  @SlugField(120, {
    nullable: true,
    description: 'For a verbatim text read only as quoted in another document: that document (source slug).',
  })
  textVia?: string | null;
  @DateField({
    nullable: true,
    description: 'When it came into existence in the world (made, promised, ordered); "as of" views start here.',
  })
  issuedOn?: string | null;
  @EnumField(DATE_PRECISIONS, { nullable: true, description: 'How precisely issuedOn is known (default day).' })
  issuedPrecision?: string | null;
  @TextField(200, { nullable: true, description: 'Page or paragraph in the source.', example: '¶ 169' }) pinpoint?: string | null;
  @SlugListField(50, { nullable: true, description: 'Topic slugs.', example: ['foot-pursuits'] }) topics?: string[] | null;
  @SlugField(120, { nullable: true, description: 'Slug of the responsible actor.' }) responsible?: string | null;
  @WeightField({ nullable: true, description: 'Weight in progress figures (default 1).' }) weight?: number | null;
}

export class UpdateRecommendationDto extends PatchOf(CreateRecommendationDto, ['slug'] as const) {}
