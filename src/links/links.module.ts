/** Links between recommendations (implements, restates, supersedes, related). */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { LinksController } from './links.controller';
import { LinksRepository } from './links.repository';

@Module({ imports: [RecommendationsModule], controllers: [LinksController], providers: [LinksRepository] })
export class LinksModule {}
