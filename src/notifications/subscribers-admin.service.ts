/**
 * What an admin does about a subscriber: record a hard bounce or a complaint (the suppression list;
 * by address, or by the VERP address it came back to),
 * lift it, unsubscribe every subscription of a mailbox, or erase the subscriber (subscriptions, tokens
 * and outbox rows deleted). Everything goes by mailbox (mailboxOf): every address that reaches the
 * inbox. Audit entries record what was done and how much, never the address.
 */
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import type { EditorContext } from '../common/writes/write-scope';
import { Clock } from '../common/clock';
import {
  EraseBody,
  EraseResult,
  SuppressBody,
  SuppressionView,
  SuppressResult,
  UnsubscribeResult,
} from './dto/subscribers-admin.dto';
import { ProblemException } from '../common/problem/problem';
import { verpTagOf } from './mail/verp';
import { OutboxRepository } from './outbox.repository';
import { ReturnPaths } from './return-paths';
import { ScanCursorsRepository } from './scan-cursors.repository';
import { SubscriptionsRepository } from './subscriptions.repository';
import { mailboxOf, suppressionHash } from './subscription-rules';

@Injectable()
export class SubscribersAdminService {
  constructor(
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
    private readonly scanCursors: ScanCursorsRepository,
    private readonly outbox: OutboxRepository,
    private readonly returnPaths: ReturnPaths,
  ) {}

  async check(email: string): Promise<SuppressionView> {
    const s = await this.subscriptionRows.findSuppression(suppressionHash(mailboxOf(email)));
    return {
      suppressed: s !== undefined,
      reason: s?.reason ?? null,
      note: s?.note ?? null,
      createdBy: s?.createdBy ?? null,
      createdAt: s?.createdAt ?? null,
    };
  }

  async suppress(body: SuppressBody, editor: EditorContext): Promise<SuppressResult> {
    const { email, notificationId } = body.returnPath
      ? await this.recipientOf(body.returnPath)
      : { email: body.email!, notificationId: null };
    const mailbox = mailboxOf(email);
    const now = this.clock.now().toISOString();
    const { created, cancelled } = await this.transactions.run(async () => ({
      created: await this.subscriptionRows.suppress(
        suppressionHash(mailbox),
        body.reason,
        body.note ?? null,
        editor.keyName,
        now,
      ),
      cancelled: await this.subscriptionRows.cancelQueuedForMailbox(mailbox, `suppressed (${body.reason})`),
    }));
    await this.record(editor, 'suppress', 'suppression', null, { reason: body.reason, created, cancelled, notificationId });
    return { ...(await this.check(email)), cancelled, notificationId };
  }

  /**
   * Who an email tagged with `returnPath` (MAIL_VERP) went to: 404 naming returnPath when no such
   * email is kept (erased, pruned after NOTIFY_RETENTION_DAYS) or the tag was not made by this
   * tracker for it.
   */
  private async recipientOf(returnPath: string): Promise<{ email: string; notificationId: number }> {
    const tag = verpTagOf(returnPath);
    const row = tag && (await this.outbox.findNotification(tag.notificationId));
    const sub = row && (await this.subscriptionRows.subscriptionsByIds([row.subscriptionId])).get(row.subscriptionId);
    if (!tag || !sub || !this.returnPaths.matches(tag, sub.mailbox ?? mailboxOf(sub.email))) {
      throw new ProblemException({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail:
          'returnPath: no email kept by this tracker was sent from this address (erased, pruned, or not tagged by this tracker).',
        errors: [{ field: 'returnPath', in: 'body', reason: 'names no email this tracker sent and still keeps' }],
      });
    }
    return { email: sub.email, notificationId: row.id };
  }

  async lift(email: string, editor: EditorContext): Promise<SuppressionView> {
    const before = await this.check(email);
    const lifted = await this.transactions.run(async () => {
      const done = await this.subscriptionRows.liftSuppression(suppressionHash(mailboxOf(email)));
      // The scan's cursors skip what the mailbox was owed while suppressed: computed again at the next scan.
      if (done) await this.scanCursors.forgetDeadlineScans();
      return done;
    });
    if (lifted) await this.record(editor, 'lift', 'suppression', { reason: before.reason }, null);
    return this.check(email);
  }

  async unsubscribe(email: string, editor: EditorContext): Promise<UnsubscribeResult> {
    const now = this.clock.now().toISOString();
    const unsubscribed = await this.transactions.run(() =>
      this.subscriptionRows.unsubscribeAll('mailbox', mailboxOf(email), now),
    );
    await this.record(editor, 'unsubscribe', 'subscriber', null, { unsubscribed });
    return { unsubscribed };
  }

  async erase(body: EraseBody, editor: EditorContext): Promise<EraseResult> {
    const mailbox = mailboxOf(body.email);
    const suppress = body.suppress ?? true;
    const now = this.clock.now().toISOString();
    const erased = await this.transactions.run(async () => {
      const counts = await this.subscriptionRows.eraseMailbox(mailbox);
      if (suppress) await this.subscriptionRows.suppress(suppressionHash(mailbox), 'erasure', null, editor.keyName, now);
      return counts;
    });
    await this.record(editor, 'erase', 'subscriber', erased, { suppressed: suppress });
    return { ...erased, suppressed: suppress };
  }

  private async record(editor: EditorContext, action: string, entity: string, before: unknown, after: unknown): Promise<void> {
    await this.transactions.run((em) =>
      this.audit.record(em, {
        keyName: editor.keyName,
        action,
        entity,
        entityId: null,
        entitySlug: null,
        before,
        after,
        requestId: editor.requestId,
      }),
    );
  }
}
