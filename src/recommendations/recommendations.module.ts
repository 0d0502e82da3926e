import { Module } from '@nestjs/common';
import { ReadCache } from '../common/cache/read-cache';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';

@Module({
  controllers: [RecommendationsController],
  providers: [RecommendationsRepository, RecommendationsService, ReadCache],
  exports: [RecommendationsRepository, RecommendationsService],
})
export class RecommendationsModule {}
