import { Module } from '@nestjs/common';
import { ReadCache } from '../common/cache/read-cache';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { FeedsController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

/** Atom feeds of status changes and the iCalendar feed of deadlines. */
@Module({
  imports: [RecommendationsModule, DeadlinesModule],
  controllers: [FeedsController],
  providers: [FeedsRepository, FeedsService, ReadCache],
})
export class FeedsModule {}
