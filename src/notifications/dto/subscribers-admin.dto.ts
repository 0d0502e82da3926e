import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SUPPRESSION_REASONS } from '../subscription.entity';
import type { SuppressionReason } from '../subscription.entity';

const ADMIN_REASONS = SUPPRESSION_REASONS.filter((r) => r !== 'erasure');

/** An address as an admin gives it (from a bounce, a complaint or a request): anything with an @. */
export class SubscriberAddressBody {
  @ApiProperty({ example: 'reader@example.org', description: 'Every address that reaches the same inbox is covered.' })
  @IsString({ message: 'email must be an email address' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'email must be an email address' })
  email: string;
}

export class SuppressBody extends SubscriberAddressBody {
  @ApiProperty({ enum: ADMIN_REASONS, description: 'bounce: a hard bounce; complaint: marked as spam; manual: anything else.' })
  @IsIn(ADMIN_REASONS, { message: `reason must be one of: ${ADMIN_REASONS.join(', ')}` })
  reason: Exclude<SuppressionReason, 'erasure'>;

  @ApiPropertyOptional({ description: 'For the admins (the bounce message, a ticket number). Do not put the address here.' })
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(1000, { message: 'note must be at most 1000 characters' })
  note?: string;
}

export class EraseBody extends SubscriberAddressBody {
  @ApiPropertyOptional({
    default: true,
    description: 'Also suppress the mailbox (kept as a hash only), so it is never mailed again, even if someone subscribes it.',
  })
  @IsOptional()
  @IsBoolean({ message: 'suppress must be true or false' })
  suppress?: boolean;
}

export class SuppressionView {
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ enum: SUPPRESSION_REASONS, nullable: true, type: String }) reason: SuppressionReason | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, nullable: true }) createdAt: string | null;
}

export class SuppressResult extends SuppressionView {
  @ApiProperty({ description: 'Queued notifications to the mailbox that were cancelled.' }) cancelled: number;
}

export class UnsubscribeResult {
  @ApiProperty({ description: 'Subscriptions of the mailbox that were stopped.' }) unsubscribed: number;
}

export class EraseResult {
  @ApiProperty() subscriptions: number;
  @ApiProperty() notifications: number;
  @ApiProperty() suppressed: boolean;
}
