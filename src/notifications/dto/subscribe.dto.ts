import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { WITHOUT_CONTROL_CHARACTERS, DIGEST_MODES, MAX_REMINDER_DAYS, TRIGGERS } from '../subscription-rules';
import type { DigestMode, Trigger } from '../subscription-rules';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugList = (name: string) =>
  applyDecorators(
    IsOptional(),
    IsArray({ message: `${name} must be a list of slugs` }),
    ArrayMaxSize(100, { message: `${name} must list at most 100 slugs` }),
    IsString({ each: true, message: `${name} must be a list of slugs` }),
    Matches(SLUG, { each: true, message: `${name} must list slugs (lowercase letters, digits and hyphens)` }),
  );

export class SubscriptionFilterDto {
  @ApiPropertyOptional({ type: [String], example: ['mayor-2021-foot-pursuit-policy'], description: 'Recommendation slugs.' })
  @slugList('recommendations')
  recommendations?: string[];

  @ApiPropertyOptional({ type: [String], example: ['foot-pursuits'], description: 'Topic slugs.' })
  @slugList('topics')
  topics?: string[];

  @ApiPropertyOptional({ type: [String], example: ['chicago-police-department'], description: 'Slugs of responsible actors.' })
  @slugList('responsible')
  responsible?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Source slugs.' })
  @slugList('sources')
  sources?: string[];
}

export class SubscribeDto {
  @ApiProperty({ example: 'reader@example.org' })
  @IsString({ message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({ allow_display_name: false, allow_ip_domain: false }, { message: 'email must be an email address' })
  @Matches(WITHOUT_CONTROL_CHARACTERS, { message: 'email must not contain line breaks or other control characters' })
  email: string;

  @ApiPropertyOptional({
    type: SubscriptionFilterDto,
    description: 'What to follow. Facets combine with AND, slugs within a facet with OR; empty or absent: everything.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubscriptionFilterDto)
  filter?: SubscriptionFilterDto;

  @ApiPropertyOptional({ enum: TRIGGERS, isArray: true, description: 'What to be told about; default: all of them.' })
  @IsOptional()
  @IsArray({ message: `triggers must be a list of: ${TRIGGERS.join(', ')}` })
  @ArrayMinSize(1, { message: 'triggers must name at least one trigger' })
  @IsIn(TRIGGERS, { each: true, message: `triggers must be a list of: ${TRIGGERS.join(', ')}` })
  triggers?: Trigger[];

  @ApiPropertyOptional({
    type: [Number],
    example: [30, 7, 1],
    description: 'Send a reminder this many local days before a deadline’s last day (0: on the last day). Default [30, 7, 1].',
  })
  @IsOptional()
  @IsArray({ message: 'reminderDays must be a list of whole numbers of days' })
  @ArrayMinSize(1, { message: 'reminderDays must list at least one day' })
  @ArrayMaxSize(10, { message: 'reminderDays must list at most 10 days' })
  @IsInt({ each: true, message: `reminderDays must be whole numbers from 0 to ${MAX_REMINDER_DAYS}` })
  @Min(0, { each: true, message: `reminderDays must be whole numbers from 0 to ${MAX_REMINDER_DAYS}` })
  @Max(MAX_REMINDER_DAYS, { each: true, message: `reminderDays must be whole numbers from 0 to ${MAX_REMINDER_DAYS}` })
  reminderDays?: number[];

  @ApiPropertyOptional({
    enum: DIGEST_MODES,
    default: 'none',
    description: 'daily: one email a day with the previous day’s notifications.',
  })
  @IsOptional()
  @IsIn(DIGEST_MODES, { message: `digest must be one of: ${DIGEST_MODES.join(', ')}` })
  digest?: DigestMode;
}

export class SubscribeAccepted {
  @ApiProperty({ example: 'accepted' }) status: 'accepted';
  @ApiProperty({
    example: 'If this address can receive email, a confirmation link is on its way. Nothing else is sent until it is used.',
  })
  detail: string;
}
