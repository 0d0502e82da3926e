/** The catalog: sources, actors and topics, each read and written through its own controller. */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { ActorsController } from './actors/actors.controller';
import { ActorsService } from './actors/actors.service';
import { SourcesController } from './sources/sources.controller';
import { SourcesService } from './sources/sources.service';
import { TopicsController } from './topics/topics.controller';

@Module({
  imports: [RecommendationsModule],
  controllers: [SourcesController, ActorsController, TopicsController],
  providers: [SourcesService, ActorsService],
  exports: [SourcesService, ActorsService],
})
export class CatalogModule {}
