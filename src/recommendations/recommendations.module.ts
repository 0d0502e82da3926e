import { Module } from '@nestjs/common';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';

@Module({
  controllers: [RecommendationsController],
  providers: [RecommendationsRepository, RecommendationsService],
  exports: [RecommendationsRepository, RecommendationsService],
})
export class RecommendationsModule {}
