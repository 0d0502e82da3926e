/**
 * Finds what is owed and writes it to the outbox: reminders for deadlines entering a window, notices
 * for deadlines that closed unmet, and status changes and findings recorded since the last scan. The
 * decisions are the pure rules; this gathers candidates, crosses them with confirmed subscriptions
 * and inserts the result, where unique dedupe keys make a second scan, or a concurrent one, add
 * nothing.
 *
 * Incremental: a scan computes only what can have become owed since the last one, which its cursors
 * record (notification_cursor): status changes and findings by id (ids only grow); for deadlines,
 * the last deadline revision seen and the time of the last scan that found something new (an idle
 * scan moves neither, so "since the last scan" below means since that one). A reminder is owed to an existing
 * subscriber when its window opened since the last scan (the local day changed), for a deadline
 * added or changed since, and to a subscription confirmed since; a missed notice for a deadline that
 * closed since, or changed since. With nothing new a scan reads a few rows and writes nothing.
 *
 * Bounded: subscriptions are read in pages by id, each distinct setting (filter, triggers, reminder
 * days) is matched against the candidates once, and what is owed is written on a SQLite file by the
 * write worker, off the event loop (OFF_THREAD_ROWS), elsewhere in transactions of at most FLUSH_ROWS
 * rows with the event loop free between them, so requests are served during a scan of 100,000
 * subscribers. A scan that stops half-way moves no cursor past what it wrote: the next one
 * computes it again, and dedupe keys drop the repeats.
 *
 * Also announced: deadline outcomes (a deadline met, partly met, extended or withdrawn: a new
 * deadline_revision, to whoever follows its reminders or missed notices), and an import's records
 * as it asked (notification_import_mark: `digest` holds them for the daily digest, `none` skips them).
 * On PostgreSQL one instance scans at a time, and an event cursor never moves past a transaction
 * still open when its MAX(id) was read (settledMaxId).
 */
