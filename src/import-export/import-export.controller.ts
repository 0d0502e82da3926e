import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { RequireRole } from '../auth/api-key.guard';
import { Clock } from '../common/clock';
import { ApiBadRequest, ApiProblems } from '../common/api-docs';
import { ProblemException } from '../common/problem/problem';
import { ToBoolean } from '../common/query/query-transforms';
import { Environment, publicUrl } from '../config/environment';
import { RECORD_KINDS } from '../common/records/record-specs';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { RecommendationFilters } from '../recommendations/dto/list-recommendations.query';
import { CSV_ENTITY_NAMES } from './csv-format';
import { ExportService } from './export.service';
import { BULK_UPLOAD } from './import-body';
import { DEFAULT_IMPORT_NOTIFY, ImportService } from './import.service';
import { IMPORT_NOTIFY_MODES, type ImportNotifyMode } from '../notifications/notification.entity';

const ENTITY_NAMES = Object.keys(CSV_ENTITY_NAMES);

export class ImportQuery {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: report what would be created, updated and left alone, and write nothing.',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    enum: IMPORT_NOTIFY_MODES,
    default: DEFAULT_IMPORT_NOTIFY,
    description:
      'How subscribers hear of the status changes and findings the import creates: digest (the default) holds them for ' +
      "each subscriber's next daily digest, one email however many rows; none never announces them (a backfill of " +
      'history); each owes one email per row, as an editor entering them one by one would.',
  })
  @IsOptional()
  @IsIn(IMPORT_NOTIFY_MODES, { message: `notify must be one of: ${IMPORT_NOTIFY_MODES.join(', ')}` })
  notify?: ImportNotifyMode;

  @ApiPropertyOptional({ enum: ENTITY_NAMES, description: 'For a CSV upload: which kind of record the file holds.' })
  @IsOptional()
  @IsIn(ENTITY_NAMES, { message: `entity must be one of: ${ENTITY_NAMES.join(', ')}` })
  entity?: string;
}

class CountsDoc {
  @ApiPropertyOptional() sources?: number;
  @ApiPropertyOptional() actors?: number;
  @ApiPropertyOptional() topics?: number;
  @ApiPropertyOptional() recommendations?: number;
  @ApiPropertyOptional() statusChanges?: number;
  @ApiPropertyOptional() deadlines?: number;
  @ApiPropertyOptional() findings?: number;
  @ApiPropertyOptional() links?: number;
  @ApiPropertyOptional() events?: number;
}

class ImportChangeDoc {
  @ApiProperty({ enum: RECORD_KINDS }) entity: string;
  @ApiProperty({ description: 'The slug (for a link: "from type to").' }) key: string;
  @ApiProperty({ enum: ['created', 'updated'] }) action: string;
  @ApiPropertyOptional({ type: [String], description: 'The fields an update changes.' }) fields?: string[];
}

export class ImportReportDoc {
  @ApiProperty({ description: 'true: nothing was written.' }) dryRun: boolean;
  @ApiProperty({ enum: IMPORT_NOTIFY_MODES, description: 'How the created status changes and findings are announced.' })
  notify: string;
  @ApiProperty({ type: CountsDoc }) created: CountsDoc;
  @ApiProperty({ type: CountsDoc }) updated: CountsDoc;
  @ApiProperty({ type: CountsDoc, description: 'Rows identical to what is stored: left alone.' }) unchanged: CountsDoc;
  @ApiProperty({ type: [ImportChangeDoc], description: 'What was (or would be) created or updated; at most 1000.' })
  changes: ImportChangeDoc[];
  @ApiProperty() changesTruncated: boolean;
}

/** Stamps a download with when it was generated: headers, and the time in the file name. */
export function stamped(reply: FastifyReply, generatedAt: Date, name: string, extension: string): string {
  reply.header('X-Generated-At', generatedAt.toISOString());
  reply.header('Last-Modified', generatedAt.toUTCString());
  const compact = generatedAt.toISOString().replace(/[-:]|\.\d+/g, '');
  return `attachment; filename="${name}-${compact}.${extension}"`;
}

