import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { FeedsController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

/** Atom feeds of status changes and the iCalendar feed of deadlines. */
@Module({
  imports: [RecommendationsModule, DeadlinesModule],
  controllers: [FeedsController],
  providers: [FeedsRepository, FeedsService],
})
export class FeedsModule {}
