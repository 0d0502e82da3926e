import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiBadRequest, ApiNotFound } from '../common/api-docs';
import { etagFor } from '../common/http/etag';
import { NoQueryParams } from '../common/query/no-params.query';
import { ACTOR_KINDS } from './actor.entity';
import { ActorsService } from './actors.service';

export class ActorView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: string;
  @ApiProperty({ description: 'Recommendations this actor is responsible for.' }) responsibleFor: number;
  @ApiProperty() version: number;
}

export class ActorListView {
  @ApiProperty({ type: [ActorView] }) items: ActorView[];
}

export class ActorItemView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
}

export class ActorDetailView extends ActorView {
  @ApiProperty({ type: [ActorItemView] }) responsibleItems: ActorItemView[];
  @ApiProperty({ description: 'Deadlines this actor set.' }) deadlinesSet: number;
  @ApiProperty({ description: 'Status changes this actor made as assessor (not retracted).' }) assessments: number;
  @ApiProperty({ description: 'Monitor findings by this actor.' }) findings: number;
}

@ApiTags('actors')
@Controller('api/v1/actors')
export class ActorsController {
  constructor(private readonly actors: ActorsService) {}

  @Get()
  @ApiOperation({ summary: 'Bodies and people that are responsible, promise, or assess' })
  @ApiOkResponse({ type: ActorListView })
  @ApiBadRequest()
  list(@Query() _q: NoQueryParams): Promise<ActorListView> {
    return this.actors.list();
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One actor and what it is responsible for' })
  @ApiOkResponse({ type: ActorDetailView })
  @ApiNotFound('actor')
  @ApiBadRequest()
  async detail(
    @Param('slug') slug: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActorDetailView> {
    const detail = await this.actors.detail(slug);
    reply.header('ETag', etagFor(detail.version));
    return detail;
  }
}
