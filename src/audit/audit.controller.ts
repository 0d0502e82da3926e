import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/api-key.guard';
import { ApiBadRequest } from '../common/api-docs';
import { AuditLogService, AuditPage } from './audit-log.service';
import { ListAuditQuery } from './dto/list-audit.query';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Who changed what, when: every write with the record before and after, newest first (admin)' })
  @ApiOkResponse({ type: AuditPage })
  @ApiBadRequest()
  list(@Query() query: ListAuditQuery): Promise<AuditPage> {
    return this.log.list(query);
  }
}
