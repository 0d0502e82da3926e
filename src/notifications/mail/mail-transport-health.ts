/**
 * Whether this process's mail transport works, as the dispatcher last found it: `up` after a message
 * was accepted, `down` after a transport fault (no connection, greeting, TLS, authentication, MAIL
 * FROM refused; see isTransportFault), `unknown` before anything was sent. A health check or an
 * admin page can inject this and read {@link status}; the dispatcher is the only writer.
 */
import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { transportPauseMs } from '../delivery-rules';

export interface MailTransportStatus {
  status: 'unknown' | 'up' | 'down';
  /** When the current status began (ISO), null while unknown. */
  since: string | null;
  /** The last transport fault, while down. */
  lastError: string | null;
  /** Transport faults seen since it went down. */
  failures: number;
  /** While down: when rows held back by the fault are tried again (ISO). */
  retryAt: string | null;
}

@Injectable()
export class MailTransportHealth {
  private current: MailTransportStatus = { status: 'unknown', since: null, lastError: null, failures: 0, retryAt: null };
  /** performance.now() of the last message accepted (monotonic: how fresh that evidence is, whatever the Clock says). */
  private lastAcceptedAt = -Infinity;

  status(): MailTransportStatus {
    return { ...this.current };
  }

  get down(): boolean {
    return this.current.status === 'down';
  }

  /** Milliseconds since this process's transport last accepted a message (Infinity before any). */
  msSinceAccepted(): number {
    return performance.now() - this.lastAcceptedAt;
  }

  /** A message was accepted. Returns the status it was in (so the caller can log a recovery once). */
  markUp(now: Date): MailTransportStatus {
    this.lastAcceptedAt = performance.now();
    const before = this.status();
    if (before.status !== 'up')
      this.current = { status: 'up', since: now.toISOString(), lastError: null, failures: 0, retryAt: null };
    return before;
  }

  /**
   * A transport fault. Returns when to try again and whether this fault took it down (log it then,
   * not on every row of the batch).
   */
  markDown(now: Date, error: string): { newlyDown: boolean; retryAt: Date } {
    const newlyDown = this.current.status !== 'down';
    const since = newlyDown ? now : new Date(this.current.since!);
    const retryAt = new Date(now.getTime() + transportPauseMs(now.getTime() - since.getTime()));
    this.current = {
      status: 'down',
      since: since.toISOString(),
      lastError: error,
      failures: (newlyDown ? 0 : this.current.failures) + 1,
      retryAt: retryAt.toISOString(),
    };
    return { newlyDown, retryAt };
  }
}
