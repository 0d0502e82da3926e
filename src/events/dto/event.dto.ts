/** Bodies that create and edit timeline events and links between recommendations. */
import { LINK_TYPES } from '../../links/link.entity';
import type { LinkType } from '../../links/link.entity';
import { DateField, EnumField, PatchOf, SlugField, SlugListField, TextField } from '../../common/validation/fields';

export class CreateEventDto {
  @SlugField(160, { example: '2021-03-29-adam-toledo-shot' }) slug: string;
  @DateField() occurredOn: string;
  @TextField(2000, { nullable: true, description: 'When occurredOn is an inference: why.' }) dateInferred?: string | null;
  @TextField(500) title: string;
  @TextField(20000, { nullable: true }) description?: string | null;
  @SlugField(120, { description: 'Slug of the source that reports it.' }) source: string;
  @SlugListField(500, { nullable: true, description: 'Slugs of related recommendations.' }) recommendations?: string[] | null;
}

export class UpdateEventDto extends PatchOf(CreateEventDto, ['slug'] as const) {}

export class CreateLinkDto {
  @SlugField(160, { description: 'Slug of the recommendation the link goes from.', example: 'cd-2019-foot-pursuit-policy' })
  from: string;
  @SlugField(160, { description: 'Slug of the recommendation it goes to.', example: 'doj-2017-foot-pursuit-policy' })
  to: string;
  @EnumField(LINK_TYPES, { description: 'from implements / restates / supersedes / is related to `to`.' }) type: LinkType;
  @TextField(20000, { nullable: true }) note?: string | null;
}

export class UpdateLinkDto extends PatchOf(CreateLinkDto, ['from', 'to', 'type'] as const) {}
