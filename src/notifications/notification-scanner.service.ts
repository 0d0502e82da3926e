/**
 * Finds what is owed and writes it to the outbox: reminders for deadlines entering a window, notices
 * for deadlines that closed unmet, and status changes and findings recorded since the last scan
 * (read by id, which only grows, so nothing recorded between two scans is skipped). The decisions are
 * the pure rules; this gathers candidates, crosses them with confirmed subscriptions and inserts the
 * result in one transaction, where unique dedupe keys make a second scan, or a concurrent one, add
 * nothing.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ADVISORY_LOCK, onlyOneInstance } from '../database/postgres/advisory-locks';
import { Transactions } from '../database/transactions';
import { Clock } from '../common/clock';
import { addDays, localDateOf, startOfLocalDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { dedupeKeys, mailboxKey } from './notification-keys';
import { NewNotification, OutboxRepository } from './outbox.repository';
import { EventCandidate, EventTable, FacetRow, ScanCursorsRepository } from './scan-cursors.repository';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';
import { daysBeforeLastDay, missedOwed, reminderWindow } from './reminder-rules';
import { ItemFacets, mailboxOf, matchesFilter, pendingExpiryMs, suppressionHash, Trigger } from './subscription-rules';

export interface ScanReport {
  /** Notifications written by this scan, per kind (already-present ones are not counted). */
  reminders: number;
  missed: number;
  /** Notices of a deadline met, partly met, extended or withdrawn. */
  outcomes: number;
  statusChanges: number;
  findings: number;
  digests: number;
  /** Queued reminders and notices dropped because their deadline settled. */
  cancelled: number;
  /** Unconfirmed subscriptions deleted because their confirmation expired long enough ago. */
  expiredSubscriptions: number;
}

const EVENT_PAGE = 5_000;

const NOTHING: ScanReport = {
  reminders: 0,
  missed: 0,
  outcomes: 0,
  statusChanges: 0,
  findings: 0,
  digests: 0,
  cancelled: 0,
  expiredSubscriptions: 0,
};

/** How long a scan waits for older transactions to end before it leaves a cursor where it was (see settledMaxId). */
export const SCAN_SETTLE_MS = 2_000;

