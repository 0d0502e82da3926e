// What a failed send means and when to try again: SMTP 4xx, refused connections and timeouts are
// transient (retried with exponential backoff and jitter, up to NOTIFY_MAX_ATTEMPTS); 5xx replies
// are permanent (the notification is dead at once, with the error kept for the admin).

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_FACTOR = 3;
export const BACKOFF_CAP_MS = 6 * 3_600_000;

/**
 * The wait before attempt `attempt + 1` after `attempt` failures: 1 min, 3 min, 9 min … capped at
 * 6 h, each scaled into its upper half by `random` (0 ≤ random < 1, "equal jitter") so that a burst
 * of failures does not come back as a burst. Eight attempts span about twelve hours.
 */
export function backoffDelayMs(attempt: number, random: number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * BACKOFF_FACTOR ** Math.min(exponent, 30));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(full / 2 + (full / 2) * r);
}

export type FailureKind = 'transient' | 'permanent';

interface MailErrorLike {
  code?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
  message?: unknown;
}

/** Socket and DNS trouble, and nodemailer's own names for it: the next attempt may well work. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  // A wrong password or setting is the operator's to fix, not the message's fault: keep retrying.
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
]);

/** Problems with this message or recipient that a retry cannot fix. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * Transient or permanent. An SMTP reply decides when there is one: 5xx permanent except 503 (bad
 * command sequence, fine on a new connection), everything else transient. Without a reply, the error
 * code decides; unknown errors are transient, so they are retried a bounded number of times.
 */
export function classifySendError(error: unknown): FailureKind {
  const e = (error ?? {}) as MailErrorLike;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (reply !== undefined) return reply >= 500 && reply < 600 && reply !== 503 ? 'permanent' : 'transient';
  if (typeof e.permanent === 'boolean') return e.permanent ? 'permanent' : 'transient';
  const code = typeof e.code === 'string' ? e.code : '';
  if (PERMANENT_CODES.has(code)) return 'permanent';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  return 'transient';
}

/** What happens to a notification after a failed attempt (attempts counts this one). */
export function afterFailure(
  attempts: number,
  maxAttempts: number,
  kind: FailureKind,
  now: Date,
  random: number,
): { state: 'dead' } | { state: 'pending'; nextAttemptAt: Date } {
  if (kind === 'permanent' || attempts >= maxAttempts) return { state: 'dead' };
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + backoffDelayMs(attempts, random)) };
}

/** A one-line description of a send error for `lastError`: code, reply and message, bounded. */
export function describeSendError(error: unknown, kind: FailureKind): string {
  const e = (error ?? {}) as MailErrorLike;
  const parts: string[] = [kind];
  if (typeof e.code === 'string') parts.push(e.code);
  if (typeof e.responseCode === 'number') parts.push(String(e.responseCode));
  const message = typeof e.message === 'string' ? e.message : String(error);
  return `${parts.join(' ')}: ${message.replace(/\s+/g, ' ').trim()}`.slice(0, 1000);
}
