import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, NOTIFICATION_STATES } from '../notification-keys';
import type { NotificationKind, NotificationState } from '../notification-keys';
import { PageCursor, PageLimit } from '../../common/pagination/page-params';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATES, { message: `state must be one of: ${NOTIFICATION_STATES.join(', ')}` })
  state?: NotificationState;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
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
