/**
 * Editors' writes under /api/v1: creating and editing sources, actors, topics, recommendations,
 * events and links; recording status changes, deadlines and findings; deleting (admins). Every
 * write needs an API key, runs in one transaction and leaves an audit entry.
 */
import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { SourcesModule } from '../sources/sources.module';
import { ActorsEditingController, SourcesEditingController, TopicsEditingController } from './catalog-editing.controller';
import { CatalogWritesService } from './catalog-writes.service';
import { DeadlineWritesService } from './deadline-writes.service';
import { DeadlinesEditingController } from './deadlines-editing.controller';
import { EditingViews } from './editing-views';
import { EventsEditingController, LinksEditingController } from './events-links-editing.controller';
import { FindingWritesService } from './finding-writes.service';
import { RecommendationsEditingController } from './recommendations-editing.controller';
import { RecordsRepository } from './records.repository';
import { StatusChangeWritesService } from './status-change-writes.service';
import { Writes } from './write-scope';

@Module({
  imports: [RecommendationsModule, SourcesModule, ActorsModule],
  controllers: [
    SourcesEditingController,
    ActorsEditingController,
    TopicsEditingController,
    RecommendationsEditingController,
    EventsEditingController,
    LinksEditingController,
    DeadlinesEditingController,
  ],
  providers: [
    Writes,
    RecordsRepository,
    EditingViews,
    CatalogWritesService,
    StatusChangeWritesService,
    DeadlineWritesService,
    FindingWritesService,
  ],
  exports: [Writes, RecordsRepository],
})
export class EditingModule {}
