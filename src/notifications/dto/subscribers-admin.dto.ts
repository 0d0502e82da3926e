import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, registerDecorator, ValidateIf } from 'class-validator';
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

/** A VERP address (mail/verp.ts), or its tag alone; the signature is checked by the service. */
const VERP_ADDRESS = /^(?:[^@\s]*\+)?[0-9a-z]{1,11}-[0-9a-f]{20}(?:@[^@\s]+)?$/i;

const returnPathProblem = (value: unknown, body: SuppressBody): string | null =>
  body.email !== undefined && body.email !== null
    ? 'cannot be given with email: give one of the two'
    : typeof value !== 'string' || value.length > 320 || !VERP_ADDRESS.test(value)
      ? 'must be the address a bounce came back to, such as bounces+2n9c-0f4e8a1b2c3d4e5f6a7b@example.org'
      : null;

function ReturnPathField(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'returnPath',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args) => returnPathProblem(value, args!.object as SuppressBody) === null,
        defaultMessage: (args) => `returnPath ${returnPathProblem(args!.value, args!.object as SuppressBody)}`,
      },
    });
}

/** The mailbox to suppress: by its address, or by the VERP address a bounce came back to. */
export class SuppressBody {
  @ApiPropertyOptional({
    example: 'reader@example.org',
    description: 'Every address that reaches the same inbox is covered. Give this or returnPath.',
  })
  @ValidateIf((body: SuppressBody) => body.returnPath === undefined || body.returnPath === null)
  @IsString({ message: 'email must be an email address (or give returnPath)' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'email must be an email address (or give returnPath)' })
  email?: string;

  @ApiPropertyOptional({
    example: 'bounces+2n9c-0f4e8a1b2c3d4e5f6a7b@example.org',
    description:
      'With MAIL_VERP: the address the bounce or complaint came back to (or its tag after the +). ' +
      'The mailbox the tagged email was sent to is suppressed. Give this or email.',
  })
  @IsOptional()
  @ReturnPathField()
  returnPath?: string;

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
  @ApiProperty({ type: Number, nullable: true, description: 'With returnPath: the notification whose email bounced.' })
  notificationId: number | null;
}

export class UnsubscribeResult {
  @ApiProperty({ description: 'Subscriptions of the mailbox that were stopped.' }) unsubscribed: number;
}

export class EraseResult {
  @ApiProperty() subscriptions: number;
  @ApiProperty() notifications: number;
  @ApiProperty() suppressed: boolean;
}
