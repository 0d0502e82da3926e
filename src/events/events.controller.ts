import { Controller, Get, Query, Body, Delete, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
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
import { DataSource } from 'typeorm';
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
import { EditingViews, EventDetailView, writeHeaders } from '../recommendations/recorded-views';
import { Editor, type EditorContext } from '../common/writes/write-scope';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: CatalogWritesService,
    private readonly views: EditingViews,
  ) {}

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
  @Get(':slug')
  @ApiOperation({ summary: 'One event, with its version (ETag) for editing' })
  @ApiOkResponse({ type: EventDetailView })
  @ApiNotFound('event')
  @ApiBadRequest()
  async detail(@Param('slug') slug: string, @Query() _q: NoQueryParams, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.views.event(slug);
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
    return this.views.event(body.slug);
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
    return this.views.event(slug);
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
