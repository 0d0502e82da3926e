import { Controller, Param, Body } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecommendationDetail } from './dto/recommendation.response';
import { RecommendationsService } from './recommendations.service';
import { CreateReviewDto, CreateStatusChangeDto } from './dto/status-change.dto';
import { EditingViews, RecordedStatusChangeView } from './recorded-views';
import { StatusChangeWritesService } from './status-changes.service';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { ItemAppend } from '../common/http/routes';

/** An item's status changes (and retractions) and its "reviewed, unchanged" records: append-only writes. */
@ApiTags('recommendations')
@Controller('api/v1/recommendations/:slug')
export class StatusChangesController {
  constructor(
    private readonly statusChanges: StatusChangeWritesService,
    private readonly recommendations: RecommendationsService,
    private readonly views: EditingViews,
  ) {}

  @ItemAppend(
    'status-changes',
    {
      summary: 'Record a status change with its evidence, or correct one by retracting it',
      description:
        'Evidence is required: `source` (a source slug) or `url`, plus `excerpt` or `note`. `effectiveOn` may not be in the future. ' +
        'With `retracts`, the earlier change is shown as retracted and no longer counts; both stay in the history.',
    },
    { type: RecordedStatusChangeView, description: 'The entry as the history shows it, and the headline status now.' },
    'The change named in retracts is already retracted, or the slug is taken.',
  )
  async recordStatusChange(@Param('slug') slug: string, @Body() body: CreateStatusChangeDto, @Editor() editor: EditorContext) {
    return this.views.statusChange((await this.statusChanges.record(slug, body, editor)).id);
  }

  @ItemAppend(
    'reviews',
    {
      summary: 'Record "reviewed, status unchanged": who checked the item, when, and optionally the evidence',
      description:
        'Keeps an item from being flagged stale without inventing a status change: the "since" date stays where it is.',
    },
    { type: RecommendationDetail, description: 'The item, with the review in `reviews`.' },
    'The slug is taken.',
  )
  async recordReview(@Param('slug') slug: string, @Body() body: CreateReviewDto, @Editor() editor: EditorContext) {
    await this.statusChanges.review(slug, body, editor);
    return this.recommendations.detail(slug);
  }
}
