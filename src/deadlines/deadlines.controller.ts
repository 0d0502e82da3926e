import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiBadRequest } from '../common/api-docs';
import { DeadlineView } from './deadline-view';
import { DeadlinePage, DeadlinesService } from './deadlines.service';
import { ListDeadlinesQuery } from './dto/list-deadlines.query';

class DeadlinePageDoc implements DeadlinePage {
  @ApiProperty({ type: [DeadlineView] }) items: DeadlineView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

@ApiTags('deadlines')
@Controller('api/v1/deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @ApiOperation({ summary: 'Deadlines, sorted by when they close' })
  @ApiOkResponse({ type: DeadlinePageDoc })
  @ApiBadRequest()
  list(@Query() query: ListDeadlinesQuery): Promise<DeadlinePage> {
    return this.deadlines.list(query);
  }
}
