import { Controller, Module, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadCache } from '../common/cache/read-cache';
import { NoQueryParams } from '../common/query/no-params.query';
import { StatsRepository } from './stats.repository';
import { STATS_READS, StatsService, StatsView } from './stats.service';
import { PublicRead } from '../common/http/routes';

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly cache: ReadCache,
  ) {}

  @PublicRead(undefined, 'Counts by status, kind, source and responsible actor; overdue, due soon, progress, stale', StatsView)
  async get(@Query() _q: NoQueryParams, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.cache.send(request, reply, STATS_READS, () => this.stats.stats());
  }
}

@Module({ controllers: [StatsController], providers: [StatsService, StatsRepository], exports: [StatsService] })
export class StatsModule {}
