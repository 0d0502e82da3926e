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
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
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
  outcomeSection,
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
import { ReturnPaths } from './return-paths';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';
import { missedStillDue, reminderStillDue } from './reminder-rules';
import { describeFilter, type FilterNames, mailboxOf, suppressionHash, TRIGGER_LABELS } from './subscription-rules';
import { newToken } from './tokens';

export interface DispatchOptions {
  /** The time to act at; the clock's time by default. */
  now?: Date;
  /** Notifications claimed at a time (one claim, one lease). */
  batchSize?: number;
  /** Stop after this many claims. */
  maxBatches?: number;
  /** Stop after claiming this many notifications. */
  limit?: number;
  /** How long a claim holds; NOTIFY_LEASE_SECONDS by default. */
  leaseMs?: number;
  /** Sends in flight at once; by default what the transport asks for (MailTransport.concurrency). */
  concurrency?: number;
  worker?: string;
  /** Asked before every claim and every send: true stops the run, and what was claimed but not started goes back. */
  shouldStop?: () => boolean;
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

/**
 * The longest one send may take (connection 10 s + greeting 10 s + socket inactivity 30 s). A claimed
 * email that waited in the queue until less than this is left of its lease is not started: another
 * worker may take it over before it is recorded, and send it again.
 */
export const SEND_BUDGET_MS = 50_000;
export const DEFAULT_BATCH_SIZE = 100;
/** Sends in flight when the transport does not say. */
export const DEFAULT_CONCURRENCY = 10;

interface Prepared {
  row: NotificationRow;
  sub: SubscriptionRow | undefined;
  /** Why it will not be sent, if it will not: cancelled (no longer true or wanted) or dead (gave up). */
  drop?: { state: 'cancelled' | 'dead'; reason: string };
  sections?: EmailSection[];
}

/** A claimed notification that will be sent, with what its batch decided for it. */
interface Ready {
  p: Prepared & { sub: SubscriptionRow };
  batch: BatchContext;
  /** The link token minted for it: its confirmation token, or its subscription's manage token. */
  token: string;
}

/** What every email of one claimed batch shares. */
interface BatchContext {
  now: Date;
  /** performance.now() after which its emails are no longer started (see SEND_BUDGET_MS). */
  startBy: number;
  base: string;
  host: string;
  site: EmailSite;
  confirmExpiresAt: Date;
  /** What the batch's subscriptions follow, by title (see describeFilter). */
  names: FilterNames;
}

type Outcome = Parameters<OutboxRepository['finish']>[2];

/**
 * Records outcomes in groups: the ones that arrive within one turn of the event loop are written in
 * one transaction, instead of one transaction per email (a tenth of the dispatcher's time when each
 * had its own). A send's outcome is still recorded right after the server's reply, before anything
 * else waits on it.
 */
class OutcomeRecorder {
  private queued: Array<{ id: number; outcome: Outcome; done: (ok: boolean) => void; fail: (e: unknown) => void }> = [];

  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
    private readonly worker: string,
  ) {}