@ApiTags('import and export')
@Controller('api/v1')
export class ImportExportController {
  constructor(
    private readonly importer: ImportService,
    private readonly exporter: ExportService,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  @Post('import')
  @HttpCode(200)
  @RequireRole('editor')
  @RouteConfig(BULK_UPLOAD)
  @ApiOperation({
    summary: 'Bulk import: upsert by slug, all or nothing',
    description:
      'JSON (application/json): an object with any of the lists sources, actors, topics, recommendations, statusChanges, deadlines, ' +
      'findings, links, events, in the format GET /api/v1/export.json produces. CSV (text/csv): one kind of record per file, with a ' +
      'header row, and ?entity= naming the kind; the columns are those of GET /api/v1/export/{entity}.csv. Rows are matched by slug ' +
      '(links by from, type and to): new ones are created, differing ones updated (status changes, deadlines and findings are never ' +
      'edited: a difference is an error), identical ones left alone, so importing a file twice changes nothing the second time. ' +
      'An import never deletes: rows it leaves out stay, and an event only gains related recommendations (PATCH removes them). ' +
      'Any problem, in any row, and nothing is written; every error names the row and the field. Bigger than IMPORT_MAX_BYTES: 413.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { type: 'object', description: 'The export format (JSON) or a CSV file.' } })
  @ApiOkResponse({ type: ImportReportDoc })
  @ApiBadRequest()
  @ApiProblems([413, 'The upload is larger than IMPORT_MAX_BYTES.'], [415, 'Send application/json or text/csv.'])
  import(
    @Body() body: unknown,
    @Query() query: ImportQuery,
    @Headers('content-type') contentType: string | undefined,
    @Editor() editor: EditorContext,
  ): Promise<ImportReportDoc> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const dryRun = query.dryRun ?? false;
    if (type === 'text/csv' || type === 'application/csv') {
      if (!query.entity) {
        throw ProblemException.validation([
          { field: 'entity', in: 'query', reason: `a CSV upload needs ?entity= (${ENTITY_NAMES.join(', ')})` },
        ]);
      }
      return this.importer.run(
        { format: 'csv', kind: CSV_ENTITY_NAMES[query.entity], text: String(body ?? '') },
        dryRun,
        editor,
        {
          notify: query.notify,
        },
      );
    }
    if (type !== 'application/json') {
      throw new ProblemException({
        type: 'about:blank',
        title: 'Unsupported Media Type',
        status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        detail: 'Send the file as application/json (the export format) or text/csv (with ?entity=).',
      });
    }
    if (query.entity) throw ProblemException.validation([{ field: 'entity', in: 'query', reason: 'is only for CSV uploads' }]);
    return this.importer.run({ format: 'json', body }, dryRun, editor, { notify: query.notify });
  }

  @Get('export.json')
  @ApiOperation({
    summary: 'Everything, or the recommendations matching the list filters with everything they refer to, in the import format',
    description:
      'Stamped with generatedAt (also the X-Generated-At header). Importing it into an empty tracker gives back the same data.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: 'The export: generatedAt, meta, filters, and the lists sources … events.',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiBadRequest()
  async exportJson(
    @Query() filters: RecommendationFilters,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const scope = await this.exporter.scope(filters);
    const generatedAt = this.clock.now();
    const disposition = stamped(reply, generatedAt, 'reform-tracker', 'json');
    const chunks = this.exporter.json(scope, { generatedAt: generatedAt.toISOString(), filters, source: publicUrl(this.env) });
    return new StreamableFile(Readable.from(chunks), { type: 'application/json; charset=utf-8', disposition });
  }

  @Get('export/:file')
  @ApiOperation({
    summary: 'One kind of record as CSV, with the columns the CSV import reads',
    description:
      'With list filters, the records that export.json with the same filters would hold (the matching recommendations and what they ' +
      'refer to). Stamped with the X-Generated-At header and the file name. Cells are exactly as stored (no formula ' +
      'neutralising), so the file imports back unchanged; for the list as readers see it (status, deadlines, overdue) in a ' +
      'spreadsheet, use GET /api/v1/recommendations.csv.',
  })
  @ApiParam({ name: 'file', enum: ENTITY_NAMES.map((n) => `${n}.csv`) })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row.', schema: { type: 'string' } })
  @ApiBadRequest()
  @ApiProblems([404, 'No such export.'])
  async exportCsv(
    @Param('file') file: string,
    @Query() filters: RecommendationFilters,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const name = /^([a-z-]+)\.csv$/.exec(file)?.[1];
    const kind = name ? CSV_ENTITY_NAMES[name] : undefined;
    if (!kind || !name) {
      throw new ProblemException({
        type: 'about:blank',
        title: 'Not Found',
        status: HttpStatus.NOT_FOUND,
        detail: `No export "${file}". The CSV exports are ${ENTITY_NAMES.map((n) => `${n}.csv`).join(', ')}.`,
      });
    }
    const scope = await this.exporter.scope(filters);
    const disposition = stamped(reply, this.clock.now(), name, 'csv');
    return new StreamableFile(Readable.from(this.exporter.csv(kind, scope)), { type: 'text/csv; charset=utf-8', disposition });
  }
}
