import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { NoQueryParams } from '../common/query/no-params.query';

class HealthView {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: { database: 'up' } }) checks: Record<string, string>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ type: HealthView })
  async health(@Query() _q: NoQueryParams): Promise<HealthView> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', checks: { database: 'up' } };
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
