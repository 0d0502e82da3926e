import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { ApiBadRequest } from '../common/api-docs';
import { ProblemException } from '../common/problem/problem';
import { IsCalendarDate } from '../common/query/query-transforms';
import { EventView } from '../recommendations/dto/recommendation.response';

export class ListEventsQuery {
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
}

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Dated events that give the timeline its context (shootings, reports, hearings)' })
  @ApiOkResponse({ type: EventListView })
  @ApiBadRequest()
  async list(@Query() q: ListEventsQuery): Promise<EventListView> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.recommendation) {
      const rec: Array<{ id: number }> = await this.dataSource.query(`SELECT id FROM recommendation WHERE slug = ?`, [
        q.recommendation,
      ]);
      if (!rec[0]) {
        throw ProblemException.validation([
          { field: 'recommendation', in: 'query', reason: `no recommendation has the slug "${q.recommendation}"` },
        ]);
      }
      where.push(`e.id IN (SELECT event_id FROM event_recommendation WHERE recommendation_id = ?)`);
      params.push(rec[0].id);
    }
    if (q.from) {
      where.push(`e.occurred_on >= ?`);
      params.push(q.from);
    }
    if (q.to) {
      where.push(`e.occurred_on <= ?`);
      params.push(q.to);
    }
    const rows: Array<{
      id: number;
      slug: string;
      occurredOn: string;
      title: string;
      description: string | null;
      dateInferred: string | null;
      sourceSlug: string;
      sourceTitle: string;
    }> = await this.dataSource.query(
      `SELECT e.id AS "id", e.slug AS "slug", e.occurred_on AS "occurredOn", e.title AS "title", e.description AS "description",
           e.date_inferred AS "dateInferred", s.slug AS "sourceSlug", s.title AS "sourceTitle"
         FROM event e JOIN source s ON s.id = e.source_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY e.occurred_on, e.slug`,
      params,
    );
    const links: Array<{ eventId: number; slug: string }> = rows.length
      ? await this.dataSource.query(
          `SELECT er.event_id AS "eventId", r.slug AS "slug" FROM event_recommendation er JOIN recommendation r ON r.id = er.recommendation_id
           WHERE er.event_id IN (${rows.map(() => '?').join(',')}) ORDER BY r.slug`,
          rows.map((r) => r.id),
        )
      : [];
    return {
      items: rows.map((e) => ({
        slug: e.slug,
        occurredOn: e.occurredOn,
        title: e.title,
        description: e.description,
        dateInferred: e.dateInferred,
        source: { slug: e.sourceSlug, title: e.sourceTitle },
        recommendations: links.filter((l) => l.eventId === e.id).map((l) => l.slug),
      })),
    };
  }
}

@Module({ controllers: [EventsController] })
export class EventsModule {}