import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ADVISORY_LOCK, onlyOneInstance } from '../database/postgres/advisory-locks';
import type { SqlStatement } from '../database/raw-statements';
import { Transactions } from '../database/transactions';
import { ReadCache } from '../common/cache/read-cache';
import { Clock } from '../common/clock';
import { addDays, localDateOf, startOfLocalDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { dedupeKeys, mailboxKey, NotificationKind } from './notification-keys';
import { NewNotification, OutboxRepository } from './outbox.repository';
import {
  deadlineCursor,
  DeadlineCandidate,
  EventCandidate,
  EventTable,
  FacetRow,
  ScanCursorsRepository,
} from './scan-cursors.repository';
import { ScanSubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';
import { daysBeforeLastDay, missedOwed, reminderWindow } from './reminder-rules';
import {
  ItemFacets,
  MAX_REMINDER_DAYS,
  matchesFilter,
  mailboxOf,
  pendingExpiryMs,
  SubscriptionFilter,
  suppressionHash,
  Trigger,
} from './subscription-rules';

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

/** Events (status changes or findings) crossed with the subscriptions per pass. */
const EVENT_PAGE = 5_000;
/**
 * Event ids read per statement (a range of ids: at most this many rows, however few match). A first
 * scan reads from the first id, and at 100,000 items one statement looking for EVENT_PAGE recent rows
 * among a million old status changes held the event loop for 0.4-0.8 s.
 */
const EVENT_READ_IDS = 1_000;
/**
 * Deadlines (and their items' topics) read per statement where a scan may need many: a first scan
 * reads every deadline that ever closed unmet (70,000 at 100,000 items), about 7 ms per 250 with their
 * items when the pages are in memory, and the event loop is free between pages. Each statement reads
 * its items by id, so where the file does not fit in memory every row may wait for the disk: at
 * 1,000,000 items (a 16 GB file on a 23 GB machine) 250 took 40-60 ms, and every request behind it
 * waited. So the page size follows the time a statement takes (DeadlinePages): down to
 * DEADLINE_PAGE_MIN when a page takes more than DEADLINE_PAGE_MS, back up to DEADLINE_PAGE when pages
 * are quick.
 */
const DEADLINE_PAGE = 250;
const DEADLINE_PAGE_FIRST = 50;
const DEADLINE_PAGE_MIN = 10;
const DEADLINE_PAGE_MS = 3;

/**
 * The size of the next page of deadline reads: halved after a page slower than DEADLINE_PAGE_MS,
 * doubled after a quick one. Kept by the scanner from scan to scan; the first page is of
 * DEADLINE_PAGE_FIRST, so that even on a cold file it is not a long stall.
 */
export class DeadlinePages {
  size = DEADLINE_PAGE_FIRST;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Reads one page of `size` rows (at most) through `read`, and sizes the next one by the time it took. */
  async read<T>(read: (size: number) => Promise<T[]>): Promise<{ rows: T[]; full: boolean }> {
    const size = this.size;
    const started = this.now();
    const rows = await read(size);
    const ms = this.now() - started;
    if (ms > DEADLINE_PAGE_MS) this.size = Math.max(DEADLINE_PAGE_MIN, Math.floor(size / 2));
    else if (ms < DEADLINE_PAGE_MS / 4) this.size = Math.min(DEADLINE_PAGE, size * 2);
    return { rows, full: rows.length >= size };
  }
}
/** Subscription ids per statement when the scan's audience reads the distinct settings. */
const AUDIENCE_PAGE = 10_000;
/** Subscription ids read per page (a range of ids: at most this many rows, however few match). */
const SUBSCRIPTION_PAGE = 200;
/**
 * Notifications written per transaction: at most FLUSH_ROWS, in chunks of FLUSH_CHUNK, and no more
 * chunks once FLUSH_BUDGET_MS have passed. On SQLite a transaction holds the event loop (its
 * statements and COMMIT are synchronous), and its cost per row grows with the outbox (each insert
 * lands on a random page of the dedupe-key index: 500,000 reminders went in at a tenth of the rate
 * of 100,000 in the benchmark, at the same load), so a budget in time keeps each turn short whatever
 * the size and the machine's load. On PostgreSQL the event loop is free while the server works: one
 * statement writes all FLUSH_ROWS.
 */
const FLUSH_ROWS = 100;
const FLUSH_CHUNK = 20;
const FLUSH_BUDGET_MS = 3;
/**
 * On a SQLite file the scan's writes run in the write worker (database/sqlite/write-worker.ts), off
 * the event loop: OFF_THREAD_ROWS notifications per transaction there (its COMMIT no longer holds
 * requests up, only the app's own writes, which wait their turn with the event loop free), with up to
 * OFF_THREAD_QUEUE batches handed over while the scan computes the next. A scan that starts from
 * nothing cancels settled notices over the outbox CANCEL_IDS ids per transaction there (one
 * statement over 500,000 queued rows held the lock, then on the event loop, for 190 ms).
 */
const OFF_THREAD_ROWS = 500;
const OFF_THREAD_QUEUE = 4;
const CANCEL_IDS = 20_000;
/**
 * How far back a scan looks again for subscriptions confirmed since the last one: a confirmation
 * stamped just before a scan began may commit after that scan read the subscriptions (another
 * process, or the writer queue). Looking again finds it; dedupe keys drop what was already written.
 */
const SCAN_OVERLAP_MS = 5 * 60_000;

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

const REPORT_FIELD: Partial<Record<NotificationKind, keyof ScanReport>> = {
  reminder: 'reminders',
  missed: 'missed',
  deadline_outcome: 'outcomes',
  status_change: 'statusChanges',
  finding: 'findings',
};

type Owed = Omit<NewNotification, 'subscriptionId' | 'state' | 'nextAttemptAt' | 'createdAt'>;

/** A distinct setting, parsed once per scan. */
interface Setting {
  filter: SubscriptionFilter;
  triggers: Trigger[];
  reminderDays: number[];
}

interface ReminderCandidate {
  row: DeadlineCandidate;
  facets: ItemFacets;
  daysLeft: number;
  /** Days left at the last scan, or null when it must be computed afresh (new or changed since). */
  daysLeftBefore: number | null;
}

/** What one setting is owed of the reminder candidates: the window now, and whether it opened since the last scan. */
interface SettingReminder {
  deadlineId: number;
  window: number;
  opened: boolean;
}

@Injectable()
export class NotificationScanner {
  /** The page sizes of the deadline reads and of their items' topics, learned from scan to scan. */
  private readonly deadlinePages = new DeadlinePages();
  private readonly topicPages = new DeadlinePages();

  constructor(
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly scanReads: ScanCursorsRepository,
    private readonly transactions: Transactions,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly cache: ReadCache,
  ) {}

  /** See SCAN_SETTLE_MS (a test shortens it). */
  settleMs = SCAN_SETTLE_MS;
  /** See CANCEL_IDS (a test makes pages of a few ids, to cross their bounds). */
  cancelIds = CANCEL_IDS;

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
    const report: ScanReport = { ...NOTHING };
    const settings = new Map<string, Setting>();
    const settingOf = (s: ScanSubscriptionRow): Setting => {
      const key = `${s.filter}\n${s.triggers}\n${s.reminderDays}`;
      let setting = settings.get(key);
      if (!setting) {
        setting = {
          filter: JSON.parse(s.filter) as SubscriptionFilter,
          triggers: JSON.parse(s.triggers) as Trigger[],
          reminderDays: JSON.parse(s.reminderDays) as number[],
        };
        settings.set(key, setting);
      }
      return setting;
    };
    const pending: NewNotification[] = [];
    // Every field set, in one order (one object shape for every row: a spread made it 4 µs a row).
    const owe = (s: ScanSubscriptionRow, n: Owed, hold = false) =>
      pending.push({
        subscriptionId: s.id,
        kind: n.kind,
        dedupeKey: n.dedupeKey,
        state: hold || s.digest === 'daily' ? 'held' : 'pending',
        deadlineId: n.deadlineId ?? null,
        statusChangeId: n.statusChangeId ?? null,
        findingId: n.findingId ?? null,
        reminderDays: n.reminderDays ?? null,
        digestDate: n.digestDate ?? null,
        nextAttemptAt: nowIso,
        createdAt: nowIso,
      });
    // On a SQLite file the writes go to the write worker (see OFF_THREAD_ROWS); elsewhere they run here.
    const offThread = this.transactions.offThread;
    // In process, the budget bounds time on the event loop: only where inserting holds it (SQLite) is it cut in chunks.
    const chunk = this.outbox.insertsHoldTheEventLoop ? FLUSH_CHUNK : FLUSH_ROWS;
    const flushHere = async (alsoInTransaction?: () => Promise<void>) => {
      while (pending.length > 0 || alsoInTransaction) {
        await this.transactions.run(async () => {
          const started = performance.now();
          let written = 0;
          while (pending.length > 0 && written < FLUSH_ROWS && (written === 0 || performance.now() - started < FLUSH_BUDGET_MS)) {
            const rows = pending.splice(0, chunk);
            written += rows.length;
            for (const [kind, count] of await this.insertByKind(rows)) report[REPORT_FIELD[kind]!] += count;
          }
          if (pending.length === 0 && alsoInTransaction) {
            await alsoInTransaction();
            alsoInTransaction = undefined;
          }
        });
        await nextTurn();
      }
    };
    /**
     * The write worker's transactions handed over and not yet done: at most OFF_THREAD_QUEUE (the
     * scan computes the next rows meanwhile). Each batch is packed as it is handed over
     * (write-worker.ts), so the rows are garbage at once: rows kept waiting for a transaction made
     * every young-generation collection on the event loop copy them.
     */
    const writing: Array<Promise<void>> = [];
    const written = async (leave = 0) => {
      while (writing.length > leave) await writing.shift();
    };
    /**
     * `rows`, then `also` (a cursor) in a transaction of its own once every batch of rows before it
     * is in: a scan that stops half-way moves no cursor past what it wrote.
     */
    const flushOffThread = async (also: SqlStatement[], wait: boolean) => {
      while (pending.length > 0) {
        const rows = pending.splice(0, OFF_THREAD_ROWS);
        // Only the kinds are kept for the report.
        const kinds = rows.map((r) => REPORT_FIELD[r.kind]!);
        const done = this.transactions
          .runOffThread(rows.map((r) => this.outbox.insertStatement(r)))
          .then((counts) => kinds.forEach((field, i) => (report[field] += counts[i])));
        // Awaited below or by the next flush; meanwhile a failure is not an unhandled rejection.
        done.catch(() => undefined);
        writing.push(done);
        await written(OFF_THREAD_QUEUE);
      }
      if (wait || also.length > 0) await written();
      if (also.length > 0) await this.transactions.runOffThread(also);
    };
    /**
     * Writes what is owed so far, then `cursor`, never before the rows (so a scan that stops half-way
     * moves no cursor past what it wrote): in process in the transaction of the last rows, in the
     * worker in one of its own after them. `wait: false`: returns with up to OFF_THREAD_QUEUE
     * transactions still under way in the worker (the next flush waits for them).
     */
    const flush = (cursor: SqlStatement | null = null, { wait = true } = {}) =>
      offThread
        ? flushOffThread(cursor ? [cursor] : [], wait)
        : flushHere(cursor ? async () => void (await this.scanReads.execute(cursor)) : undefined);
    /** Walks the confirmed subscriptions (those confirmed after `confirmedAfter` only, when given), page by page. */
    const eachSubscription = async (
      confirmedAfter: string | null,
      visit: (s: ScanSubscriptionRow, setting: Setting, mailbox: () => string) => void,
    ) => {
      const last = await this.subscriptionRows.lastSubscriptionId();
      for (let after = 0; after < last; after += SUBSCRIPTION_PAGE) {
        const page = await this.subscriptionRows.confirmedSubscriptionsPage(after, after + SUBSCRIPTION_PAGE, confirmedAfter);
        for (const s of page.length ? await this.withoutSuppressed(page) : page) {
          let box: string | undefined;
          visit(s, settingOf(s), () => (box ??= mailboxKey(s.emailNormalized)));
        }
        if (pending.length >= FLUSH_ROWS) await flush(null, { wait: false });
        // Handing rows to the worker need not wait for anything (the await resolves at once): the
        // event loop is let go after every page all the same.
        if (offThread || pending.length < FLUSH_ROWS) await nextTurn();
      }
    };

    // ---- deadlines: reminders and missed notices -------------------------------------------------
    const cursorName = deadlineCursor(tz);
    const mark = await this.scanReads.cursorMark(cursorName);
    const revised = await this.scanReads.settledMaxId('deadline_revision', this.settleMs);
    const revisedUpTo = revised.upTo;
    const lastScan = mark ? new Date(mark.at) : undefined;
    // Deadlines added or changed since the last scan (all of them on a first scan: null).
    const changed = mark ? new Set(await this.scanReads.deadlinesRevisedBetween(mark.lastId, revisedUpTo)) : null;
    const isChanged = (id: number) => changed === null || changed.has(id);
    const confirmedSince = lastScan ? new Date(lastScan.getTime() - SCAN_OVERLAP_MS).toISOString() : null;
    const dayChanged = !lastScan || localDateOf(lastScan, tz) !== localDateOf(now, tz);

    // Who can be owed a deadline notice at all: nobody without confirmed subscriptions; a reminder
    // only within the largest reminder day someone chose; a missed notice only for a deadline that
    // closed after someone's confirmation. At 1,000,000 items that is the difference between reading
    // a few deadlines and reading 135,000 open and 700,000 missed ones on every scan.
    const audience = await this.audience();
    // Open deadlines whose last day is at most the largest reminder day chosen away.
    const until =
      audience.reminderDays === null
        ? null
        : startOfLocalDay(addDays(localDateOf(now, tz), audience.reminderDays + 1), tz).toISOString();
    const reminderCandidates: ReminderCandidate[] = (
      await this.withTopics(until === null ? [] : await this.openDeadlinesClosingBefore(nowIso, until))
    ).map(({ row, facets }) => ({
      row,
      facets,
      daysLeft: daysBeforeLastDay(new Date(row.closesAt), now, tz),
      daysLeftBefore: lastScan && !isChanged(row.id) ? daysBeforeLastDay(new Date(row.closesAt), lastScan, tz) : null,
    }));
    // Deadlines that closed unmet since the last scan (or changed since), however long ago on a first
    // scan. Those that closed a little earlier are looked at again for the subscriptions confirmed since.
    const missedRows: DeadlineCandidate[] = [];
    const missedFrom = [confirmedSince ?? '', audience.missedAfter ?? ''].reduce((a, b) => (a > b ? a : b));
    for (let after: DeadlineCandidate | null = null; audience.missedAfter !== null;) {
      const { rows: page, full } = await this.deadlinePages.read((size) =>
        this.scanReads.unmetDeadlinesClosedBetween(missedFrom, nowIso, after, size),
      );
      for (const row of page) missedRows.push(row);
      if (!full) break;
      after = page[page.length - 1];
      await nextTurn();
    }
    if (changed?.size) {
      const seen = new Set(missedRows.map((d) => d.id));
      for (const d of await this.scanReads.unmetDeadlinesClosedAmong([...changed], nowIso))
        if (!seen.has(d.id)) missedRows.push(d);
    }
    const lastScanIso = lastScan?.toISOString() ?? '';
    const missedCandidates = (await this.withTopics(missedRows)).map((c) => ({
      ...c,
      isNew: c.row.closesAt > lastScanIso || isChanged(c.row.id),
    }));

    // Everyone is looked at when a window may have opened for them, or a deadline changed or closed;
    // otherwise only the subscriptions confirmed since the last scan, for what is already owed.
    const everyone =
      !lastScan ||
      missedCandidates.some((d) => d.isNew) ||
      reminderCandidates.some((d) => d.daysLeftBefore === null) ||
      (dayChanged && reminderCandidates.length > 0);
    let visited = false;
    if (everyone || reminderCandidates.length > 0 || missedCandidates.length > 0) {
      const reminderMemo = new Map<Setting, SettingReminder[]>();
      const remindersOf = (setting: Setting): SettingReminder[] => {
        let owedHere = reminderMemo.get(setting);
        if (!owedHere) {
          owedHere = [];
          if (setting.triggers.includes('deadline_reminder') && setting.reminderDays.length > 0) {
            for (const d of reminderCandidates) {
              const window = reminderWindow(d.daysLeft, setting.reminderDays);
              if (window === null || !matchesFilter(setting.filter, d.facets)) continue;
              const opened = d.daysLeftBefore === null || reminderWindow(d.daysLeftBefore, setting.reminderDays) !== window;
              owedHere.push({ deadlineId: d.row.id, window, opened });
            }
          }
          reminderMemo.set(setting, owedHere);
        }
        return owedHere;
      };
      const missedMemo = new Map<Setting, typeof missedCandidates>();
      const missedOf = (setting: Setting) => {
        let owedHere = missedMemo.get(setting);
        if (!owedHere) {
          owedHere = setting.triggers.includes('deadline_missed')
            ? missedCandidates.filter((d) => matchesFilter(setting.filter, d.facets))
            : [];
          missedMemo.set(setting, owedHere);
        }
        return owedHere;
      };
      await eachSubscription(everyone ? null : confirmedSince, (s, setting, box) => {
        visited = true;
        const fresh = confirmedSince === null || s.confirmedAt > confirmedSince;
        for (const r of remindersOf(setting)) {
          if (!r.opened && !fresh) continue;
          owe(s, {
            kind: 'reminder',
            dedupeKey: dedupeKeys.reminder(box(), r.deadlineId, r.window),
            deadlineId: r.deadlineId,
            reminderDays: r.window,
          });
        }
        const confirmedAt = new Date(s.confirmedAt);
        for (const { row: d, isNew } of missedOf(setting)) {
          if (!isNew && !fresh) continue;
          if (missedOwed({ closesAt: new Date(d.closesAt), state: d.state }, now, confirmedAt)) {
            owe(s, { kind: 'missed', dedupeKey: dedupeKeys.missed(box(), d.id), deadlineId: d.id });
          }
        }
      });
    }
    // The deadline cursor (revision seen, time of this scan) is written when something was new: a
    // first scan, a window or deadline that made everyone be looked at, a revision, a subscriber
    // confirmed since. A scan with nothing new writes nothing (a write would empty every cached
    // answer). On PostgreSQL it stays where it was while an older transaction may still add a
    // revision below it.
    const moved = !mark || everyone || visited || revisedUpTo !== mark.lastId;
    const scanMark = moved && revised.settled ? this.scanReads.markScanStatement(cursorName, revisedUpTo, nowIso) : null;
    if (offThread) {
      await flush();
      report.cancelled = await this.cancelSettledOffThread(changed);
      if (scanMark) await flush(scanMark);
    } else {
      await flushHere(async () => {
        report.cancelled = await this.outbox.cancelSettled(changed === null ? null : [...changed]);
        if (scanMark) await this.scanReads.execute(scanMark);
      });
    }

    // ---- status changes, findings and deadline outcomes recorded since the cursors ----------------
    // Each to the subscribers confirmed before it was recorded; the cursor moves with each page's
    // last write, unless a transaction older than where the scan reads up to was still open
    // (PostgreSQL, see settledMaxId): then it stays, and the next scan reads the same rows again.
    const events = async (
      follows: (setting: Setting) => boolean,
      table: EventTable,
      owedFor: (box: string, e: EventCandidate) => Owed,
    ) => {
      const { upTo, settled } = await this.scanReads.settledMaxId(table, this.settleMs);
      let after = await this.scanReads.cursor(table);
      if (after >= upTo) return;
      const advance = (to: number) => (settled ? this.scanReads.advanceCursorStatement(table, to, nowIso) : null);
      // The earliest confirmation, from the audience cached per version of the subscription table
      // (read with the largest reminder day, which reads every subscription's settings; the MIN itself
      // is one seek of ix_subscription_state_confirmed, 0.03 ms at 100,000 subscribers).
      const since = (await this.audience()).earliest;
      /** Up to EVENT_PAGE events after `from`, read EVENT_READ_IDS ids at a time; and the id read up to. */
      const readPage = async (from: number) => {
        const rows: EventCandidate[] = [];
        let at = from;
        while (rows.length < EVENT_PAGE && at < upTo) {
          const end = Math.min(upTo, at + EVENT_READ_IDS);
          const wanted = EVENT_PAGE - rows.length;
          const got = await this.scanReads.eventsBetween(table, at, end, since!, wanted);
          for (const e of got) rows.push(e);
          at = got.length === wanted ? got[got.length - 1].id : end;
          await nextTurn();
        }
        return { rows, at };
      };
      while (since !== null && after < upTo) {
        const read = await readPage(after);
        // Nothing more (the whole range was read): the cursor moves to upTo below.
        if (read.rows.length === 0) break;
        const page = await this.withTopics(read.rows);
        // An import's records go to the next daily digest (`digest`) or nowhere (`none`), never one email each.
        const marks =
          table === 'deadline_revision'
            ? new Map<number, 'none' | 'digest'>()
            : await this.scanReads.importMarks(
                table,
                page.map((e) => e.row.id),
              );
        const memo = new Map<Setting, typeof page>();
        await eachSubscription(null, (s, setting, box) => {
          let matching = memo.get(setting);
          if (!matching) {
            matching = follows(setting)
              ? page.filter((e) => marks.get(e.row.id) !== 'none' && matchesFilter(setting.filter, e.facets))
              : [];
            memo.set(setting, matching);
          }
          for (const { row: e } of matching) {
            if (s.confirmedAt <= e.recordedAt) owe(s, owedFor(box(), e), marks.get(e.id) === 'digest');
          }
        });
        after = read.at;
        await flush(advance(after));
      }
      await flush(advance(upTo));
    };
    await events(
      (setting) => setting.triggers.includes('status_change'),
      'status_change',
      (box, e) => ({ kind: 'status_change', dedupeKey: dedupeKeys.statusChange(box, e.id), statusChangeId: e.id }),
    );
    await events(
      (setting) => setting.triggers.includes('finding'),
      'finding',
      (box, e) => ({ kind: 'finding', dedupeKey: dedupeKeys.finding(box, e.id), findingId: e.id }),
    );
    // A deadline met, extended or withdrawn: to whoever follows its reminders or its missed notice.
    await events(
      (setting) => setting.triggers.includes('deadline_reminder') || setting.triggers.includes('deadline_missed'),
      'deadline_revision',
      (box, e) => ({ kind: 'deadline_outcome', dedupeKey: dedupeKeys.outcome(box, e.id), deadlineId: e.deadlineId! }),
    );

    await this.transactions.run(async () => {
      report.digests = await this.foldDigests(now);
      await this.subscriptionRows.deleteExpiredConfirmTokens(nowIso);
      report.expiredSubscriptions = await this.subscriptionRows.prunePendingSubscriptions(
        new Date(now.getTime() - pendingExpiryMs(this.env.CONFIRM_TOKEN_TTL_HOURS)).toISOString(),
      );
    });
    return report;
  }

  /**
   * cancelSettled in the write worker: of the deadlines that changed (`changed`), or of all (null, a
   * first scan) `cancelIds` ids per transaction, each holding the lock for a few ms.
   */
  private async cancelSettledOffThread(changed: Set<number> | null): Promise<number> {
    const sum = (changes: number[]) => changes.reduce((a, b) => a + b, 0);
    if (changed !== null) {
      return changed.size === 0
        ? 0
        : sum(await this.transactions.runOffThread(this.outbox.cancelSettledStatements({ deadlines: [...changed] })));
    }
    let cancelled = 0;
    const last = await this.outbox.lastNotificationId();
    for (let after = 0; after < last; after += this.cancelIds) {
      const page = { afterId: after, upToId: Math.min(last, after + this.cancelIds) };
      cancelled += sum(await this.transactions.runOffThread(this.outbox.cancelSettledStatements(page)));
    }
    return cancelled;
  }

  /** Inserts rows (inside a transaction), returning how many were new per kind. */
  private async insertByKind(rows: NewNotification[]): Promise<Map<NotificationKind, number>> {
    const byKind = new Map<NotificationKind, NewNotification[]>();
    for (const r of rows) {
      const list = byKind.get(r.kind);
      if (list) list.push(r);
      else byKind.set(r.kind, [r]);
    }
    const inserted = new Map<NotificationKind, number>();
    for (const [kind, list] of byKind) inserted.set(kind, await this.outbox.insertNotifications(list));
    return inserted;
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
  private async withoutSuppressed(subscriptions: ScanSubscriptionRow[]): Promise<ScanSubscriptionRow[]> {
    if ((await this.subscriptionRows.suppressionCount()) === 0) return subscriptions;
    const hashes = subscriptions.map((s) => suppressionHash(s.mailbox ?? mailboxOf(s.email)));
    const suppressed = await this.subscriptionRows.suppressedAmong(hashes);
    return subscriptions.filter((_s, i) => !suppressed.has(hashes[i]));
  }

  /**
   * What the confirmed subscriptions can be owed of deadlines (cached per version of the subscription
   * table, so a scan with no new subscriber reads nothing for it): the largest reminder day chosen by
   * those who follow reminders (null: none do), and the time before which no deadline's close can be
   * owed a missed notice (the earliest confirmation, less SCAN_OVERLAP_MS for confirmations stamped
   * by another instance's clock; null: no confirmed subscription), and that earliest confirmation
   * (the events of the second half of a scan are read from it).
   */
  private audience(): Promise<{ reminderDays: number | null; earliest: string | null; missedAfter: string | null }> {
    return this.cache.value('notification scan audience', ['subscription'], async () => {
      let reminderDays: number | null = null;
      // Read in id ranges, the event loop free between them (one statement over 100,000 rows took 60 ms).
      const last = await this.subscriptionRows.lastSubscriptionId();
      for (let after = 0; after < last; after += AUDIENCE_PAGE) {
        if (after > 0) await nextTurn();
        for (const s of await this.subscriptionRows.confirmedReminderSettings(after, after + AUDIENCE_PAGE)) {
          if (!(JSON.parse(s.triggers) as Trigger[]).includes('deadline_reminder')) continue;
          for (const d of JSON.parse(s.reminderDays) as number[])
            reminderDays = Math.max(reminderDays ?? 0, Math.min(d, MAX_REMINDER_DAYS));
        }
      }
      const earliest = await this.subscriptionRows.earliestConfirmation();
      return {
        reminderDays,
        earliest,
        missedAfter: earliest === null ? null : new Date(new Date(earliest).getTime() - SCAN_OVERLAP_MS).toISOString(),
      };
    });
  }

  /** Open deadlines closing in (from, to], read a page at a time (DeadlinePages) with the event loop free between pages. */
  private async openDeadlinesClosingBefore(from: string, to: string): Promise<DeadlineCandidate[]> {
    const rows: DeadlineCandidate[] = [];
    for (let after: DeadlineCandidate | null = null; ;) {
      const { rows: page, full } = await this.deadlinePages.read((size) =>
        this.scanReads.openDeadlinesClosingBetween(from, to, after, size),
      );
      for (const row of page) rows.push(row);
      if (!full) return rows;
      after = page[page.length - 1];
      await nextTurn();
    }
  }

  private async withTopics<T extends FacetRow>(rows: T[]): Promise<Array<{ row: T; facets: ItemFacets }>> {
    const topics = new Map<number, string[]>();
    const pages = this.topicPages;
    for (let start = 0; start < rows.length;) {
      if (start > 0) await nextTurn();
      const from = start;
      const { rows: got } = await pages.read(async (size) => {
        start = from + size;
        return [...(await this.scanReads.topicsByRecommendation(rows.slice(from, from + size).map((r) => r.recommendationId)))];
      });
      for (const [id, slugs] of got) topics.set(id, slugs);
    }
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
