import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiBadRequest, ApiNotFound } from '../common/api-docs';
import { etagFor } from '../common/http/etag';
import { NoQueryParams } from '../common/query/no-params.query';
import { SOURCE_KINDS } from './source.entity';
import { SourcesService } from './sources.service';

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
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @ApiOperation({ summary: 'All sources: reports, decrees, statements, news, each with its link' })
  @ApiOkResponse({ type: SourceListView })
  @ApiBadRequest()
  list(@Query() _q: NoQueryParams): Promise<SourceListView> {
    return this.sources.list();
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
}
