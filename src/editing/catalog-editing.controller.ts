import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ActorDetailView } from '../actors/actors.controller';
import { ActorsService } from '../actors/actors.service';
import { RequireRole } from '../auth/api-key.guard';
import { ApiBadRequest, ApiProblems } from '../common/api-docs';
import { SourceDetailView } from '../sources/sources.controller';
import { SourcesService } from '../sources/sources.service';
import { CatalogWritesService } from './catalog-writes.service';
import { CreateActorDto, CreateSourceDto, CreateTopicDto, UpdateActorDto, UpdateSourceDto } from './dto/catalog.dto';
import { ApiPatchProblems, IfMatchHeader } from './editing-docs';
import { EditingViews, TopicWriteView, writeHeaders } from './editing-views';
import { Editor, type EditorContext } from './write-scope';

@ApiTags('sources')
@Controller('api/v1/sources')
export class SourcesEditingController {
  constructor(
    private readonly writes: CatalogWritesService,
    private readonly sources: SourcesService,
  ) {}

  @Post()
  @RequireRole('editor')
  @ApiOperation({ summary: 'Add a source (report, decree, statement, article)' })
  @ApiCreatedResponse({ type: SourceDetailView, description: 'The new source; Location and ETag headers.' })
  @ApiBadRequest()
  @ApiProblems([409, 'A source with this slug exists.'])
  async create(@Body() body: CreateSourceDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('sources', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/sources/${body.slug}`, version: saved.version });
    return this.sources.detail(body.slug);
  }

  @Patch(':slug')
  @RequireRole('editor')
  @ApiOperation({ summary: 'Edit a source (If-Match required)' })
  @IfMatchHeader(true)
  @ApiOkResponse({ type: SourceDetailView, description: 'The source as it is now; ETag header.' })
  @ApiBadRequest()
  @ApiPatchProblems('source')
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateSourceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const saved = await this.writes.update('sources', { slug }, { ...body }, ifMatch, editor);
    writeHeaders(reply, { version: saved.version });
    return this.sources.detail(slug);
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete a source nothing refers to (admin)' })
  @IfMatchHeader(false)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'No source with that slug.'], [409, 'Something still refers to it.'], [412, 'If-Match is stale.'])
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('sources', { slug }, ifMatch, editor);
  }
}

@ApiTags('actors')
@Controller('api/v1/actors')
export class ActorsEditingController {
  constructor(
    private readonly writes: CatalogWritesService,
    private readonly actors: ActorsService,
  ) {}

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

@ApiTags('topics')
@Controller('api/v1/topics')
export class TopicsEditingController {
  constructor(
    private readonly writes: CatalogWritesService,
    private readonly views: EditingViews,
  ) {}

  @Post()
  @RequireRole('editor')
  @ApiOperation({ summary: 'Add a topic that recommendations can be filed under' })
  @ApiCreatedResponse({ type: TopicWriteView })
  @ApiBadRequest()
  @ApiProblems([409, 'A topic with this slug exists.'])
  async create(@Body() body: CreateTopicDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.writes.create('topics', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations?topic=${body.slug}` });
    return this.views.topic(body.slug);
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete a topic no recommendation is filed under (admin)' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'No topic with that slug.'], [409, 'Recommendations are filed under it.'])
  async remove(@Param('slug') slug: string, @Editor() editor: EditorContext) {
    await this.writes.remove('topics', { slug }, undefined, editor);
  }
}
