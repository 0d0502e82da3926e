/**
 * Sends what the outbox owes. Claims due notifications in batches under a lease (a crashed worker's
 * claims come back when the lease runs out), re-checks that each is still true and wanted, renders
 * it from the same views the API serves, mints its link tokens, sends it through the MailTransport
 * and records the outcome: sent, retried later with backoff, dead, or cancelled.
 *
 * Delivery is at least once: a worker that dies after the SMTP server accepted a message but before
 * recording it will have the message sent again; the Message-ID is the same, so mail systems and
 * readers can tell. Leases outlast the SMTP timeouts so a live worker is never overtaken.
 */
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { Environment, publicUrl } from '../config/environment';
import { afterFailure, classifySendError, describeSendError, isTransportFault } from './delivery-rules';
import {
  EmailSection,
  EmailSite,
  findingSection,
  missedSection,
  reminderSection,
  renderConfirmation,
  renderDigest,
  renderSection,
  RenderedEmail,
  statusChangeSection,
} from './email/email-content';
import { MAIL_TRANSPORT } from './mail/mail-transport';
import { MailTransportHealth } from './mail/mail-transport-health';
import { NotificationContent, NotificationContentLoader } from './notification-content.loader';
import type { MailTransport } from './mail/mail-transport';
import { messageIdFor } from './notification-keys';
import { NotificationRow, OutboxRepository } from './outbox.repository';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';
import { daysBeforeLastDay, missedStillDue, reminderStillDue } from './reminder-rules';
import { describeFilter, mailboxOf, suppressionHash, TRIGGER_LABELS } from './subscription-rules';
import { newToken } from './tokens';

export interface DispatchOptions {
  /** The time to act at; the clock's time by default. */
  now?: Date;
  batchSize?: number;
  /** Stop after this many batches (a scheduler tick should not run forever). */
  maxBatches?: number;
  leaseMs?: number;
  /** Parallel sends within a batch. */
  concurrency?: number;
  worker?: string;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  /** Back to pending for a later attempt (including `deferred`). */
  retried: number;
  /** Of those, held back because the mail transport failed (no attempt counted; see isTransportFault). */
  deferred: number;
  dead: number;
  cancelled: number;
  /** Outcomes not recorded because another worker had taken the claim over (our lease had run out). */
  lost: number;
}

/** The lease must outlast one send: connection (10 s) + greeting (10 s) + socket inactivity (30 s). */
export const DEFAULT_LEASE_MS = 5 * 60_000;

interface Prepared {
  row: NotificationRow;
  sub: SubscriptionRow | undefined;
  /** Why it will not be sent, if it will not: cancelled (no longer true or wanted) or dead (gave up). */
  drop?: { state: 'cancelled' | 'dead'; reason: string };
  sections?: EmailSection[];
}

