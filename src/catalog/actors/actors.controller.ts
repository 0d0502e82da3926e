import { Controller, Param, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { NextCursorProperty, PageQuery } from '../../common/pagination/keyset-page';
import type { FastifyReply } from 'fastify';
import { NoQueryParams } from '../../common/query/no-params.query';
import { ACTOR_KINDS } from './actor.entity';
import { ActorsService } from './actors.service';
import { CreateActorDto, UpdateActorDto } from '../dto/catalog.dto';
import { writeHeaders } from '../../recommendations/recorded-views';
import { EditorResource } from '../../common/writes/editor-resource';
import { PublicRead } from '../../common/http/routes';
export class ActorView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: string;
  @ApiProperty({ description: 'Recommendations this actor is responsible for.' }) responsibleFor: number;
  @ApiProperty() version: number;
}

export class ActorListView {
  @ApiProperty({ type: [ActorView] }) items: ActorView[];
  @NextCursorProperty() nextCursor: string | null;
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
export class ActorsController extends EditorResource('actors', ActorDetailView, CreateActorDto, UpdateActorDto) {
  constructor(private readonly actors: ActorsService) {
    super();
  }

  protected show({ slug }: { slug: string }): Promise<ActorDetailView> {
    return this.actors.detail(slug);
  }

  @PublicRead(undefined, 'Bodies and people that are responsible, promise, or assess', ActorListView)
  list(@Query() q: PageQuery): Promise<ActorListView> {
    return this.actors.list(q);
  }

  @PublicRead(':slug', 'One actor and what it is responsible for', ActorDetailView, 'actor')
  async detail(
    @Param('slug') slug: string,
    @Query() _q: NoQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActorDetailView> {
    const detail = await this.actors.detail(slug);
    writeHeaders(reply, { version: detail.version });
    return detail;
  }
}
