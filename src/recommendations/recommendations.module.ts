/** Recommendations and their status changes and reviews: reads, writes and the views writes answer with. */
import { Module } from '@nestjs/common';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';
import { EditingViews } from './recorded-views';
import { StatusChangesController } from './status-changes.controller';
import { StatusChangesRepository } from './status-changes.repository';
import { StatusChangeWritesService } from './status-changes.service';

@Module({
  controllers: [RecommendationsController, StatusChangesController],
  providers: [
    RecommendationsRepository,
    RecommendationsService,
    StatusChangesRepository,
    StatusChangeWritesService,
    EditingViews,
  ],
  exports: [RecommendationsRepository, RecommendationsService, EditingViews],
})
export class RecommendationsModule {}
