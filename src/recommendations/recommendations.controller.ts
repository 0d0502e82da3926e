import { Controller, Get, Param, Query, Req, Res, Body, Headers } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBadRequest, ApiNotFound, ProblemDoc } from '../common/api-docs';
import { ReadCache } from '../common/cache/read-cache';
import { ReadAtQuery } from '../common/query/read-at.query';
import { ListRecommendationsQuery } from './dto/list-recommendations.query';
import { RecommendationDetail, RecommendationPage } from './dto/recommendation.response';
import { RecommendationsService } from './recommendations.service';
import { CatalogWritesService } from '../common/writes/record-writes.service';
import { CreateRecommendationDto, UpdateRecommendationDto } from './dto/recommendation.dto';
import { writeHeaders } from './recorded-views';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { AdminDelete, EditorCreate, EditorPatch, PublicRead } from '../common/http/routes';
/** The item page's parameters. */
export class AsOfQuery extends ReadAtQuery {}

@ApiTags('recommendations')
@ApiExtraModels(ProblemDoc)
@Controller('api/v1/recommendations')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly cache: ReadCache,
    private readonly writes: CatalogWritesService,
  ) {}

  @PublicRead(undefined, 'List recommendations, promises and requirements with their headline status', RecommendationPage)
  async list(
    @Query() query: ListRecommendationsQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.cache.send(request, reply, () => this.recommendations.list(query));
  }

  @Get(':slug')
  @ApiOperation({ summary: 'Everything about one item: text, assessments, history, deadlines, findings, links, events' })
  @ApiParam({ name: 'slug', example: 'doj-2017-foot-pursuit-policy' })
  @ApiQuery({ name: 'asOf', required: false, description: 'Answer as of the end of this local date (YYYY-MM-DD).' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'Only what the tracker had recorded by this instant (ISO 8601).' })
  @ApiOkResponse({ type: RecommendationDetail })
  @ApiBadRequest()
  @ApiNotFound('recommendation')
  async detail(
    @Param('slug') slug: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationDetail> {
    const detail = await this.recommendations.detail(slug, query.asOf, query.knownAt);
    // The version editors send back in If-Match (see src/common/http/etag.ts).
    writeHeaders(reply, { version: detail.version });
    return detail;
  }
  @EditorCreate(
    undefined,
    'Add a recommendation, requirement, commitment or demand',
    { type: RecommendationDetail, description: 'The new item; Location and ETag headers.' },
    [409, 'An item with this slug exists.'],
  )
  async create(
    @Body() body: CreateRecommendationDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationDetail> {
    const saved = await this.writes.create('recommendations', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations/${body.slug}`, version: saved.version });
    return this.recommendations.detail(body.slug);
  }

  @EditorPatch(
    ':slug',
    'recommendation',
    'Edit an item: text, title, source, topics… (If-Match required; statuses change through status changes)',
    { type: RecommendationDetail, description: 'The item as it is now; ETag header.' },
  )
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateRecommendationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationDetail> {
    const saved = await this.writes.update('recommendations', { slug }, { ...body }, ifMatch, editor);
    writeHeaders(reply, { version: saved.version });
    return this.recommendations.detail(slug);
  }

  @AdminDelete(
    ':slug',
    'Delete an item with no history, deadlines, findings, links or events (admin)',
    true,
    [404, 'No item with that slug.'],
    [409, 'It has history or something refers to it.'],
    [412, 'If-Match is stale.'],
  )
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('recommendations', { slug }, ifMatch, editor);
  }
}
