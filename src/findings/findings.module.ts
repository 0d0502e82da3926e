/** Monitor findings: recorded per reporting period; read through their recommendation. */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { FindingsController } from './findings.controller';
import { FindingWritesService } from './findings.service';

@Module({ imports: [RecommendationsModule], controllers: [FindingsController], providers: [FindingWritesService] })
export class FindingsModule {}
