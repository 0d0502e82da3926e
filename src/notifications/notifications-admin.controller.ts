import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentKey, RequireRole } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/api-keys.service';
import { ApiBadRequest, ApiProblems } from '../common/api-docs';
import { ToInt } from '../common/query/query-transforms';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationView,
  RetryNotificationsBody,
  RetryNotificationsResult,
} from './dto/list-notifications.query';
import { NotificationsAdminService } from './notifications-admin.service';

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

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'The email outbox, newest first, by state, kind and text of the last error (admin)' })
  @ApiOkResponse({ type: NotificationPage })
  @ApiBadRequest()
  list(@Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.admin.list(query);
  }

  @Post('retry')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Queue again, due now, every dead (or pending) notification matching the filter (admin)',
    description:
      'Filters: state (dead by default, or pending), kind, and error (a substring of lastError, case-insensitive). ' +
      'Each is queued with a fresh count of attempts; one audit entry records the filter and the count.',
  })
  @ApiOkResponse({ type: RetryNotificationsResult })
  @ApiBadRequest()
  retryMany(
    @Body() body: RetryNotificationsBody,
    @CurrentKey() key: AuthenticatedKey,
    @Req() request: FastifyRequest,
  ): Promise<RetryNotificationsResult> {
    return this.admin.retryMany(body ?? {}, key, request.id ?? null);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Queue a dead notification again, due now, with a fresh count of attempts (admin)' })
  @ApiOkResponse({ type: NotificationView })
  @ApiProblems([404, 'No notification with that id.'], [409, 'The notification is not dead.'])
  retry(
    @Param() params: NotificationIdParam,
    @CurrentKey() key: AuthenticatedKey,
    @Req() request: FastifyRequest,
  ): Promise<NotificationView> {
    return this.admin.retry(params.id, key, request.id ?? null);
  }
}
