/** Deadlines: the list, setting them on an item, and settling them (met, partly met, missed, …). */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { DeadlineWritesService } from './deadline-commands.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  imports: [RecommendationsModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesRepository, DeadlinesService, DeadlineWritesService],
  exports: [DeadlinesService, DeadlinesRepository],
})
export class DeadlinesModule {}
