/** Links between recommendations (implements, restates, supersedes, related). */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { LinksController } from './links.controller';

@Module({ imports: [RecommendationsModule], controllers: [LinksController] })
export class LinksModule {}
