import { Module } from '@nestjs/common';
import { ImportExportModule } from '../import-export/import-export.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { SeedService } from './seed.service';

/** Seeding is importing the seed file (see seed.service.ts). */
@Module({ imports: [ImportExportModule, RecommendationsModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
