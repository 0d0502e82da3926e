import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { Editor, type EditorContext } from '../common/writes/write-scope';
import { ToInt } from '../common/query/query-transforms';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationView,
  RetryNotificationsBody,
  RetryNotificationsResult,
} from './dto/list-notifications.query';
import { NotificationsAdminService } from './notifications-admin.service';
import { AdminAction, AdminRead } from '../common/http/routes';

class NotificationIdParam {
  @ApiProperty({ type: Number, minimum: 1, description: 'The notification id.' })
  @ToInt()
  @IsInt({ message: 'id must be a whole number' })
  @Min(1, { message: 'id must be a whole number' })
  id: number;
}

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsAdminController {
  constructor(private readonly admin: NotificationsAdminService) {}

  @AdminRead(undefined, 'The email outbox, newest first, by state, kind and text of the last error (admin)', NotificationPage)
  list(@Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.admin.list(query);
  }

  @AdminAction(
    'retry',
    {
      summary: 'Queue again, due now, every dead (or pending) notification matching the filter (admin)',
      description:
        'Filters: state (dead by default, or pending), kind, and error (a substring of lastError, case-insensitive). ' +
        'Each is queued with a fresh count of attempts; one audit entry records the filter and the count.',
    },
    RetryNotificationsResult,
  )
  retryMany(@Body() body: RetryNotificationsBody, @Editor() editor: EditorContext): Promise<RetryNotificationsResult> {
    return this.admin.retryMany(body ?? {}, editor);
  }

  @AdminAction(
    ':id/retry',
    'Queue a dead notification again, due now, with a fresh count of attempts (admin)',
    NotificationView,
    [404, 'No notification with that id.'],
    [409, 'The notification is not dead.'],
  )
  retry(@Param() params: NotificationIdParam, @Editor() editor: EditorContext): Promise<NotificationView> {
    return this.admin.retry(params.id, editor);
  }
}
