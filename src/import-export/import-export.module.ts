/** Bulk import (JSON or CSV, all or nothing) and export (JSON and CSV) in one file format. */
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { ExportRepository } from './export.repository';
import { ExportService } from './export.service';
import { ImportExportController } from './import-export.controller';
import { ImportService } from './import.service';
import { ListCsvController } from './list-csv.controller';

@Module({
  imports: [RecommendationsModule],
  controllers: [ImportExportController, ListCsvController],
  providers: [ImportService, ExportService, ExportRepository],
  exports: [ImportService],
})
export class ImportExportModule {}
