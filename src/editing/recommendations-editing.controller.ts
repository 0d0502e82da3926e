import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/api-key.guard';
import { ApiBadRequest, ApiProblems } from '../common/api-docs';
import { RecommendationDetail } from '../recommendations/dto/recommendation.response';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { ApiPatchProblems, IfMatchHeader } from './editing-docs';
import { CatalogWritesService } from './catalog-writes.service';
import { DeadlineWritesService } from './deadline-writes.service';
import { CreateDeadlineDto } from './dto/deadline.dto';
import { CreateFindingDto } from './dto/finding.dto';
import { CreateRecommendationDto, UpdateRecommendationDto } from './dto/recommendation.dto';
import { CreateReviewDto, CreateStatusChangeDto } from './dto/status-change.dto';
import { EditingViews, RecordedDeadlineView, RecordedFindingView, RecordedStatusChangeView, writeHeaders } from './editing-views';
import { FindingWritesService } from './finding-writes.service';
import { StatusChangeWritesService } from './status-change-writes.service';
import { Editor, type EditorContext } from './write-scope';

@ApiTags('recommendations')
@Controller('api/v1/recommendations')
export class RecommendationsEditingController {
  constructor(
    private readonly writes: CatalogWritesService,
    private readonly statusChanges: StatusChangeWritesService,
    private readonly deadlines: DeadlineWritesService,
    private readonly findings: FindingWritesService,
    private readonly recommendations: RecommendationsService,
    private readonly views: EditingViews,
  ) {}

  @Post()
  @RequireRole('editor')
  @ApiOperation({ summary: 'Add a recommendation, requirement, commitment or demand' })
  @ApiCreatedResponse({ type: RecommendationDetail, description: 'The new item; Location and ETag headers.' })
  @ApiBadRequest()
  @ApiProblems([409, 'An item with this slug exists.'])
  async create(
    @Body() body: CreateRecommendationDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationDetail> {
    const saved = await this.writes.create('recommendations', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations/${body.slug}`, version: saved.version });
    return this.recommendations.detail(body.slug);
  }

  @Patch(':slug')
  @RequireRole('editor')
  @ApiOperation({
    summary: 'Edit an item: text, title, source, topics… (If-Match required; statuses change through status changes)',
  })
  @IfMatchHeader(true)
  @ApiOkResponse({ type: RecommendationDetail, description: 'The item as it is now; ETag header.' })
  @ApiBadRequest()
  @ApiPatchProblems('recommendation')
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

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete an item with no history, deadlines, findings, links or events (admin)' })
  @IfMatchHeader(false)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'No item with that slug.'], [409, 'It has history or something refers to it.'], [412, 'If-Match is stale.'])
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('recommendations', { slug }, ifMatch, editor);
  }

  @Post(':slug/status-changes')
  @RequireRole('editor')
  @ApiOperation({
    summary: 'Record a status change with its evidence, or correct one by retracting it',
    description:
      'Evidence is required: `source` (a source slug) or `url`, plus `excerpt` or `note`. `effectiveOn` may not be in the future. ' +
      'With `retracts`, the earlier change is shown as retracted and no longer counts; both stay in the history.',
  })
  @ApiCreatedResponse({
    type: RecordedStatusChangeView,
    description: 'The entry as the history shows it, and the headline status now.',
  })
  @ApiBadRequest()
  @ApiProblems(
    [404, 'No item with that slug.'],
    [409, 'The change named in retracts is already retracted, or the slug is taken.'],
  )
  async recordStatusChange(
    @Param('slug') slug: string,
    @Body() body: CreateStatusChangeDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedStatusChangeView> {
    const { id } = await this.statusChanges.record(slug, body, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations/${slug}` });
    return this.views.statusChange(id);
  }

  @Post(':slug/reviews')
  @RequireRole('editor')
  @ApiOperation({
    summary: 'Record "reviewed, status unchanged": who checked the item, when, and optionally the evidence',
    description: 'Keeps an item from being flagged stale without inventing a status change: the "since" date stays where it is.',
  })
  @ApiCreatedResponse({ type: RecommendationDetail, description: 'The item, with the review in `reviews`.' })
  @ApiBadRequest()
  @ApiProblems([404, 'No item with that slug.'], [409, 'The slug is taken.'])
  async recordReview(
    @Param('slug') slug: string,
    @Body() body: CreateReviewDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationDetail> {
    await this.statusChanges.review(slug, body, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations/${slug}` });
    return this.recommendations.detail(slug);
  }

  @Post(':slug/deadlines')
  @RequireRole('editor')
  @ApiOperation({ summary: 'Set a deadline, in its original wording and precision' })
  @ApiCreatedResponse({ type: RecordedDeadlineView, description: 'The new deadline; ETag header.' })
  @ApiBadRequest()
  @ApiProblems([404, 'No item with that slug.'], [409, 'The slug is taken.'])
  async createDeadline(
    @Param('slug') slug: string,
    @Body() body: CreateDeadlineDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedDeadlineView> {
    const { id } = await this.deadlines.create(slug, body, editor);
    const view = await this.views.deadline(id);
    writeHeaders(reply, { location: `/api/v1/recommendations/${slug}`, version: view.version });
    return view;
  }

  @Post(':slug/findings')
  @RequireRole('editor')
  @ApiOperation({ summary: "Record a monitor's finding for one reporting period" })
  @ApiCreatedResponse({ type: RecordedFindingView })
  @ApiBadRequest()
  @ApiProblems([404, 'No item with that slug.'], [409, 'The slug is taken.'])
  async createFinding(
    @Param('slug') slug: string,
    @Body() body: CreateFindingDto,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedFindingView> {
    const { id } = await this.findings.create(slug, body, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations/${slug}` });
    return this.views.finding(id);
  }
}
