import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedKey } from '../auth/api-keys.service';
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
    const rows = this.outbox.listNotifications(filters, beforeId, limit);
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
  async retryMany(
    body: RetryNotificationsBody,
    key: AuthenticatedKey,
    requestId: string | null,
  ): Promise<RetryNotificationsResult> {
    const filter = { state: body.state ?? 'dead', kind: body.kind, error: body.error };
    const now = this.clock.now().toISOString();
    const retried = await this.transactions.runSync(() => this.outbox.retryMatching(filter, now));
    await this.transactions.run((em) =>
      this.audit.record(em, {
        keyName: key.name,
        action: 'retry',
        entity: 'notification',
        entityId: null,
        entitySlug: null,
        before: { filter },
        after: { retried, nextAttemptAt: now },
        requestId,
      }),
    );
    return { retried };
  }

  /**
   * Puts a dead notification back in the queue, due now, with its attempts counted afresh.
   * @throws ProblemException 404 when there is no such notification, 409 when it is not dead.
   */
  async retry(id: number, key: AuthenticatedKey, requestId: string | null): Promise<NotificationView> {
    const before = this.outbox.findNotification(id);
    if (!before) {
      throw new ProblemException({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `No notification with id ${id}.`,
      });
    }
    const now = this.clock.now().toISOString();
    const retried = await this.transactions.runSync(() => this.outbox.retryDead(id, now));
    if (!retried) {
      throw new ProblemException({
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: `Notification ${id} is ${before.state}; only a dead notification can be retried.`,
      });
    }
    const after = this.outbox.findNotification(id)!;
    // Its own (queued) transaction, so the entry cannot join and share the fate of another request's.
    await this.transactions.run((em) =>
      this.audit.record(em, {
        keyName: key.name,
        action: 'retry',
        entity: 'notification',
        entityId: id,
        entitySlug: before.dedupeKey,
        before: { state: before.state, attempts: before.attempts, lastError: before.lastError },
        after: { state: after.state, attempts: after.attempts, nextAttemptAt: after.nextAttemptAt },
        requestId,
      }),
    );
    const email = this.subscriptionRows.subscriptionsByIds([after.subscriptionId]).get(after.subscriptionId)?.email;
    return toView(after, email);
  }
}
