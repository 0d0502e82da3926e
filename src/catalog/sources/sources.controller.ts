import { Controller, Get, Param, Query, Res, Body, Delete, Headers, HttpCode, Patch, Post } from '@nestjs/common';
import { NextCursorProperty, PageQuery } from '../../common/pagination/keyset-page';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiCreatedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiBadRequest, ApiNotFound, ApiProblems } from '../../common/api-docs';
import { etagFor } from '../../common/http/etag';
import { NoQueryParams } from '../../common/query/no-params.query';
import { SOURCE_KINDS } from './source.entity';
import { SourcesService } from './sources.service';
import { RequireRole } from '../../auth/api-key.guard';
import { CatalogWritesService } from '../../common/writes/record-writes.service';
import { CreateSourceDto, UpdateSourceDto } from '../dto/catalog.dto';
import { ApiPatchProblems, IfMatchHeader } from '../../common/writes/write-docs';
import { writeHeaders } from '../../recommendations/recorded-views';
import { Editor, type EditorContext } from '../../common/writes/write-scope';
export class SourceView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SOURCE_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty({ type: String, nullable: true }) publishedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) archivedUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
}

export class SourceListView {
  @ApiProperty({ type: [SourceView] }) items: SourceView[];
  @NextCursorProperty() nextCursor: string | null;
}

export class CitingItemView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
}

export class SourceDetailView extends SourceView {
  @ApiProperty({ type: [CitingItemView], description: 'Recommendations that come from this source.' })
  recommendations: CitingItemView[];
  @ApiProperty({ description: 'How many status changes cite it as evidence.' }) evidenceCount: number;
  @ApiProperty({ description: 'How many monitor findings come from it.' }) findingCount: number;
}

@ApiTags('sources')
@Controller('api/v1/sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly writes: CatalogWritesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All sources: reports, decrees, statements, news, each with its link' })
  @ApiOkResponse({ type: SourceListView })
  @ApiBadRequest()
  list(@Query() q: PageQuery): Promise<SourceListView> {
    return this.sources.list(q);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One source and what cites it' })
  @ApiOkResponse({ type: SourceDetailView })
  @ApiNotFound('source')
  @ApiBadRequest()
  async detail(
    @Param('slug') slug: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SourceDetailView> {
    const detail = await this.sources.detail(slug);
    reply.header('ETag', etagFor(detail.version));
    return detail;
  }
  @Post()
  @RequireRole('editor')
  @ApiOperation({ summary: 'Add a source (report, decree, statement, article)' })
  @ApiCreatedResponse({ type: SourceDetailView, description: 'The new source; Location and ETag headers.' })
  @ApiBadRequest()
  @ApiProblems([409, 'A source with this slug exists.'])
  async create(@Body() body: CreateSourceDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('sources', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/sources/${body.slug}`, version: saved.version });
    return this.sources.detail(body.slug);
  }

  @Patch(':slug')
  @RequireRole('editor')
  @ApiOperation({ summary: 'Edit a source (If-Match required)' })
  @IfMatchHeader(true)
  @ApiOkResponse({ type: SourceDetailView, description: 'The source as it is now; ETag header.' })
  @ApiBadRequest()
  @ApiPatchProblems('source')
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateSourceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Editor() editor: EditorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const saved = await this.writes.update('sources', { slug }, { ...body }, ifMatch, editor);
    writeHeaders(reply, { version: saved.version });
    return this.sources.detail(slug);
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete a source nothing refers to (admin)' })
  @IfMatchHeader(false)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems([404, 'No source with that slug.'], [409, 'Something still refers to it.'], [412, 'If-Match is stale.'])
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('sources', { slug }, ifMatch, editor);
  }
}
