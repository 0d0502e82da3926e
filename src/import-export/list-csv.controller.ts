import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ApiBadRequest } from '../common/api-docs';
import { Clock } from '../common/clock';
import { Environment, publicUrl } from '../config/environment';
import { RecommendationFilters } from '../recommendations/dto/list-recommendations.query';
import { ExportService } from './export.service';
import { stamped } from './import-export.controller';
import { LIST_CSV_COLUMNS } from './list-csv';

/** The recommendation list as readers see it, as CSV (the import format is /api/v1/export/recommendations.csv). */
@ApiTags('recommendations')
@Controller('api/v1')
export class ListCsvController {
  constructor(
    private readonly exporter: ExportService,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  @Get('recommendations.csv')
  @ApiOperation({
    summary: 'The recommendation list as shown, as CSV for a spreadsheet (not the import format)',
    description:
      'Every item matching the list filters (all of them, not a page), with what the list shows: ' +
      `${LIST_CSV_COLUMNS.join(', ')}. statusSince is the date the headline status took effect; statusAssessor who says so; ` +
      'nextDeadline* the earliest open deadline (its label in its original words, due as stated, state); daysLate how late it is; ' +
      'url the item page (carrying asOf and knownAt when given). Booleans are true/false, lists are separated by semicolons. ' +
      'Cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) get a leading ' +
      'apostrophe. Stamped with its generation time in the X-Generated-At header and the file name (and X-As-Of with asOf); the ' +
      'file itself has no comment lines. For a file that imports back unchanged, use GET /api/v1/export/recommendations.csv.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV (RFC 4180, UTF-8, CRLF line ends) with a header row.',
    schema: { type: 'string', example: `${LIST_CSV_COLUMNS.join(',')}\r\n` },
    headers: {
      'X-Generated-At': { description: 'When the file was generated (ISO 8601 instant).', schema: { type: 'string' } },
      'X-As-Of': { description: 'The asOf date of the view, when one was asked for.', schema: { type: 'string' } },
    },
  })
  @ApiBadRequest()
  async list(@Query() filters: RecommendationFilters, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    // Resolve the filters before anything is sent, so a bad one is still a 400 problem.
    const context = await this.exporter.listCsvContext(filters, publicUrl(this.env));
    const generatedAt = this.clock.now();
    const name = filters.asOf ? `recommendations-list-as-of-${filters.asOf}` : 'recommendations-list';
    const disposition = stamped(reply, generatedAt, name, 'csv');
    if (filters.asOf) reply.header('X-As-Of', filters.asOf);
    return new StreamableFile(Readable.from(this.exporter.listCsv(filters, context)), {
      type: 'text/csv; charset=utf-8',
      disposition,
    });
  }
}