@Injectable()
export class NotificationDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  readonly worker = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly transactions: Transactions,
    private readonly content: NotificationContentLoader,
    private readonly env: Environment,
    private readonly clock: Clock,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly health: MailTransportHealth,
  ) {}

  /** Set at shutdown: no new claims, and what a batch has not started goes back to the outbox. */
  private stopping = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  /** At shutdown: the sends under way finish and are recorded, unstarted claims are released, then the transport closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    await this.transport.close();
  }

  /** Claims and sends due notifications, batch after batch, until none is due (or maxBatches). */
  dispatch(options: DispatchOptions = {}): Promise<DispatchReport> {
    const run = this.dispatchBatches(options);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  private async dispatchBatches(options: DispatchOptions): Promise<DispatchReport> {
    const batchSize = options.batchSize ?? 50;
    const report: DispatchReport = { claimed: 0, sent: 0, retried: 0, deferred: 0, dead: 0, cancelled: 0, lost: 0 };
    for (let batch = 0; batch < (options.maxBatches ?? Infinity) && !this.stopping; batch++) {
      const now = options.now ?? this.clock.now();
      const worker = options.worker ?? this.worker;
      const claimed = await this.transactions.runSync(() =>
        this.outbox.claimDue(worker, batchSize, options.leaseMs ?? DEFAULT_LEASE_MS, now),
      );
      if (claimed.length === 0) break;
      report.claimed += claimed.length;
      const transportDown = await this.process(claimed, worker, now, options.concurrency ?? 10, report);
      // A broken transport would fail the next batch the same way: stop until the pause is over.
      if (transportDown || claimed.length < batchSize) break;
    }
    return report;
  }

  private async process(
    rows: NotificationRow[],
    worker: string,
    now: Date,
    concurrency: number,
    report: DispatchReport,
  ): Promise<boolean> {
    const subs = this.subscriptionRows.subscriptionsByIds([...new Set(rows.map((r) => r.subscriptionId))]);
    const items = new Map<number, NotificationRow[]>(
      rows.filter((r) => r.kind === 'digest').map((r) => [r.id, this.outbox.digestItems(r.id)]),
    );
    const contents = await this.content.load([...rows, ...[...items.values()].flat()]);
    const hashOf = (s: SubscriptionRow) => suppressionHash(s.mailbox ?? mailboxOf(s.email));
    const suppressed = this.subscriptionRows.suppressedAmong([...subs.values()].map(hashOf));
    const prepared = rows.map((row) => {
      const sub = subs.get(row.subscriptionId);
      // Checked at the last moment: a bounce or complaint recorded after the row was queued still stops it.
      if (sub && suppressed.has(hashOf(sub)))
        return { row, sub, drop: { state: 'cancelled' as const, reason: 'the address is suppressed' } };
      return this.prepare(row, sub, items.get(row.id) ?? [], contents, now);
    });

    // Mint the link tokens of the whole batch (one manage token per subscription) and record cancellations, in one transaction.
    const nowIso = now.toISOString();
    const manageTokens = new Map<number, string>();
    const confirmTokens = new Map<number, string>();
    const expiresAt = new Date(now.getTime() + this.env.CONFIRM_TOKEN_TTL_HOURS * 3_600_000);
    await this.transactions.runSync(() => {
      for (const p of prepared) {
        if (p.drop) {
          if (!this.outbox.finish(p.row.id, worker, { state: p.drop.state, error: p.drop.reason })) report.lost++;
          else report[p.drop.state === 'dead' ? 'dead' : 'cancelled']++;
          continue;
        }
        if (p.row.kind === 'confirm') {
          const { token, hash } = newToken();
          this.subscriptionRows.insertToken(p.sub!.id, 'confirm', hash, nowIso, expiresAt.toISOString());
          confirmTokens.set(p.row.id, token);
        } else if (!manageTokens.has(p.sub!.id)) {
          const { token, hash } = newToken();
          this.subscriptionRows.insertToken(p.sub!.id, 'manage', hash, nowIso, null);
          manageTokens.set(p.sub!.id, token);
        }
      }
    });

    const base = publicUrl(this.env);
    const host = new URL(base).hostname;
    const site: EmailSite = { name: 'Reform Tracker', timeZone: this.env.TRACKER_TIME_ZONE, now };
    const toSend = prepared.filter((p) => !p.drop);
    let next = 0;
    // Set by the first transport fault: nothing more is tried in this batch.
    let transportDown: { retryAt: Date; error: string } | undefined;
    const sendLoop = async () => {
      while (next < toSend.length && !transportDown && !this.stopping) {
        const p = toSend[next++];
        const sub = p.sub!;
        const messageId = messageIdFor(p.row.id, p.row.dedupeKey, host);
        const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
        let email: RenderedEmail;
        if (p.row.kind === 'confirm') {
          const confirmUrl = `${base}/subscriptions/confirm?token=${confirmTokens.get(p.row.id)}`;
          email = renderConfirmation(
            { confirmUrl, expiresAt, followed: describeFilter(sub.filter), triggers: sub.triggers.map((t) => TRIGGER_LABELS[t]) },
            site,
          );
        } else {
          const token = manageTokens.get(sub.id)!;
          const links = {
            followed: describeFilter(sub.filter),
            manage: `${base}/subscriptions/manage?token=${token}`,
            unsubscribe: `${base}/subscriptions/unsubscribe?token=${token}`,
          };
          headers['List-Unsubscribe'] = `<${links.unsubscribe}>`;
          headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
          email =
            p.row.kind === 'digest'
              ? renderDigest(p.row.digestDate ?? nowIso.slice(0, 10), p.sections!, site, links)
              : renderSection(p.sections![0], site, links);
        }
        try {
          await this.transport.send({
            from: this.env.MAIL_FROM,
            to: sub.email,
            subject: email.subject,
            text: email.text,
            html: email.html,
            messageId,
            headers,
            reference: `${String(p.row.id).padStart(6, '0')}-${p.row.kind}`,
          });
          const ok = await this.transactions.runSync(() =>
            this.outbox.finish(p.row.id, worker, { state: 'sent', at: this.clock.now().toISOString(), messageId }),
          );
          if (ok) report.sent++;
          else report.lost++;
          const before = this.health.markUp(this.clock.now());
          if (before.status === 'down') this.logger.log(`The mail transport works again (it had failed since ${before.since}).`);
        } catch (error) {
          if (isTransportFault(error)) {
            // The operator's to fix (password, relay, MAIL_FROM, network): the row waits, no attempt counted.
            const description = describeSendError(error, 'transient', true);
            const { newlyDown, retryAt } = this.health.markDown(now, description);
            transportDown ??= { retryAt, error: description };
            if (newlyDown) {
              this.logger.error(
                `The mail transport (${this.transport.kind}) is failing: ${description}. ` +
                  'Notifications stay pending, with no attempt counted, and are tried again when it works; check SMTP_URL and MAIL_FROM.',
              );
            }
            const ok = await this.transactions.runSync(() =>
              this.outbox.finish(p.row.id, worker, {
                state: 'pending',
                nextAttemptAt: retryAt.toISOString(),
                error: description,
                refundAttempt: true,
              }),
            );
            if (!ok) report.lost++;
            else {
              report.retried++;
              report.deferred++;
            }
            continue;
          }
          const kind = classifySendError(error);
          const outcome = afterFailure(p.row.attempts, this.env.NOTIFY_MAX_ATTEMPTS, kind, now, Math.random());
          const description = describeSendError(error, kind);
          const ok = await this.transactions.runSync(() =>
            this.outbox.finish(
              p.row.id,
              worker,
              outcome.state === 'dead'
                ? { state: 'dead', error: description }
                : { state: 'pending', nextAttemptAt: outcome.nextAttemptAt.toISOString(), error: description },
            ),
          );
          if (!ok) report.lost++;
          else if (outcome.state === 'dead') {
            report.dead++;
            this.logger.warn(
              `notification ${p.row.id} (${p.row.dedupeKey}) is dead after ${p.row.attempts} attempt(s): ${description}`,
            );
          } else report.retried++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, toSend.length)) }, sendLoop));
    if (!transportDown && next >= toSend.length) return false;
    // What this batch had not started yet goes back untouched: after the transport's pause, or at once
    // when the process is shutting down (another worker, or this one restarted, sends it).
    const untried = toSend.slice(next).map((p) => p.row.id);
    const retryAt = transportDown?.retryAt ?? now;
    const why = transportDown ? `not tried: ${transportDown.error}` : 'not tried: the worker was shutting down';
    const released = await this.transactions.runSync(() =>
      this.outbox.releaseClaims(untried, worker, retryAt.toISOString(), why.slice(0, 1000)),
    );
    report.retried += released;
    if (transportDown) report.deferred += released;
    report.lost += untried.length - released;
    return true;
  }

  /** Decides what a claimed notification says, or why it is no longer sent. */
  private prepare(
    row: NotificationRow,
    sub: SubscriptionRow | undefined,
    digestItems: NotificationRow[],
    contents: Map<number, NotificationContent>,
    now: Date,
  ): Prepared {
    const cancel = (reason: string): Prepared => ({ row, sub, drop: { state: 'cancelled', reason } });
    if (row.attempts > this.env.NOTIFY_MAX_ATTEMPTS) {
      return {
        row,
        sub,
        drop: { state: 'dead', reason: `gave up: claimed ${row.attempts} times, and the last claims were never completed` },
      };
    }
    if (!sub) return cancel('the subscription no longer exists');
    if (row.kind === 'confirm')
      return sub.state === 'pending' ? { row, sub } : cancel(`the subscription is already ${sub.state}`);
    if (sub.state !== 'confirmed') return cancel(`the subscription is ${sub.state}`);
    if (row.kind === 'digest') {
      const sections = digestItems
        .map((item) => this.section(item, sub, contents.get(item.id), now))
        .filter((s): s is EmailSection => typeof s !== 'string');
      return sections.length ? { row, sub, sections } : cancel('nothing in the digest is still true');
    }
    const section = this.section(row, sub, contents.get(row.id), now);
    return typeof section === 'string' ? cancel(section) : { row, sub, sections: [section] };
  }

  /** The content of one notification, or the reason it is no longer owed. */
  private section(
    row: NotificationRow,
    sub: SubscriptionRow,
    content: NotificationContent | undefined,
    now: Date,
  ): EmailSection | string {
    const tz = this.env.TRACKER_TIME_ZONE;
    if (!content) return 'what it was about no longer exists';
    const site: EmailSite = { name: 'Reform Tracker', timeZone: tz, now };
    const { item, deadline: d, change, finding } = content;
    switch (row.kind) {
      case 'reminder':
      case 'missed': {
        if (!d) return 'the deadline no longer exists';
        const facts = { closesAt: new Date(d.closesAt), state: d.state };
        if (row.kind === 'missed') return missedStillDue(facts) ? missedSection(item, d, site) : `the deadline was ${d.state}`;
        if (!reminderStillDue(row.reminderDays ?? -1, facts, now, tz, sub.reminderDays)) {
          return d.state === 'open' ? 'its reminder window has passed' : `the deadline was ${d.state} first`;
        }
        return reminderSection(item, d, daysBeforeLastDay(facts.closesAt, now, tz), site);
      }
      case 'status_change':
        return change ? statusChangeSection(item, change) : 'the status change no longer exists';
      case 'finding':
        return finding ? findingSection(item, finding) : 'the finding no longer exists';
      default:
        return `a ${row.kind} notification cannot be part of another`;
    }
  }
}
