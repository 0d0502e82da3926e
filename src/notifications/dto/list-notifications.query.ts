import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NOTIFICATION_KINDS, NOTIFICATION_STATES } from '../notification-keys';
import type { NotificationKind, NotificationState } from '../notification-keys';
import { PageParams } from '../../common/pagination/page-params';
import { stack } from '../../common/validation/stack';

/** `kind`: one of the notification kinds. */
const KindFilter = () =>
  stack(
    ApiPropertyOptional({ enum: NOTIFICATION_KINDS }),
    IsOptional(),
    IsIn(NOTIFICATION_KINDS, { message: `kind must be one of: ${NOTIFICATION_KINDS.join(', ')}` }),
  );

/** `error`: a substring of the last error. */
const ErrorTextFilter = () =>
  stack(
    ApiPropertyOptional({
      description: 'Only notifications whose last error contains this text (case-insensitive).',
      example: 'EAUTH',
    }),
    IsOptional(),
    IsString({ message: 'error must be a single string' }),
    MinLength(1, { message: 'error must be 1 to 200 characters' }),
    MaxLength(200, { message: 'error must be 1 to 200 characters' }),
  );

class NotificationFilters {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATES, { message: `state must be one of: ${NOTIFICATION_STATES.join(', ')}` })
  state?: NotificationState;

  @KindFilter()
  kind?: NotificationKind;

  @ErrorTextFilter()
  error?: string;
}

export class ListNotificationsQuery extends IntersectionType(NotificationFilters, PageParams) {}

/** Which notifications a bulk retry takes: all three filters must match. */
export class RetryNotificationsBody {
  @ApiPropertyOptional({
    enum: ['dead', 'pending'],
    default: 'dead',
    description: 'dead: queue them again; pending: make them due now (after fixing the mail transport, say).',
  })
  @IsOptional()
  @IsIn(['dead', 'pending'], { message: 'state must be one of: dead, pending' })
  state?: 'dead' | 'pending';

  @KindFilter()
  kind?: NotificationKind;

  @ErrorTextFilter()
  error?: string;
}

export class RetryNotificationsResult {
  @ApiProperty({ description: 'How many notifications were queued again, due now, with a fresh count of attempts.' })
  retried: number;
}

export class NotificationView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_STATES }) state: NotificationState;
  @ApiProperty({ example: 'reminder:3:12:7' }) dedupeKey: string;
  @ApiProperty() subscriptionId: number;
  @ApiProperty({ example: 'reader@example.org' }) email: string;
  @ApiProperty({ type: Number, nullable: true }) deadlineId: number | null;
  @ApiProperty({ type: Number, nullable: true }) statusChangeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) findingId: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Reminder window, in days before the deadline’s last day.' })
  reminderDays: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'For a digest: the local date it covers.' }) digestDate:
    string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'For a notification folded into a digest.' }) digestId: number | null;
  @ApiProperty() attempts: number;
  @ApiProperty() nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
