import { Body, Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Editor, type EditorContext } from '../common/writes/write-scope';
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
import { AdminAction, AdminRead } from '../common/http/routes';

@ApiTags('subscribers (admin)')
@Controller('api/v1/admin')
export class SubscribersAdminController {
  constructor(private readonly admin: SubscribersAdminService) {}

  @AdminRead('suppressions', 'Whether an address’s mailbox is suppressed, and why (admin)', SuppressionView)
  check(@Query() query: SubscriberAddressBody): Promise<SuppressionView> {
    return this.admin.check(query.email);
  }

  @AdminAction(
    'suppressions',
    {
      summary: 'Record a hard bounce, a complaint or another reason never to mail a mailbox again (admin)',
      description: 'Queued notifications to the mailbox are cancelled; the scan and the dispatcher skip it from now on.',
    },
    SuppressResult,
  )
  suppress(@Body() body: SuppressBody, @Editor() editor: EditorContext): Promise<SuppressResult> {
    return this.admin.suppress(body, editor);
  }

  @AdminAction('suppressions/lift', 'Lift the suppression of a mailbox (admin)', SuppressionView)
  lift(@Body() body: SubscriberAddressBody, @Editor() editor: EditorContext): Promise<SuppressionView> {
    return this.admin.lift(body.email, editor);
  }

  @AdminAction('subscribers/unsubscribe', 'Unsubscribe every subscription of a mailbox (admin)', UnsubscribeResult)
  unsubscribe(@Body() body: SubscriberAddressBody, @Editor() editor: EditorContext): Promise<UnsubscribeResult> {
    return this.admin.unsubscribe(body.email, editor);
  }

  @AdminAction(
    'subscribers/erase',
    {
      summary: 'Erase a subscriber: delete every subscription of the mailbox, its link tokens and its notifications (admin)',
      description: 'The audit entry keeps the counts, not the address. By default the mailbox is also suppressed, as a hash.',
    },
    EraseResult,
  )
  erase(@Body() body: EraseBody, @Editor() editor: EditorContext): Promise<EraseResult> {
    return this.admin.erase(body, editor);
  }
}
