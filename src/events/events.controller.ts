import { Controller, Query, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { keysetPage, ListViewOf, PageQuery } from '../common/pagination/keyset-page';
import { ProblemException } from '../common/problem/problem';
import { EventView } from '../recommendations/dto/recommendation.response';
import { NoQueryParams } from '../common/query/no-params.query';
import { CreateEventDto, UpdateEventDto } from './dto/event.dto';
import { EventDetailView } from '../recommendations/recorded-views';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { EditorResource } from '../common/writes/editor-resource';
import { EventsRepository } from './events.repository';
import { DateFilter, SlugFilter } from '../common/query/filter-params';
import { PublicRead, SendsVersion } from '../common/http/routes';

export class ListEventsQuery extends PageQuery {
  @SlugFilter({ description: 'Only events related to this recommendation (slug).' })
  recommendation?: string;

  @DateFilter({ description: 'Events on or after this date.' })
  from?: string;

  @DateFilter({ description: 'Events on or before this date.' })
  to?: string;
}

export class EventListView extends ListViewOf(EventView) {}

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController extends EditorResource('events', EventDetailView, CreateEventDto, UpdateEventDto) {
  constructor(
    private readonly events: EventsRepository,
    private readonly recommendations: RecommendationsRepository,
  ) {
    super();
  }

  protected show({ slug }: { slug: string }): Promise<EventDetailView> {
    return this.view(slug);
  }

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
  @SendsVersion()
  detail(@Param('slug') slug: string, @Query() _q: NoQueryParams) {
    return this.view(slug);
  }
}
