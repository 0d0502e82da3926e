/** Bodies that create and edit sources, actors and topics (also the rows of an import). */
import { ACTOR_KINDS } from '../actors/actor.entity';
import type { ActorKind } from '../actors/actor.entity';
import { SOURCE_KINDS } from '../sources/source.entity';
import type { SourceKind } from '../sources/source.entity';
import { DateField, EnumField, PatchOf, SlugField, TextField, UrlField } from '../../common/validation/fields';

export class CreateSourceDto {
  @SlugField(120, { example: 'imr-9' }) slug: string;
  @TextField(500, { example: 'Independent Monitoring Report 9' }) title: string;
  @EnumField(SOURCE_KINDS) kind: SourceKind;
  @TextField(300, { nullable: true }) publisher?: string | null;
  @DateField({ nullable: true, description: 'When it was published (YYYY-MM-DD).' }) publishedOn?: string | null;
  @UrlField({ nullable: true }) url?: string | null;
  @UrlField({ nullable: true, description: 'A stored copy (web archive, DocumentCloud).' }) archivedUrl?: string | null;
  @TextField(20000, { nullable: true }) note?: string | null;
}

export class UpdateSourceDto extends PatchOf(CreateSourceDto, ['slug'] as const) {}

export class CreateActorDto {
  @SlugField(120, { example: 'chicago-police-board' }) slug: string;
  @TextField(300, { example: 'Chicago Police Board' }) name: string;
  @EnumField(ACTOR_KINDS) kind: ActorKind;
}

export class UpdateActorDto extends PatchOf(CreateActorDto, ['slug'] as const) {}

export class CreateTopicDto {
  @SlugField(120, { example: 'use-of-force' }) slug: string;
  @TextField(200, { example: 'Use of force' }) name: string;
}
