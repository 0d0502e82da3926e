// Names that make repeats harmless: the dedupe key of each notification (unique in the outbox) and
// the Message-ID derived from it, so a resend after a crash is recognisably the same email.

import { createHash } from 'node:crypto';

export const NOTIFICATION_KINDS = ['confirm', 'reminder', 'missed', 'status_change', 'finding', 'digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * pending: waiting to be sent (from nextAttemptAt); sending: claimed by a worker until leaseUntil;
 * sent; dead: failed permanently or too often; cancelled: no longer true or wanted;
 * held: waiting for a daily digest; digested: folded into a digest notification.
 */
export const NOTIFICATION_STATES = ['pending', 'sending', 'sent', 'dead', 'cancelled', 'held', 'digested'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const dedupeKeys = {
  /** The n-th confirmation email of a subscription (a repeated request may send another). */
  confirm: (subscriptionId: number, n: number) => `confirm:${subscriptionId}:${n}`,
  reminder: (subscriptionId: number, deadlineId: number, window: number) => `reminder:${subscriptionId}:${deadlineId}:${window}`,
  missed: (subscriptionId: number, deadlineId: number) => `missed:${subscriptionId}:${deadlineId}`,
  statusChange: (subscriptionId: number, statusChangeId: number) => `status:${subscriptionId}:${statusChangeId}`,
  finding: (subscriptionId: number, findingId: number) => `finding:${subscriptionId}:${findingId}`,
  digest: (subscriptionId: number, localDate: string) => `digest:${subscriptionId}:${localDate}`,
};

/** `<notification-42.3f9a0c1b2d4e@tracker.example.org>`: the same for every attempt at one notification. */
export function messageIdFor(notificationId: number, dedupeKey: string, host: string): string {
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 12);
  return `<notification-${notificationId}.${hash}@${host}>`;
}
