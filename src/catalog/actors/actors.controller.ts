import { Controller, Get, Param, Query, Res, Body, Delete, Headers, HttpCode, Patch, Post } from '@nestjs/common';
import { NextCursorProperty, PageQuery } from '../../common/pagination/keyset-page';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiCreatedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiBadRequest, ApiNotFound, ApiProblems } from '../../common/api-docs';
import { etagFor } from '../../common/http/etag';
import { NoQueryParams } from '../../common/query/no-params.query';
import { ACTOR_KINDS } from './actor.entity';
import { ActorsService } from './actors.service';
import { RequireRole } from '../../auth/api-key.guard';
import { CatalogWritesService } from '../../common/writes/record-writes.service';
import { CreateActorDto, UpdateActorDto } from '../dto/catalog.dto';
import { ApiPatchProblems, IfMatchHeader } from '../../common/writes/write-docs';
import { writeHeaders } from '../../recommendations/recorded-views';
import { Editor, type EditorContext } from '../../common/writes/write-scope';
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

  @Get()
  @ApiOperation({ summary: 'Bodies and people that are responsible, promise, or assess' })
  @ApiOkResponse({ type: ActorListView })
  @ApiBadRequest()
  list(@Query() q: PageQuery): Promise<ActorListView> {
    return this.actors.list(q);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One actor and what it is responsible for' })
  @ApiOkResponse({ type: ActorDetailView })
  @ApiNotFound('actor')
  @ApiBadRequest()
  async detail(
    @Param('slug') slug: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActorDetailView> {
    const detail = await this.actors.detail(slug);
    reply.header('ETag', etagFor(detail.version));
    return detail;
  }
  @Post()
  @RequireRole('editor')
  @ApiOperation({ summary: 'Add an actor (a body or person that is responsible, promises or assesses)' })
  @ApiCreatedResponse({ type: ActorDetailView, description: 'The new actor; Location and ETag headers.' })
  @ApiBadRequest()
  @ApiProblems([409, 'An actor with this slug exists.'])
  async create(@Body() body: CreateActorDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('actors', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/actors/${body.slug}`, version: saved.version });
    return this.actors.detail(body.slug);
  }

  @Patch(':slug')
  @RequireRole('editor')
  @ApiOperation({ summary: 'Edit an actor (If-Match required)' })
  @IfMatchHeader(true)
  @ApiOkResponse({ type: ActorDetailView, description: 'The actor as it is now; ETag header.' })
  @ApiBadRequest()
  @ApiPatchProblems('actor')
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

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete an actor nothing refers to (admin)' })
  @IfMatchHeader(false)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'No actor with that slug.'], [409, 'Something still refers to it.'], [412, 'If-Match is stale.'])
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('actors', { slug }, ifMatch, editor);
  }
}