  /** Resolves with whether `worker` still held the claim (see OutboxRepository.finish). */
  record(id: number, outcome: Outcome): Promise<boolean> {
    return new Promise((done, fail) => {
      if (this.queued.push({ id, outcome, done, fail }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const group = this.queued;
    this.queued = [];
    this.transactions
      .run(async () => {
        const results: boolean[] = [];
        for (const o of group) results.push(await this.outbox.finish(o.id, this.worker, o.outcome));
        return results;
      })
      .then(
        (results) => group.forEach((o, i) => o.done(results[i])),
        (error: unknown) => group.forEach((o) => o.fail(error)),
      );
  }
}

@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
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
    private readonly returnPaths: ReturnPaths,
  ) {}

  /** Set at shutdown: no new claims, and what a run has not started goes back to the outbox. */
  private stopping = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  /** At start: what the process this one replaced had claimed is due again now, not when its claims run out. */
  async onApplicationBootstrap(): Promise<void> {
    await this.releaseClaimsOfGoneProcesses();
  }

  /**
   * Gives back the claims of this host's dispatchers whose process is gone (a crash, then a restart):
   * a worker id is `host:pid:random`, and a pid that no longer runs, or that is now this process's
   * own under another worker id (a container's pid 1 after a restart), is gone. A live process's
   * claims, and other hosts', are left to their lease (NOTIFY_LEASE_SECONDS). Returns how many.
   */
  async releaseClaimsOfGoneProcesses(now: Date = this.clock.now()): Promise<number> {
    const host = `${hostname()}:`;
    let released = 0;
    for (const worker of await this.outbox.claimHoldersStartingWith(host)) {
      if (worker === this.worker || !processGone(Number(worker.slice(host.length).split(':')[0]))) continue;
      released += await this.transactions.run(() => this.outbox.releaseClaimsOfGone(worker, now.toISOString()));
    }
    if (released > 0) this.logger.log(`Released ${released} notification(s) claimed by a process that is gone`);
    return released;
  }

  /** At shutdown: the sends under way finish and are recorded, unstarted claims are released, then the transport closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    await this.transport.close();
  }

  /**
   * Claims and sends due notifications until none is due (or `maxBatches`, `limit`, `shouldStop`),
   * with no pause between batches: the next batch is claimed and prepared while the current one is
   * still sending, and `concurrency` sends are always in flight, so the SMTP pool never idles.
   */
  dispatch(options: DispatchOptions = {}): Promise<DispatchReport> {
    const run = this.dispatchRun(options);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  private async dispatchRun(options: DispatchOptions): Promise<DispatchReport> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const concurrency = Math.max(1, options.concurrency ?? this.transport.concurrency ?? DEFAULT_CONCURRENCY);
    const limit = options.limit ?? Infinity;
    const maxBatches = options.maxBatches ?? Infinity;
    const worker = options.worker ?? this.worker;
    const leaseMs = options.leaseMs ?? this.env.NOTIFY_LEASE_SECONDS * 1000;
    const stopRequested = () => this.stopping || (options.shouldStop?.() ?? false);
    const report: DispatchReport = { claimed: 0, sent: 0, retried: 0, deferred: 0, dead: 0, cancelled: 0, lost: 0 };
    const recorder = new OutcomeRecorder(this.transactions, this.outbox, worker);

    // Claimed and prepared, not started yet: never more than one batch plus `concurrency`.
    const queue: Ready[] = [];
    let batches = 0;
    let exhausted = false;
    let refilling: Promise<void> | undefined;
    let failure: { error: unknown } | undefined;
    // Set by the first transport fault: nothing more is tried in this run.
    let transportDown: { retryAt: Date; error: string } | undefined;
    // Claimed emails that waited too long to be started (see SEND_BUDGET_MS).
    const late: number[] = [];

    const refill = async () => {
      if (batches >= maxBatches || report.claimed >= limit || stopRequested()) {
        exhausted = true;
        return;
      }
      batches++;
      const now = options.now ?? this.clock.now();
      const wanted = Math.min(batchSize, limit - report.claimed);
      const startBy = performance.now() + leaseMs - SEND_BUDGET_MS;
      const claimed = await this.transactions.run(() => this.outbox.claimDue(worker, wanted, leaseMs, now));
      report.claimed += claimed.length;
      if (claimed.length < wanted) exhausted = true;
      if (claimed.length) queue.push(...(await this.prepareBatch(claimed, worker, now, startBy, report)));
    };
    const refillSoon = () => {
      if (refilling || exhausted || failure || transportDown || queue.length > concurrency) return;
      refilling = refill()
        .catch((error: unknown) => {
          failure = { error };
        })
        .finally(() => {
          refilling = undefined;
        });
    };
    const sender = async () => {
      while (!transportDown && !failure && !stopRequested()) {
        refillSoon();
        const job = queue.shift();
        if (job && performance.now() > job.batch.startBy) late.push(job.p.row.id);
        else if (job) {
          const fault = await this.send(job, recorder, report);
          transportDown ??= fault;
        } else if (refilling) await refilling;
        else return;
      }
    };

    await Promise.all(Array.from({ length: concurrency }, sender));
    await refilling;
    // Claimed but not started goes back untouched, with no attempt counted: when the transport failed
    // or a stop was asked for, and when its lease was running out.
    const release = async (ids: number[], retryAt: Date, why: string, deferred: boolean) => {
      if (ids.length === 0) return;
      const released = await this.transactions.run(() =>
        this.outbox.releaseClaims(ids, worker, retryAt.toISOString(), why.slice(0, 1000)),
      );
      report.retried += released;
      if (deferred) report.deferred += released;
      report.lost += ids.length - released;
    };
    const now = options.now ?? this.clock.now();
    await release(
      queue.splice(0).map((r) => r.p.row.id),
      transportDown?.retryAt ?? now,
      transportDown
        ? `not tried: ${transportDown.error}`
        : this.stopping
          ? 'not tried: the worker was shutting down'
          : 'not tried: the dispatcher stopped',
      transportDown !== undefined,
    );
    await release(late, now, 'not tried: its claim was running out before it could be sent', false);
    if (failure) throw failure.error;
    return report;
  }

  /**
   * Everything a claimed batch needs before its first send, done once for the batch: subscriptions,
   * content and suppressions read in bulk, what is no longer owed recorded, and the link tokens of the
   * whole batch (one manage token per subscription) minted, in one transaction.
   */
  private async prepareBatch(
    rows: NotificationRow[],
    worker: string,
    now: Date,
    startBy: number,
    report: DispatchReport,
  ): Promise<Ready[]> {
    const subs = await this.subscriptionRows.subscriptionsByIds([...new Set(rows.map((r) => r.subscriptionId))]);
    const items = new Map<number, NotificationRow[]>();
    for (const r of rows) if (r.kind === 'digest') items.set(r.id, await this.outbox.digestItems(r.id));
    const contents = await this.content.load([...rows, ...[...items.values()].flat()]);
    const hashOf = (s: SubscriptionRow) => suppressionHash(s.mailbox ?? mailboxOf(s.email));
    const suppressed = await this.subscriptionRows.suppressedAmong([...subs.values()].map(hashOf));
    const prepared = rows.map((row) => {
      const sub = subs.get(row.subscriptionId);
      // Checked at the last moment: a bounce or complaint recorded after the row was queued still stops it.
      if (sub && suppressed.has(hashOf(sub)))
        return { row, sub, drop: { state: 'cancelled' as const, reason: 'the address is suppressed' } };
      return this.prepare(row, sub, items.get(row.id) ?? [], contents, now);
    });

    const base = publicUrl(this.env);
    const batch: BatchContext = {
      now,
      startBy,
      base,
      host: new URL(base).hostname,
      site: { name: 'Reform Tracker', timeZone: this.env.TRACKER_TIME_ZONE, now, url: base },
      confirmExpiresAt: new Date(now.getTime() + this.env.CONFIRM_TOKEN_TTL_HOURS * 3_600_000),
      names: await this.content.filterNames([...subs.values()].map((s) => s.filter)),
    };
    const nowIso = now.toISOString();
    const manageTokens = new Map<number, string>();
    const ready: Ready[] = [];
    await this.transactions.run(async () => {
      for (const p of prepared) {
        if (p.drop) {
          if (!(await this.outbox.finish(p.row.id, worker, { state: p.drop.state, error: p.drop.reason }))) report.lost++;
          else report[p.drop.state === 'dead' ? 'dead' : 'cancelled']++;
          continue;
        }
        const sub = p.sub!;
        let token: string;
        if (p.row.kind === 'confirm') {
          const minted = newToken();
          await this.subscriptionRows.insertToken(sub.id, 'confirm', minted.hash, nowIso, batch.confirmExpiresAt.toISOString());
          token = minted.token;
        } else {
          let manage = manageTokens.get(sub.id);
          if (manage === undefined) {
            const minted = newToken();
            await this.subscriptionRows.insertToken(sub.id, 'manage', minted.hash, nowIso, null);
            manageTokens.set(sub.id, (manage = minted.token));
          }
          token = manage;
        }
        ready.push({ p: { ...p, sub }, batch, token });
      }
    });
    return ready;
  }

  /** The email of a ready notification, rendered when it is about to be sent (so a backlog holds no rendered mail). */
  private render({ p, batch, token }: Ready): { email: RenderedEmail; headers: Record<string, string> } {
    const { row, sub } = p;
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
    if (row.kind === 'confirm') {
      const confirmUrl = `${batch.base}/subscriptions/confirm?token=${token}`;
      const email = renderConfirmation(
        {
          confirmUrl,
          expiresAt: batch.confirmExpiresAt,
          followed: describeFilter(sub.filter, batch.names),
          triggers: sub.triggers.map((t) => TRIGGER_LABELS[t]),
        },
        batch.site,
      );
      return { email, headers };
    }
    const links = {
      followed: describeFilter(sub.filter, batch.names),
      manage: `${batch.base}/subscriptions/manage?token=${token}`,
      unsubscribe: `${batch.base}/subscriptions/unsubscribe?token=${token}`,
    };
    headers['List-Unsubscribe'] = `<${links.unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    const email =
      row.kind === 'digest'
        ? renderDigest(row.digestDate ?? batch.now.toISOString().slice(0, 10), p.sections!, batch.site, links)
        : renderSection(p.sections![0], batch.site, links);
    return { email, headers };
  }

  /**
   * Sends one email and records the outcome. Returns the transport fault when the transport failed
   * (the row went back with no attempt counted), so that the run stops.
   */
  private async send(
    job: Ready,
    recorder: OutcomeRecorder,
    report: DispatchReport,
  ): Promise<{ retryAt: Date; error: string } | undefined> {
    const { row, sub } = job.p;
    const messageId = messageIdFor(row.id, row.dedupeKey, job.batch.host);
    const { email, headers } = this.render(job);
    try {
      await this.transport.send({
        from: this.env.MAIL_FROM,
        returnPath: this.returnPaths.envelopeSender(row.id, sub.mailbox ?? mailboxOf(sub.email)),
        to: sub.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers,
        reference: `${String(row.id).padStart(6, '0')}-${row.kind}`,
      });
    } catch (error) {
      return this.failed(job, error, recorder, report);
    }
    if (await recorder.record(row.id, { state: 'sent', at: this.clock.now().toISOString(), messageId })) report.sent++;
    else report.lost++;
    const before = this.health.markUp(this.clock.now());
    if (before.status === 'down') this.logger.log(`The mail transport works again (it had failed since ${before.since}).`);
    return undefined;
  }

  private async failed(
    { p: { row }, batch: { now } }: Ready,
    error: unknown,
    recorder: OutcomeRecorder,
    report: DispatchReport,
  ): Promise<{ retryAt: Date; error: string } | undefined> {
    if (isTransportFault(error)) {
      // The operator's to fix (password, relay, MAIL_FROM, network): the row waits, no attempt counted.
      const description = describeSendError(error, 'transient', true);
      const { newlyDown, retryAt } = this.health.markDown(now, description);
      if (newlyDown) {
        this.logger.error(
          `The mail transport (${this.transport.kind}) is failing: ${description}. ` +
            'Notifications stay pending, with no attempt counted, and are tried again when it works; check SMTP_URL and MAIL_FROM.',
        );
      }
      const ok = await recorder.record(row.id, {
        state: 'pending',
        nextAttemptAt: retryAt.toISOString(),
        error: description,
        refundAttempt: true,
      });
      if (!ok) report.lost++;
      else {
        report.retried++;
        report.deferred++;
      }
      return { retryAt, error: description };
    }
    const kind = classifySendError(error);
    const outcome = afterFailure(row.attempts, this.env.NOTIFY_MAX_ATTEMPTS, kind, now, Math.random());
    const description = describeSendError(error, kind);
    const ok = await recorder.record(
      row.id,
      outcome.state === 'dead'
        ? { state: 'dead', error: description }
        : { state: 'pending', nextAttemptAt: outcome.nextAttemptAt.toISOString(), error: description },
    );
    if (!ok) report.lost++;
    else if (outcome.state === 'dead') {
      report.dead++;
      this.logger.warn(`notification ${row.id} (${row.dedupeKey}) is dead after ${row.attempts} attempt(s): ${description}`);
    } else report.retried++;
    return undefined;
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
    const site: EmailSite = { name: 'Reform Tracker', timeZone: tz, now, url: publicUrl(this.env) };
    const { item, deadline: d, extension, change, effect, finding } = content;
    switch (row.kind) {
      case 'reminder':
      case 'missed': {
        if (!d) return 'the deadline no longer exists';
        const facts = { closesAt: new Date(d.closesAt), state: d.state };
        if (row.kind === 'missed') return missedStillDue(facts) ? missedSection(item, d, site) : `the deadline was ${d.state}`;
        if (!reminderStillDue(row.reminderDays ?? -1, facts, now, tz, sub.reminderDays)) {
          return d.state === 'open' ? 'its reminder window has passed' : `the deadline was ${d.state} first`;
        }
        return reminderSection(item, d, site);
      }
      case 'deadline_outcome':
        if (!d) return 'the deadline no longer exists';
        return d.state === 'open' || d.state === 'missed' || d.state === 'unknown'
          ? `the deadline is ${d.state} again`
          : outcomeSection(item, d, extension, site);
      case 'status_change':
        return change && effect ? statusChangeSection(item, change, effect, site) : 'the status change no longer exists';
      case 'finding':
        return finding ? findingSection(item, finding, site) : 'the finding no longer exists';
      default:
        return `a ${row.kind} notification cannot be part of another`;
    }
  }
}

/** Whether process `pid` of this host is gone: not running, or this process's own pid (its predecessor's, reused). */
function processGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
