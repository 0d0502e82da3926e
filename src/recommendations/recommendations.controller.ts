import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBadRequest, ApiNotFound, ProblemDoc } from '../common/api-docs';
import { ReadCache, RECORD_READS } from '../common/cache/read-cache';
import { EarlyRoutes } from '../common/http/early-routes';
import { etagFor } from '../common/http/etag';
import { SLUG } from '../common/validation/fields';
import { ReadAtQuery } from '../common/query/read-at.query';
import { ListRecommendationsQuery } from './dto/list-recommendations.query';
import { RecommendationDetail, RecommendationPage } from './dto/recommendation.response';
import { RecommendationsService } from './recommendations.service';
import { CreateRecommendationDto, UpdateRecommendationDto } from './dto/recommendation.dto';
import { EditorResource } from '../common/writes/editor-resource';
import { PublicRead, SendsVersion } from '../common/http/routes';
/** The item page's parameters. */
export class AsOfQuery extends ReadAtQuery {}

@ApiTags('recommendations')
@ApiExtraModels(ProblemDoc)
@Controller('api/v1/recommendations')
export class RecommendationsController extends EditorResource(
  'recommendations',
  RecommendationDetail,
  CreateRecommendationDto,
  UpdateRecommendationDto,
) {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly cache: ReadCache,
    earlyRoutes: EarlyRoutes,
  ) {
    super();
    // A list query already validated is answered before Nest's pipeline (early-routes.ts), the same way.
    earlyRoutes.register('/api/v1/recommendations', ListRecommendationsQuery, (query, request, reply) =>
      this.answerList(query, request, reply),
    );
    // So is one item whose slug is well-formed (anything else, and an unknown slug's 404, goes on to
    // Nest's route, which answers as it always does).
    earlyRoutes.register('/api/v1/recommendations/:slug', AsOfQuery, async (query, request, reply) => {
      const { slug } = request.params as { slug: string };
      if (!SLUG.test(slug)) throw new Error('not a slug: left to the route');
      const answer = await this.recommendations.detail(slug, query.asOf, query.knownAt);
      await reply.header('ETag', etagFor(answer.version)).send(answer);
    });
  }

  protected show({ slug }: { slug: string }): Promise<RecommendationDetail> {
    return this.recommendations.detail(slug);
  }

  @PublicRead(undefined, 'List recommendations, promises and requirements with their headline status', RecommendationPage)
  async list(
    @Query() query: ListRecommendationsQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.answerList(query, request, reply);
  }

  private answerList(query: ListRecommendationsQuery, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.cache.send(request, reply, RECORD_READS, () => this.recommendations.listJson(query), String);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'Everything about one item: text, assessments, history, deadlines, findings, links, events' })
  @ApiParam({ name: 'slug', example: 'doj-2017-foot-pursuit-policy' })
  @ApiQuery({ name: 'asOf', required: false, description: 'Answer as of the end of this local date (YYYY-MM-DD).' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'Only what the tracker had recorded by this instant (ISO 8601).' })
  @ApiOkResponse({ type: RecommendationDetail })
  @ApiBadRequest()
  @ApiNotFound('recommendation')
  @SendsVersion()
  detail(@Param('slug') slug: string, @Query() query: AsOfQuery): Promise<RecommendationDetail> {
    return this.recommendations.detail(slug, query.asOf, query.knownAt);
  }
}
