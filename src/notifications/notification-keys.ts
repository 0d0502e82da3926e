// Names that make repeats harmless: the dedupe key of each notification (unique in the outbox) and
// the Message-ID derived from it, so a resend after a crash is recognisably the same email.

import { createHash } from 'node:crypto';

export const NOTIFICATION_KINDS = [
  'confirm',
  'reminder',
  'missed',
  'deadline_outcome',
  'status_change',
  'finding',
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * pending: waiting to be sent (from nextAttemptAt); sending: claimed by a worker until leaseUntil;
 * sent; dead: failed permanently or too often; cancelled: no longer true or wanted;
 * held: waiting for a daily digest; digested: folded into a digest notification.
 */
export const NOTIFICATION_STATES = ['pending', 'sending', 'sent', 'dead', 'cancelled', 'held', 'digested'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * The mailbox a notice is owed to, as it appears in dedupe keys: a short hash of the normalised
 * address. Notices about a deadline or a change are keyed by mailbox, not by subscription, so an
 * address with two overlapping subscriptions gets each notice once.
 */
export function mailboxKey(emailNormalized: string): string {
  return createHash('sha256').update(emailNormalized).digest('hex').slice(0, 16);
}

export const dedupeKeys = {
  /** The n-th confirmation email of a subscription (a repeated request may send another). */
  confirm: (subscriptionId: number, n: number) => `confirm:${subscriptionId}:${n}`,
  reminder: (mailbox: string, deadlineId: number, window: number) => `reminder:${mailbox}:${deadlineId}:${window}`,
  missed: (mailbox: string, deadlineId: number) => `missed:${mailbox}:${deadlineId}`,
  /** A deadline's outcome (met, partly met, extended, withdrawn), by the deadline_revision that recorded it. */
  outcome: (mailbox: string, revisionId: number) => `outcome:${mailbox}:${revisionId}`,
  statusChange: (mailbox: string, statusChangeId: number) => `status:${mailbox}:${statusChangeId}`,
  finding: (mailbox: string, findingId: number) => `finding:${mailbox}:${findingId}`,
  digest: (subscriptionId: number, localDate: string) => `digest:${subscriptionId}:${localDate}`,
};

/** `<notification-42.3f9a0c1b2d4e@tracker.example.org>`: the same for every attempt at one notification. */
export function messageIdFor(notificationId: number, dedupeKey: string, host: string): string {
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 12);
  return `<notification-${notificationId}.${hash}@${host}>`;
}
