import { Controller, Param, Query, Res, Body, Headers } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { NextCursorProperty, PageQuery } from '../../common/pagination/keyset-page';
import type { FastifyReply } from 'fastify';
import { NoQueryParams } from '../../common/query/no-params.query';
import { SOURCE_KINDS } from './source.entity';
import { SourcesService } from './sources.service';
import { CatalogWritesService } from '../../common/writes/record-writes.service';
import { CreateSourceDto, UpdateSourceDto } from '../dto/catalog.dto';
import { writeHeaders } from '../../recommendations/recorded-views';
import { Editor, type EditorContext } from '../../common/writes/write-scope';
import { AdminDelete, EditorCreate, EditorPatch, PublicRead } from '../../common/http/routes';
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

  @PublicRead(undefined, 'All sources: reports, decrees, statements, news, each with its link', SourceListView)
  list(@Query() q: PageQuery): Promise<SourceListView> {
    return this.sources.list(q);
  }

  @PublicRead(':slug', 'One source and what cites it', SourceDetailView, 'source')
  async detail(
    @Param('slug') slug: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SourceDetailView> {
    const detail = await this.sources.detail(slug);
    writeHeaders(reply, { version: detail.version });
    return detail;
  }
  @EditorCreate(
    undefined,
    'Add a source (report, decree, statement, article)',
    { type: SourceDetailView, description: 'The new source; Location and ETag headers.' },
    [409, 'A source with this slug exists.'],
  )
  async create(@Body() body: CreateSourceDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const saved = await this.writes.create('sources', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/sources/${body.slug}`, version: saved.version });
    return this.sources.detail(body.slug);
  }

  @EditorPatch(':slug', 'source', 'Edit a source (If-Match required)', {
    type: SourceDetailView,
    description: 'The source as it is now; ETag header.',
  })
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

  @AdminDelete(
    ':slug',
    'Delete a source nothing refers to (admin)',
    true,
    [404, 'No source with that slug.'],
    [409, 'Something still refers to it.'],
    [412, 'If-Match is stale.'],
  )
  async remove(@Param('slug') slug: string, @Headers('if-match') ifMatch: string | undefined, @Editor() editor: EditorContext) {
    await this.writes.remove('sources', { slug }, ifMatch, editor);
  }
}
