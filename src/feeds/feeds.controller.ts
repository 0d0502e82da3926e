import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBadRequest, ApiNotFound } from '../common/api-docs';
import { CachedBody, ReadCache, RECORD_READS, StreamedBody } from '../common/cache/read-cache';
import { deadlineListReads } from '../deadlines/deadline.sql';
import { ProblemException } from '../common/problem/problem';
import { Environment, publicUrl } from '../config/environment';
import { DeadlineFilters } from '../deadlines/dto/list-deadlines.query';
import { RecommendationFilters } from '../recommendations/dto/list-recommendations.query';
import { ifNoneMatchHits } from '../common/http/etag';
import { FeedsService } from './feeds.service';

const ATOM = 'application/atom+xml; charset=utf-8';
const ICS = 'text/calendar; charset=utf-8';

@ApiTags('feeds')
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly env: Environment,
    /** A feed is built once per URL, data version and day, however many readers poll it. */
    private readonly cache: ReadCache,
  ) {}

  /**
   * Sends a feed (whole, or as it is being produced) with a strong ETag, or 304 when the client
   * already has this version.
   */
  private send(request: FastifyRequest, reply: FastifyReply, answer: CachedBody | StreamedBody, type: string): void {
    const { etag } = answer;
    reply.header('ETag', etag).header('Cache-Control', 'public, max-age=300').header('Vary', 'Accept-Encoding');
    if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
      // A feed being produced goes on into the cache entry; this client does not need its bytes.
      if ('stream' in answer) answer.stream.resume();
      reply.status(304).send();
      return;
    }
    reply
      .status(200)
      .header('Content-Type', type)
      .send('stream' in answer ? answer.stream : answer.body);
  }

  private self(request: FastifyRequest): string {
    return `${publicUrl(this.env)}${request.url}`;
  }

  @Get('changes.atom')
  @ApiOperation({ summary: 'Atom feed of status changes (the recommendation list filters apply); latest 200' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'An Atom feed, one entry per status change.', schema: { type: 'string', format: 'xml' } })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag).' })
  @ApiBadRequest()
  async changes(
    @Query() filters: RecommendationFilters,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.send(
      request,
      reply,
      await this.cache.text(request, RECORD_READS, () => this.feeds.changes(filters, this.self(request))),
      ATOM,
    );
  }

  @Get('recommendations/:file')
  @ApiOperation({ summary: 'Atom feed of one item’s status changes: /feeds/recommendations/{slug}.atom' })
  @ApiParam({ name: 'file', example: 'mayor-2021-foot-pursuit-policy.atom' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'An Atom feed, one entry per status change.', schema: { type: 'string', format: 'xml' } })
  @ApiResponse({ status: 304, description: 'Not modified.' })
  @ApiNotFound('recommendation')
  async recommendation(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.atom$/.exec(file);
    if (!m) throw ProblemException.notFound('feed', file);
    this.send(
      request,
      reply,
      await this.cache.text(request, RECORD_READS, () => this.feeds.recommendation(m[1], this.self(request))),
      ATOM,
    );
  }

  @Get('deadlines.ics')
  @ApiOperation({
    summary: 'iCalendar feed of deadlines (the deadline filters apply): one all-day VEVENT on each deadline’s last day',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) document.', schema: { type: 'string' } })
  @ApiResponse({ status: 304, description: 'Not modified.' })
  @ApiBadRequest()
  async deadlines(@Query() filters: DeadlineFilters, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // The calendar shows items by name alone: a status change keeps it (deadlineListReads).
    const reads = deadlineListReads(filters);
    this.send(request, reply, await this.cache.streamedText(request, reads, () => this.feeds.calendar(filters)), ICS);
  }
}
