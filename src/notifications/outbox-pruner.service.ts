/**
 * Keeps the outbox and the link tokens from growing for ever: finished notifications older than
 * NOTIFY_RETENTION_DAYS and manage tokens older than MANAGE_LINK_DAYS (each subscription keeps its
 * newest) are deleted, in short transactions of a bounded number of rows, so pruning a large backlog
 * never holds the write lock for long. Runs with the notification run (the scheduler's ticks and
 * `notify:run-once`), at most once an hour per process.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { Transactions } from '../database/transactions';
import { OutboxRepository } from './outbox.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

export interface PruneReport {
  notifications: number;
  manageTokens: number;
}

/** Rows deleted per transaction. */
export const PRUNE_BATCH = 2_000;
/** How often a process prunes. */
export const PRUNE_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;

@Injectable()
export class OutboxPruner {
  private lastRunAt: number | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly transactions: Transactions,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /** Prunes unless this process did within the last {@link PRUNE_EVERY_MS}; null when it did not run. */
  async pruneIfDue(now: Date = this.clock.now()): Promise<PruneReport | null> {
    if (this.lastRunAt !== null && now.getTime() - this.lastRunAt < PRUNE_EVERY_MS) return null;
    this.lastRunAt = now.getTime();
    return this.prune(now);
  }

  /** Deletes everything the retention settings allow at `now`. */
  async prune(now: Date = this.clock.now()): Promise<PruneReport> {
    const nowIso = now.toISOString();
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    const report: PruneReport = { notifications: 0, manageTokens: 0 };
    const drain = async (step: () => Promise<number>): Promise<number> => {
      let total = 0;
      for (let n = PRUNE_BATCH; n === PRUNE_BATCH; total += n) n = await this.transactions.run(step);
      return total;
    };
    report.notifications = await drain(() =>
      this.outbox.pruneFinished(before(this.env.NOTIFY_RETENTION_DAYS), nowIso, PRUNE_BATCH),
    );
    report.manageTokens = await drain(() =>
      this.subscriptionRows.pruneManageTokens(before(this.env.MANAGE_LINK_DAYS), PRUNE_BATCH),
    );
    return report;
  }
}
