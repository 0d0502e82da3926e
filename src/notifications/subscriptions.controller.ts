import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBadRequest } from '../common/api-docs';
import { SubscribeAccepted, SubscribeDto } from './dto/subscribe.dto';
import { SubscriptionsService } from './subscriptions.service';
import { SubscriptionRateLimit } from '../common/http/rate-limits';

@ApiTags('subscriptions')
@SubscriptionRateLimit()
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Subscribe an address to deadline reminders, missed-deadline notices, status changes and findings',
    description:
      'Always 202, whether or not the address is already subscribed. A confirmation email is sent (at most a few per address per day); ' +
      'nothing else is sent until its link is used. Every email carries one-click unsubscribe links (RFC 8058).',
  })
  @ApiAcceptedResponse({ type: SubscribeAccepted })
  @ApiBadRequest()
  async subscribe(@Body() body: SubscribeDto): Promise<SubscribeAccepted> {
    await this.subscriptions.subscribe(body);
    return {
      status: 'accepted',
      detail: 'If this address can receive email, a confirmation link is on its way. Nothing else is sent until it is used.',
    };
  }
}
