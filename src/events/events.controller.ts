import { Controller, Query, Body, Headers, Param, Res } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { keysetPage, NextCursorProperty, PageQuery } from '../common/pagination/keyset-page';
import { ProblemException } from '../common/problem/problem';
import { EventView } from '../recommendations/dto/recommendation.response';
import type { FastifyReply } from 'fastify';
import { NoQueryParams } from '../common/query/no-params.query';
import { CatalogWritesService } from '../common/writes/record-writes.service';
import { CreateEventDto, UpdateEventDto } from './dto/event.dto';
import { EventDetailView, writeHeaders } from '../recommendations/recorded-views';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { EventsRepository } from './events.repository';
import { DateFilter, SlugFilter } from '../common/query/filter-params';
import { AdminDelete, EditorCreate, EditorPatch, PublicRead } from '../common/http/routes';

export class ListEventsQuery extends PageQuery {
  @SlugFilter({ description: 'Only events related to this recommendation (slug).' })
  recommendation?: string;

  @DateFilter({ description: 'Events on or after this date.' })
  from?: string;

  @DateFilter({ description: 'Events on or before this date.' })
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

  @PublicRead(undefined, 'Dated events that give the timeline its context (shootings, reports, hearings)', EventListView)
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

  @PublicRead(':slug', 'One event, with its version (ETag) for editing', EventDetailView, 'event')
  async detail(@Param('slug') slug: string, @Query() _q: NoQueryParams, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.view(slug);
    writeHeaders(reply, { version: view.version });
    return view;
  }

  @EditorCreate(
    undefined,
    'Add a dated event to the timeline',
    { type: EventDetailView, description: 'The new event; Location and ETag headers.' },
    [409, 'An event with this slug exists.'],
  )
  async create(@Body() body: CreateEventDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('events', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/events/${body.slug}`, version: saved.version });
    return this.view(body.slug);
  }

  @EditorPatch(':slug', 'event', 'Edit an event (If-Match required)', { type: EventDetailView })
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

  @AdminDelete(':slug', 'Delete an event (admin)', true, [404, 'No event with that slug.'], [412, 'If-Match is stale.'])
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('events', { slug }, ifMatch, editor);
  }
}
