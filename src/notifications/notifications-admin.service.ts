import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound, type EditorContext } from '../common/writes/write-scope';
import { Clock } from '../common/clock';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { ProblemException } from '../common/problem/problem';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationView,
  RetryNotificationsBody,
  RetryNotificationsResult,
} from './dto/list-notifications.query';
import { NotificationRow, OutboxRepository } from './outbox.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

function toView(r: NotificationRow & { email?: string }, email?: string): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    dedupeKey: r.dedupeKey,
    subscriptionId: r.subscriptionId,
    email: r.email ?? email ?? '',
    deadlineId: r.deadlineId,
    statusChangeId: r.statusChangeId,
    findingId: r.findingId,
    reminderDays: r.reminderDays,
    digestDate: r.digestDate,
    digestId: r.digestId,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    messageId: r.messageId,
    sentAt: r.sentAt,
    createdAt: r.createdAt,
  };
}

/** The admin's view of the outbox: list it by state, and give a dead notification another go. */
@Injectable()
export class NotificationsAdminService {
  constructor(
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
  ) {}

  async list(query: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? 50;
    const filters = { state: query.state, kind: query.kind, error: query.error };
    let beforeId: number | undefined;
    if (query.cursor) {
      const [id] = decodeCursor(query.cursor, filters, 1);
      if (typeof id !== 'number')
        throw ProblemException.validation([{ field: 'cursor', in: 'query', reason: 'is not a cursor this API issued' }]);
      beforeId = id;
    }
    const rows = await this.outbox.listNotifications(filters, beforeId, limit);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => toView(r)),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id], filters) : null,
    };
  }

  /**
   * Bulk retry: every dead (or pending) notification matching the filter is queued again, due now,
   * with its attempts counted afresh; one audit entry for the lot. After fixing the mail transport,
   * `{ state: 'pending' }` sends what it held back without waiting for its pause.
   */
  async retryMany(body: RetryNotificationsBody, editor: EditorContext): Promise<RetryNotificationsResult> {
    const filter = { state: body.state ?? 'dead', kind: body.kind, error: body.error };
    const now = this.clock.now().toISOString();
    const retried = await this.transactions.run(() => this.outbox.retryMatching(filter, now));
    await this.recordRetry(editor, null, null, { filter }, { retried, nextAttemptAt: now });
    return { retried };
  }

  /**
   * Puts a dead notification back in the queue, due now, with its attempts counted afresh.
   * @throws ProblemException 404 when there is no such notification, 409 when it is not dead.
   */
  async retry(id: number, editor: EditorContext): Promise<NotificationView> {
    const before = await this.outbox.findNotification(id);
    if (!before) throw notFound(`No notification with id ${id}.`);
    const now = this.clock.now().toISOString();
    const retried = await this.transactions.run(() => this.outbox.retryDead(id, now));
    if (!retried) throw conflict(`Notification ${id} is ${before.state}; only a dead notification can be retried.`);
    const after = (await this.outbox.findNotification(id))!;
    await this.recordRetry(
      editor,
      id,
      before.dedupeKey,
      { state: before.state, attempts: before.attempts, lastError: before.lastError },
      { state: after.state, attempts: after.attempts, nextAttemptAt: after.nextAttemptAt },
    );
    const email = (await this.subscriptionRows.subscriptionsByIds([after.subscriptionId])).get(after.subscriptionId)?.email;
    return toView(after, email);
  }

  /** The audit entry of a retry, in its own (queued) transaction, so it cannot join and share the fate of another request's. */
  private async recordRetry(
    editor: EditorContext,
    entityId: number | null,
    entitySlug: string | null,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.transactions.run((em) =>
      this.audit.record(em, {
        keyName: editor.keyName,
        action: 'retry',
        entity: 'notification',
        entityId,
        entitySlug,
        before,
        after,
        requestId: editor.requestId,
      }),
    );
  }
}
