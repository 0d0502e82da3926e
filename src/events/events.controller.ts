import { Controller, Get, Query, Body, Delete, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { keysetPage, NextCursorProperty, PageQuery } from '../common/pagination/keyset-page';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiCreatedResponse,
  ApiNoContentResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ApiBadRequest, ApiNotFound, ApiProblems } from '../common/api-docs';
import { ProblemException } from '../common/problem/problem';
import { IsCalendarDate } from '../common/query/query-transforms';
import { EventView } from '../recommendations/dto/recommendation.response';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/api-key.guard';
import { NoQueryParams } from '../common/query/no-params.query';
import { ApiPatchProblems, IfMatchHeader } from '../common/writes/write-docs';
import { CatalogWritesService } from '../common/writes/record-writes.service';
import { CreateEventDto, UpdateEventDto } from './dto/event.dto';
import { EventDetailView, writeHeaders } from '../recommendations/recorded-views';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { EventsRepository } from './events.repository';

export class ListEventsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only events related to this recommendation (slug).' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'recommendation must be a slug' })
  recommendation?: string;

  @ApiPropertyOptional({ description: 'Events on or after this date.' })
  @IsOptional()
  @IsString({ message: 'from must be a single date' })
  @IsCalendarDate({ message: 'from must be a calendar date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Events on or before this date.' })
  @IsOptional()
  @IsString({ message: 'to must be a single date' })
  @IsCalendarDate({ message: 'to must be a calendar date written YYYY-MM-DD' })
  to?: string;
}

export class EventListView {
  @ApiProperty({ type: [EventView] }) items: EventView[];
  @NextCursorProperty() nextCursor: string | null;
}

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly events: EventsRepository,
    private readonly recommendations: RecommendationsRepository,
    private readonly writes: CatalogWritesService,
  ) {}

  /** The event as its detail shows it; 404 when there is none. */
  private async view(slug: string): Promise<EventDetailView> {
    const event = await this.events.findBySlug(slug);
    if (!event) throw ProblemException.notFound('event', slug);
    return event;
  }

  @Get()
  @ApiOperation({ summary: 'Dated events that give the timeline its context (shootings, reports, hearings)' })
  @ApiOkResponse({ type: EventListView })
  @ApiBadRequest()
  async list(@Query() q: ListEventsQuery): Promise<EventListView> {
    let recommendationId: number | undefined;
    if (q.recommendation) {
      recommendationId = await this.recommendations.idOf('recommendation', q.recommendation);
      if (recommendationId === undefined) {
        throw ProblemException.validation([
          { field: 'recommendation', in: 'query', reason: `no recommendation has the slug "${q.recommendation}"` },
        ]);
      }
    }
    const { limit: _limit, cursor: _cursor, ...filters } = q;
    return keysetPage(
      q,
      filters,
      2,
      (w) => this.events.list({ recommendationId, from: q.from, to: q.to }, w),
      (e) => [e.occurredOn, e.slug],
    );
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One event, with its version (ETag) for editing' })
  @ApiOkResponse({ type: EventDetailView })
  @ApiNotFound('event')
  @ApiBadRequest()
  async detail(@Param('slug') slug: string, @Query() _q: NoQueryParams, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.view(slug);
    writeHeaders(reply, { version: view.version });
    return view;
  }

  @Post()
  @RequireRole('editor')
  @ApiOperation({ summary: 'Add a dated event to the timeline' })
  @ApiCreatedResponse({ type: EventDetailView, description: 'The new event; Location and ETag headers.' })
  @ApiBadRequest()
  @ApiProblems([409, 'An event with this slug exists.'])
  async create(@Body() body: CreateEventDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('events', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/events/${body.slug}`, version: saved.version });
    return this.view(body.slug);
  }

  @Patch(':slug')
  @RequireRole('editor')
  @ApiOperation({ summary: 'Edit an event (If-Match required)' })
  @IfMatchHeader(true)
  @ApiOkResponse({ type: EventDetailView })
  @ApiBadRequest()
  @ApiPatchProblems('event')
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateEventDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const saved = await this.writes.update('events', { slug }, { ...body }, ifMatch, editor);
    writeHeaders(reply, { version: saved.version });
    return this.view(slug);
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete an event (admin)' })
  @IfMatchHeader(false)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'No event with that slug.'], [412, 'If-Match is stale.'])
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('events', { slug }, ifMatch, editor);
  }
}
