import { Controller, Query, Body, Param, Res } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { keysetPage, ListViewOf, PageQuery } from '../../common/pagination/keyset-page';
import { ProblemException } from '../../common/problem/problem';
import type { FastifyReply } from 'fastify';
import { CatalogWritesService } from '../../common/writes/record-writes.service';
import { CreateTopicDto } from '../dto/catalog.dto';
import { TopicWriteView, writeHeaders } from '../../recommendations/recorded-views';
import { Editor, type EditorContext } from '../../common/writes/write-scope';
import { TopicsRepository } from './topics.repository';
import { AdminDelete, EditorCreate, PublicRead } from '../../common/http/routes';

export class TopicView {
  @ApiProperty({ example: 'foot-pursuits' }) slug: string;
  @ApiProperty({ example: 'Foot pursuits' }) name: string;
  @ApiProperty({ description: 'How many recommendations are filed under it.' }) count: number;
}

export class TopicListView extends ListViewOf(TopicView) {}

@ApiTags('topics')
@Controller('api/v1/topics')
export class TopicsController {
  constructor(
    private readonly topics: TopicsRepository,
    private readonly writes: CatalogWritesService,
  ) {}

  @PublicRead(undefined, 'Topics with how many items each has', TopicListView)
  list(@Query() q: PageQuery): Promise<TopicListView> {
    return keysetPage(
      q,
      {},
      2,
      (w) => this.topics.listWithCounts(w),
      (t) => [t.name, t.slug],
    );
  }

  @EditorCreate(undefined, 'Add a topic that recommendations can be filed under', { type: TopicWriteView }, [
    409,
    'A topic with this slug exists.',
  ])
  async create(@Body() body: CreateTopicDto, @Editor() editor: EditorContext, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.writes.create('topics', { ...body }, editor);
    writeHeaders(reply, { location: `/api/v1/recommendations?topic=${body.slug}` });
    const topic = await this.topics.findBySlug(body.slug);
    if (!topic) throw ProblemException.notFound('topic', body.slug);
    return topic;
  }

  @AdminDelete(
    ':slug',
    'Delete a topic no recommendation is filed under (admin)',
    false,
    [404, 'No topic with that slug.'],
    [409, 'Recommendations are filed under it.'],
  )
  async remove(@Param('slug') slug: string, @Editor() editor: EditorContext) {
    await this.writes.remove('topics', { slug }, undefined, editor);
  }
}
