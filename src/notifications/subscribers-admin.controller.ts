import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentKey, RequireRole } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/api-keys.service';
import { ApiBadRequest } from '../common/api-docs';
import {
  EraseBody,
  EraseResult,
  SubscriberAddressBody,
  SuppressBody,
  SuppressionView,
  SuppressResult,
  UnsubscribeResult,
} from './dto/subscribers-admin.dto';
import { SubscribersAdminService } from './subscribers-admin.service';

@ApiTags('subscribers (admin)')
@Controller('api/v1/admin')
export class SubscribersAdminController {
  constructor(private readonly admin: SubscribersAdminService) {}

  @Get('suppressions')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Whether an address’s mailbox is suppressed, and why (admin)' })
  @ApiOkResponse({ type: SuppressionView })
  @ApiBadRequest()
  check(@Query() query: SubscriberAddressBody): SuppressionView {
    return this.admin.check(query.email);
  }

  @Post('suppressions')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Record a hard bounce, a complaint or another reason never to mail a mailbox again (admin)',
    description: 'Queued notifications to the mailbox are cancelled; the scan and the dispatcher skip it from now on.',
  })
  @ApiOkResponse({ type: SuppressResult })
  @ApiBadRequest()
  suppress(
    @Body() body: SuppressBody,
    @CurrentKey() key: AuthenticatedKey,
    @Req() request: FastifyRequest,
  ): Promise<SuppressResult> {
    return this.admin.suppress(body, key, request.id ?? null);
  }

  @Post('suppressions/lift')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Lift the suppression of a mailbox (admin)' })
  @ApiOkResponse({ type: SuppressionView })
  @ApiBadRequest()
  lift(
    @Body() body: SubscriberAddressBody,
    @CurrentKey() key: AuthenticatedKey,
    @Req() request: FastifyRequest,
  ): Promise<SuppressionView> {
    return this.admin.lift(body.email, key, request.id ?? null);
  }

  @Post('subscribers/unsubscribe')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Unsubscribe every subscription of a mailbox (admin)' })
  @ApiOkResponse({ type: UnsubscribeResult })
  @ApiBadRequest()
  unsubscribe(
    @Body() body: SubscriberAddressBody,
    @CurrentKey() key: AuthenticatedKey,
    @Req() request: FastifyRequest,
  ): Promise<UnsubscribeResult> {
    return this.admin.unsubscribe(body.email, key, request.id ?? null);
  }

  @Post('subscribers/erase')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Erase a subscriber: delete every subscription of the mailbox, its link tokens and its notifications (admin)',
    description: 'The audit entry keeps the counts, not the address. By default the mailbox is also suppressed, as a hash.',
  })
  @ApiOkResponse({ type: EraseResult })
  @ApiBadRequest()
  erase(@Body() body: EraseBody, @CurrentKey() key: AuthenticatedKey, @Req() request: FastifyRequest): Promise<EraseResult> {
    return this.admin.erase(body, key, request.id ?? null);
  }
}
