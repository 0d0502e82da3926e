import { Controller, Module, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadCache } from '../common/cache/read-cache';
import { EarlyRoutes } from '../common/http/early-routes';
import { NoQueryParams } from '../common/query/no-params.query';
import { StatsRepository } from './stats.repository';
import { encodeStats, STATS_READS, StatsService, StatsView } from './stats.service';
import { PublicRead } from '../common/http/routes';

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly cache: ReadCache,
    earlyRoutes: EarlyRoutes,
  ) {
    // Once the route has answered without parameters, the figures are answered before Nest's
    // pipeline (early-routes.ts), as the list is: after a write, the first request costs the
    // recomputation, not the pipeline around it too.
    earlyRoutes.register('/api/v1/stats', NoQueryParams, (_q, request, reply) => this.answer(request, reply));
  }

  @PublicRead(undefined, 'Counts by status, kind, source and responsible actor; overdue, due soon, progress, stale', StatsView)
  async get(@Query() _q: NoQueryParams, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(request, reply);
  }

  private answer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.cache.send(request, reply, STATS_READS, () => this.stats.stats(), encodeStats);
  }
}

@Module({ controllers: [StatsController], providers: [StatsService, StatsRepository], exports: [StatsService] })
export class StatsModule {}
