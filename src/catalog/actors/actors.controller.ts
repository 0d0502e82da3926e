import { Controller, Param, Query, Res, Body, Headers } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { NextCursorProperty, PageQuery } from '../../common/pagination/keyset-page';
import type { FastifyReply } from 'fastify';
import { NoQueryParams } from '../../common/query/no-params.query';
import { ACTOR_KINDS } from './actor.entity';
import { ActorsService } from './actors.service';
import { CatalogWritesService } from '../../common/writes/record-writes.service';
import { CreateActorDto, UpdateActorDto } from '../dto/catalog.dto';
import { writeHeaders } from '../../recommendations/recorded-views';
import { Editor, type EditorContext } from '../../common/writes/write-scope';
import { AdminDelete, EditorCreate, EditorPatch, PublicRead } from '../../common/http/routes';
export class ActorView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: string;
  @ApiProperty({ description: 'Recommendations this actor is responsible for.' }) responsibleFor: number;
  @ApiProperty() version: number;
}

export class ActorListView {
  @ApiProperty({ type: [ActorView] }) items: ActorView[];
  @NextCursorProperty() nextCursor: string | null;
}

export class ActorItemView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
}

export class ActorDetailView extends ActorView {
  @ApiProperty({ type: [ActorItemView] }) responsibleItems: ActorItemView[];
  @ApiProperty({ description: 'Deadlines this actor set.' }) deadlinesSet: number;
  @ApiProperty({ description: 'Status changes this actor made as assessor (not retracted).' }) assessments: number;
  @ApiProperty({ description: 'Monitor findings by this actor.' }) findings: number;
}

@ApiTags('actors')
@Controller('api/v1/actors')
export class ActorsController {
  constructor(
    private readonly actors: ActorsService,
    private readonly writes: CatalogWritesService,
  ) {}

  @PublicRead(undefined, 'Bodies and people that are responsible, promise, or assess', ActorListView)
  list(@Query() q: PageQuery): Promise<ActorListView> {
    return this.actors.list(q);
  }

  @PublicRead(':slug', 'One actor and what it is responsible for', ActorDetailView, 'actor')
  async detail(
    @Param('slug') slug: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActorDetailView> {
    const detail = await this.actors.detail(slug);
    writeHeaders(reply, { version: detail.version });
    return detail;
  }
  @EditorCreate(
    undefined,
    'Add an actor (a body or person that is responsible, promises or assesses)',
    { type: ActorDetailView, description: 'The new actor; Location and ETag headers.' },
    [409, 'An actor with this slug exists.'],
  )
  async create(@Body() body: CreateActorDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('actors', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/actors/${body.slug}`, version: saved.version });
    return this.actors.detail(body.slug);
  }

  @EditorPatch(':slug', 'actor', 'Edit an actor (If-Match required)', {
    type: ActorDetailView,
    description: 'The actor as it is now; ETag header.',
  })
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateActorDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const saved = await this.writes.update('actors', { slug }, { ...body }, ifMatch, editor);
    writeHeaders(reply, { version: saved.version });
    return this.actors.detail(slug);
  }

  @AdminDelete(
    ':slug',
    'Delete an actor nothing refers to (admin)',
    true,
    [404, 'No actor with that slug.'],
    [409, 'Something still refers to it.'],
    [412, 'If-Match is stale.'],
  )
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('actors', { slug }, ifMatch, editor);
  }
}
