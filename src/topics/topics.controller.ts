import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiBadRequest } from '../common/api-docs';
import { NoQueryParams } from '../common/query/no-params.query';

export class TopicView {
  @ApiProperty({ example: 'foot-pursuits' }) slug: string;
  @ApiProperty({ example: 'Foot pursuits' }) name: string;
  @ApiProperty({ description: 'How many recommendations are filed under it.' }) count: number;
}

export class TopicListView {
  @ApiProperty({ type: [TopicView] }) items: TopicView[];
}

@ApiTags('topics')
@Controller('api/v1/topics')
export class TopicsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Topics with how many items each has' })
  @ApiOkResponse({ type: TopicListView })
  @ApiBadRequest()
  async list(@Query() _q: NoQueryParams): Promise<TopicListView> {
    const items: TopicView[] = await this.dataSource.query(
      `SELECT t.slug AS "slug", t.name AS "name", (SELECT COUNT(*) FROM recommendation_topic rt WHERE rt.topic_id = t.id) AS "count"
       FROM topic t ORDER BY t.name`,
    );
    return { items: items.map((t) => ({ ...t, count: Number(t.count) })) };
  }
}

@Module({ controllers: [TopicsController] })
export class TopicsModule {}
