/** Context events on the timeline (a shooting, a report's release, a hearing): read and written here. */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';

@Module({ imports: [RecommendationsModule], controllers: [EventsController], providers: [EventsRepository] })
export class EventsModule {}
