/**
 * Runs the scan and the dispatcher every NOTIFY_INTERVAL_SECONDS inside the HTTP server, and sends a
 * confirmation email as soon as it is queued. Only a server schedules: the CLI's application context
 * (npm run cli) has no HTTP adapter, and NOTIFY_INTERVAL_SECONDS=0 turns it off (for cron deployments
 * with `notify:run-once`, and for tests, which drive the scan and the dispatcher themselves).
 *
 * A plain interval rather than @nestjs/schedule: the period is configuration, not a decorator
 * constant, and the job must not start in the CLI context. Every instance may run it: claims and
 * dedupe keys make concurrent runs safe.
 */
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Environment } from '../config/environment';
import { DispatchReport, NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationScanner, ScanReport } from './notification-scanner.service';
import { OutboxPruner, PruneReport } from './outbox-pruner.service';

@Injectable()
export class NotificationRunner {
  constructor(
    private readonly scanner: NotificationScanner,
    private readonly dispatcher: NotificationDispatcher,
    private readonly pruner: OutboxPruner,
  ) {}

  /**
   * One scan, then send everything due (until `shouldStop` says so), then prune what retention allows
   * (at most hourly; `pruned` is null when it was not due). What `npm run cli -- notify:run-once` does,
   * and each tick of the scheduler.
   */
  async runOnce(shouldStop?: () => boolean): Promise<{ scan: ScanReport; dispatch: DispatchReport; pruned: PruneReport | null }> {
    const scan = await this.scanner.scan();
    const dispatch = await this.dispatcher.dispatch({ shouldStop });
    const pruned = shouldStop?.() ? null : await this.pruner.pruneIfDue();
    return { scan, dispatch, pruned };
  }
}

@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private kickedWhileRunning = false;

  constructor(
    private readonly env: Environment,
    private readonly adapterHost: HttpAdapterHost,
    private readonly runner: NotificationRunner,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  /** Whether this process runs notifications on its own. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.adapterHost.httpAdapter || this.env.NOTIFY_INTERVAL_SECONDS === 0) return;
    this.timer = setInterval(() => void this.tick('scan'), this.env.NOTIFY_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Something was just queued (a confirmation email): send it now rather than at the next tick. */
  kick(): void {
    if (this.timer) setImmediate(() => void this.tick('dispatch'));
  }

  private async tick(what: 'scan' | 'dispatch'): Promise<void> {
    // One run at a time per process; a kick during a run gets a dispatch right after it.
    if (this.stopped) return;
    if (this.running) {
      this.kickedWhileRunning ||= what === 'dispatch';
      return;
    }
    this.running = (async () => {
      try {
        // No cap per tick: a backlog is sent until it is empty (a cap of 2,000 once held delivery to 33
        // emails/s), and shutdown stops it between sends.
        const shouldStop = () => this.stopped;
        if (what === 'scan') {
          const { scan, dispatch } = await this.runner.runOnce(shouldStop);
          const queued = scan.reminders + scan.missed + scan.outcomes + scan.statusChanges + scan.findings + scan.digests;
          if (queued || dispatch.claimed)
            this.logger.log(`queued ${queued}, sent ${dispatch.sent}, retrying ${dispatch.retried}, dead ${dispatch.dead}`);
        } else {
          await this.dispatcher.dispatch({ shouldStop });
        }
      } catch (error) {
        this.logger.error(`notification run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      } finally {
        this.running = undefined;
      }
    })();
    await this.running;
    if (this.kickedWhileRunning) {
      this.kickedWhileRunning = false;
      await this.tick('dispatch');
    }
  }
}
