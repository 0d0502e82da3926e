// What a failed send means and when to try again. Whose fault it is comes first: a failure of the
// mail transport itself (no connection, a refused greeting, a wrong password, TLS, a relay refusing
// our MAIL FROM) is the operator's, says nothing about the message, and must never kill it: the
// dispatcher keeps such rows pending without counting an attempt and pauses the transport. Replies
// to RCPT TO and DATA are about this recipient or this message: 4xx is transient (retried with
// exponential backoff and jitter, up to NOTIFY_MAX_ATTEMPTS), 5xx is permanent (dead at once, with
// the error kept for the admin).

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

/**
 * SMTP commands whose failure is the transport's (the operator's to fix), as nodemailer names them in
 * `error.command`: the connection and greeting (CONN, EHLO/HELO/LHLO), STARTTLS, AUTH …, MAIL FROM
 * (the relay refusing our sender) and RSET.
 */
const TRANSPORT_COMMANDS = /^(?:CONN|GREETING|EHLO|HELO|LHLO|STARTTLS|AUTH(?:\s|$)|MAIL FROM|RSET)/i;

/** Error codes that mean the transport cannot send anything right now, whatever the message. */
const TRANSPORT_CODES = new Set([...TRANSIENT_CODES, 'EREQUIRETLS', 'ETLS']);

/**
 * Whether a send failed because the mail transport is broken or misconfigured rather than because of
 * this message or recipient: connection, greeting, TLS, authentication and MAIL FROM failures, with or
 * without an SMTP reply (a 535 to AUTH or a 550 to MAIL FROM is still the operator's). Replies to RCPT TO
 * and DATA never are, and neither is a message too large for the server (EMESSAGE, even at MAIL FROM).
 */
export function isTransportFault(error: unknown): boolean {
  const e = (error ?? {}) as MailErrorLike & { command?: unknown };
  const command = typeof e.command === 'string' ? e.command.trim() : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'EMESSAGE') return false;
  if (/^(?:RCPT TO|DATA)$/i.test(command)) return false;
  if (command && TRANSPORT_COMMANDS.test(command)) return true;
  // nodemailer refuses a malformed MAIL_FROM before talking to the server.
  if (code === 'EENVELOPE' && typeof e.message === 'string' && /^Invalid sender/.test(e.message)) return true;
  if (typeof e.responseCode === 'number') return false;
  return TRANSPORT_CODES.has(code);
}

/** Problems with this message or recipient that a retry cannot fix. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * Transient or permanent. A transport fault ({@link isTransportFault}) is never permanent. Otherwise an SMTP reply decides when there is one: 5xx permanent except 503 (bad
 * command sequence, fine on a new connection), everything else transient. Without a reply, the error
 * code decides; unknown errors are transient, so they are retried a bounded number of times.
 */
export function classifySendError(error: unknown): FailureKind {
  if (isTransportFault(error)) return 'transient';
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

/**
 * How long a failing transport is left alone before the next try: half the time it has been failing,
 * from 30 seconds to 10 minutes, so a short blip costs little and a long outage is not hammered.
 */
export const TRANSPORT_PAUSE_MIN_MS = 30_000;
export const TRANSPORT_PAUSE_MAX_MS = 10 * 60_000;
export function transportPauseMs(failingForMs: number): number {
  return Math.min(TRANSPORT_PAUSE_MAX_MS, Math.max(TRANSPORT_PAUSE_MIN_MS, Math.round(failingForMs / 2)));
}

/** A one-line description of a send error for `lastError`: code, reply and message, bounded. */
export function describeSendError(error: unknown, kind: FailureKind, transport = false): string {
  const e = (error ?? {}) as MailErrorLike & { command?: unknown };
  const parts: string[] = [transport ? `${kind} (mail transport)` : kind];
  if (typeof e.code === 'string') parts.push(e.code);
  if (typeof e.responseCode === 'number') parts.push(String(e.responseCode));
  if (transport && typeof e.command === 'string') parts.push(`at ${e.command}`);
  const message = typeof e.message === 'string' ? e.message : String(error);
  return `${parts.join(' ')}: ${message.replace(/\s+/g, ' ').trim()}`.slice(0, 1000);
}
