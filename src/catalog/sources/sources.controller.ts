import { Controller, Param, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { NextCursorProperty, PageQuery } from '../../common/pagination/keyset-page';
import type { FastifyReply } from 'fastify';
import { NoQueryParams } from '../../common/query/no-params.query';
import { SOURCE_KINDS } from './source.entity';
import { SourcesService } from './sources.service';
import { CreateSourceDto, UpdateSourceDto } from '../dto/catalog.dto';
import { writeHeaders } from '../../recommendations/recorded-views';
import { EditorResource } from '../../common/writes/editor-resource';
import { PublicRead } from '../../common/http/routes';
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
export class SourcesController extends EditorResource('sources', SourceDetailView, CreateSourceDto, UpdateSourceDto) {
  constructor(private readonly sources: SourcesService) {
    super();
  }

  protected show({ slug }: { slug: string }): Promise<SourceDetailView> {
    return this.sources.detail(slug);
  }

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
}
