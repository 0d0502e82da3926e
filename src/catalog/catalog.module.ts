/** The catalog: sources, actors and topics, each read and written through its own controller. */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { ActorsController } from './actors/actors.controller';
import { ActorsRepository } from './actors/actors.repository';
import { ActorsService } from './actors/actors.service';
import { SourcesController } from './sources/sources.controller';
import { SourcesRepository } from './sources/sources.repository';
import { SourcesService } from './sources/sources.service';
import { TopicsController } from './topics/topics.controller';
import { TopicsRepository } from './topics/topics.repository';

@Module({
  imports: [RecommendationsModule],
  controllers: [SourcesController, ActorsController, TopicsController],
  providers: [SourcesRepository, SourcesService, ActorsRepository, ActorsService, TopicsRepository],
  exports: [SourcesService, ActorsService],
})
export class CatalogModule {}
