import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditLogService, AuditPage } from './audit-log.service';
import { ListAuditQuery } from './dto/list-audit.query';
import { AdminRead } from '../common/http/routes';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @AdminRead(undefined, 'Who changed what, when: every write with the record before and after, newest first (admin)', AuditPage)
  list(@Query() query: ListAuditQuery): Promise<AuditPage> {
    return this.log.list(query);
  }
}
