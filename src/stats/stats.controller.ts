import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBadRequest } from '../common/api-docs';
import { NoQueryParams } from '../common/query/no-params.query';
import { StatsService, StatsView } from './stats.service';

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @ApiOperation({ summary: 'Counts by status, kind, source and responsible actor; overdue, due soon, progress, stale' })
  @ApiOkResponse({ type: StatsView })
  @ApiBadRequest()
  get(@Query() _q: NoQueryParams): Promise<StatsView> {
    return this.stats.stats();
  }
}

@Module({ controllers: [StatsController], providers: [StatsService], exports: [StatsService] })
export class StatsModule {}