@Injectable()
export class NotificationScanner {
  constructor(
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly scanReads: ScanCursorsRepository,
    private readonly transactions: Transactions,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /** See SCAN_SETTLE_MS (a test shortens it). */
  settleMs = SCAN_SETTLE_MS;

  /**
   * One scan at `now` (the clock's time by default). Safe to run twice, or in two processes at once;
   * on PostgreSQL one instance scans at a time (the others skip their turn and report nothing).
   */
  async scan(now: Date = this.clock.now()): Promise<ScanReport> {
    return (await onlyOneInstance(this.dataSource, ADVISORY_LOCK.SCAN, () => this.scanNow(now))) ?? { ...NOTHING };
  }

  private async scanNow(now: Date): Promise<ScanReport> {
    const tz = this.env.TRACKER_TIME_ZONE;
    const nowIso = now.toISOString();
    const subscriptions = await this.withoutSuppressed(await this.subscriptionRows.confirmedSubscriptions());
    const rows: NewNotification[] = [];
    const owed = (
      s: SubscriptionRow,
      n: Omit<NewNotification, 'subscriptionId' | 'state' | 'nextAttemptAt' | 'createdAt'>,
      hold = false,
    ) =>
      rows.push({
        ...n,
        subscriptionId: s.id,
        state: hold || s.digest === 'daily' ? 'held' : 'pending',
        nextAttemptAt: nowIso,
        createdAt: nowIso,
      });
    const boxes = new Map(subscriptions.map((s) => [s.id, mailboxKey(s.emailNormalized)]));
    const box = (s: SubscriptionRow) => boxes.get(s.id)!;
    const withTrigger = (t: Trigger) => subscriptions.filter((s) => s.triggers.includes(t));

    // Reminders: open deadlines whose last day is at most the largest reminder day away.
    const reminderSubs = withTrigger('deadline_reminder').filter((s) => s.reminderDays.length > 0);
    if (reminderSubs.length) {
      // A loop, not Math.max(...days): spreading one argument per subscription's day overflows the stack
      // above about 125,000 arguments (about 41,600 subscribers with the default three days).
      let furthest = 0;
      for (const s of reminderSubs) for (const d of s.reminderDays) if (d > furthest) furthest = d;
      const until = startOfLocalDay(addDays(localDateOf(now, tz), furthest + 1), tz).toISOString();
      const deadlines = await this.withTopics(await this.scanReads.openDeadlinesClosingBetween(nowIso, until));
      for (const { row: d, facets } of deadlines) {
        const daysLeft = daysBeforeLastDay(new Date(d.closesAt), now, tz);
        for (const s of reminderSubs) {
          const window = reminderWindow(daysLeft, s.reminderDays);
          if (window !== null && matchesFilter(s.filter, facets)) {
            owed(s, {
              kind: 'reminder',
              dedupeKey: dedupeKeys.reminder(box(s), d.id, window),
              deadlineId: d.id,
              reminderDays: window,
            });
          }
        }
      }
    }

    // Missed: deadlines that closed unmet after the subscriber confirmed, however long ago the scan last ran.
    const missedSubs = withTrigger('deadline_missed');
    if (missedSubs.length) {
      const earliest = missedSubs.reduce((min, s) => (s.confirmedAt! < min ? s.confirmedAt! : min), nowIso);
      const deadlines = await this.withTopics(await this.scanReads.unmetDeadlinesClosedBetween(earliest, nowIso));
      for (const { row: d, facets } of deadlines) {
        const facts = { closesAt: new Date(d.closesAt), state: d.state };
        for (const s of missedSubs) {
          if (missedOwed(facts, now, new Date(s.confirmedAt!)) && matchesFilter(s.filter, facets)) {
            owed(s, { kind: 'missed', dedupeKey: dedupeKeys.missed(box(s), d.id), deadlineId: d.id });
          }
        }
      }
    }

    // Status changes and findings recorded since the cursors: each to the subscribers confirmed before it was recorded.
    // The cursor moves to where the scan read up to, unless a transaction older than that was still
    // open (PostgreSQL, see settledMaxId): then it stays, and the next scan reads the same rows again.
    const events = async (
      subs: SubscriptionRow[],
      table: EventTable,
      write: (s: SubscriptionRow, e: EventCandidate, hold: boolean) => void,
    ): Promise<number | undefined> => {
      const { upTo, settled } = await this.scanReads.settledMaxId(table, this.settleMs);
      if (subs.length === 0) return settled ? upTo : undefined;
      const since = subs.reduce((min, s) => (s.confirmedAt! < min ? s.confirmedAt! : min), nowIso);
      for (let after = await this.scanReads.cursor(table); after < upTo;) {
        const page = await this.scanReads.eventsBetween(table, after, upTo, since, EVENT_PAGE);
        if (page.length === 0) break;
        after = page[page.length - 1].id;
        // An import's records go to the next daily digest (`digest`) or nowhere (`none`), never one email each.
        const marks =
          table === 'deadline_revision'
            ? new Map<number, 'none' | 'digest'>()
            : await this.scanReads.importMarks(
                table,
                page.map((e) => e.id),
              );
        for (const { row: e, facets } of await this.withTopics(page)) {
          const mark = marks.get(e.id);
          if (mark === 'none') continue;
          for (const s of subs)
            if (s.confirmedAt! <= e.recordedAt && matchesFilter(s.filter, facets)) write(s, e, mark === 'digest');
        }
      }
      return settled ? upTo : undefined;
    };
    const lastStatusChange = await events(withTrigger('status_change'), 'status_change', (s, e, hold) =>
      owed(s, { kind: 'status_change', dedupeKey: dedupeKeys.statusChange(box(s), e.id), statusChangeId: e.id }, hold),
    );
    const lastFinding = await events(withTrigger('finding'), 'finding', (s, e, hold) =>
      owed(s, { kind: 'finding', dedupeKey: dedupeKeys.finding(box(s), e.id), findingId: e.id }, hold),
    );
    // A deadline met, extended or withdrawn: to whoever follows its reminders or its missed notice.
    const lastOutcome = await events(
      subscriptions.filter((s) => s.triggers.includes('deadline_reminder') || s.triggers.includes('deadline_missed')),
      'deadline_revision',
      (s, e) => owed(s, { kind: 'deadline_outcome', dedupeKey: dedupeKeys.outcome(box(s), e.id), deadlineId: e.deadlineId! }),
    );

    const report: ScanReport = { ...NOTHING };
    await this.transactions.run(async () => {
      const byKind = new Map<string, NewNotification[]>();
      for (const r of rows) {
        const list = byKind.get(r.kind);
        if (list) list.push(r);
        else byKind.set(r.kind, [r]);
      }
      report.reminders = await this.outbox.insertNotifications(byKind.get('reminder') ?? []);
      report.missed = await this.outbox.insertNotifications(byKind.get('missed') ?? []);
      report.statusChanges = await this.outbox.insertNotifications(byKind.get('status_change') ?? []);
      report.findings = await this.outbox.insertNotifications(byKind.get('finding') ?? []);
      report.outcomes = await this.outbox.insertNotifications(byKind.get('deadline_outcome') ?? []);
      if (lastStatusChange !== undefined) await this.scanReads.advanceCursor('status_change', lastStatusChange, nowIso);
      if (lastFinding !== undefined) await this.scanReads.advanceCursor('finding', lastFinding, nowIso);
      if (lastOutcome !== undefined) await this.scanReads.advanceCursor('deadline_revision', lastOutcome, nowIso);
      report.cancelled = await this.outbox.cancelSettled();
      report.digests = await this.foldDigests(now);
      await this.subscriptionRows.deleteExpiredConfirmTokens(nowIso);
      report.expiredSubscriptions = await this.subscriptionRows.prunePendingSubscriptions(
        new Date(now.getTime() - pendingExpiryMs(this.env.CONFIRM_TOKEN_TTL_HOURS)).toISOString(),
      );
    });
    return report;
  }

  /**
   * Daily digests: what a digest subscriber was owed on a local day that has ended becomes one
   * digest notification for that day. Runs inside the scan's transaction.
   */
  private async foldDigests(now: Date): Promise<number> {
    const tz = this.env.TRACKER_TIME_ZONE;
    const today = localDateOf(now, tz);
    const groups = new Map<string, { subscriptionId: number; date: string; ids: number[] }>();
    for (const h of await this.outbox.heldNotifications()) {
      const date = localDateOf(new Date(h.createdAt), tz);
      if (date >= today) continue;
      const key = `${h.subscriptionId}|${date}`;
      const group = groups.get(key) ?? { subscriptionId: h.subscriptionId, date, ids: [] };
      group.ids.push(h.id);
      groups.set(key, group);
    }
    let created = 0;
    const nowIso = now.toISOString();
    for (const g of groups.values()) {
      const dedupeKey = dedupeKeys.digest(g.subscriptionId, g.date);
      created += await this.outbox.insertNotifications([
        {
          subscriptionId: g.subscriptionId,
          kind: 'digest',
          dedupeKey,
          state: 'pending',
          digestDate: g.date,
          nextAttemptAt: nowIso,
          createdAt: nowIso,
        },
      ]);
      await this.outbox.foldIntoDigest((await this.outbox.idOfDedupeKey(dedupeKey))!, g.ids);
    }
    return created;
  }

  /** Suppressed mailboxes (bounces, complaints, erasures) are owed nothing. */
  private async withoutSuppressed(subscriptions: SubscriptionRow[]): Promise<SubscriptionRow[]> {
    if ((await this.subscriptionRows.suppressionCount()) === 0) return subscriptions;
    const hashes = subscriptions.map((s) => suppressionHash(s.mailbox ?? mailboxOf(s.email)));
    const suppressed = await this.subscriptionRows.suppressedAmong(hashes);
    return subscriptions.filter((_s, i) => !suppressed.has(hashes[i]));
  }

  private async withTopics<T extends FacetRow>(rows: T[]): Promise<Array<{ row: T; facets: ItemFacets }>> {
    const topics = await this.scanReads.topicsByRecommendation(rows.map((r) => r.recommendationId));
    return rows.map((row) => ({
      row,
      facets: {
        recommendation: row.recommendation,
        topics: topics.get(row.recommendationId) ?? [],
        responsible: row.responsible,
        source: row.source,
      },
    }));
  }
}
