import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, IdColumn, IdEntity, InstantColumn } from '../common/entities/columns';
import { Subscription, SubscriptionToken, Suppression } from './subscription.entity';
import type { NotificationKind, NotificationState } from './notification-keys';

/**
 * The outbox: one email owed to one subscription. `dedupeKey` is unique, so whoever finds the same
 * reason to write twice (two scans, two instances) writes once. The dispatcher moves a row
 * pending → sending (under a lease) → sent | pending (retry later) | dead; a reminder whose deadline
 * settled first becomes cancelled. A daily-digest subscriber's rows wait as `held` until the day's
 * digest takes them (`digested`, with `digestId`).
 *
 * deadline/status change/finding ids are plain columns, not foreign keys: the outbox must never stop
 * an editor from correcting the data it talks about, and the dispatcher cancels what has vanished.
 */
@Entity('notification')
@Index('ix_notification_due', ['state', 'nextAttemptAt'])
@Index('ix_notification_lease', ['state', 'leaseUntil'])
@Index('ix_notification_subscription', ['subscriptionId', 'state'])
@Index('ix_notification_deadline', ['deadlineId', 'state'])
@Index('ix_notification_digest', ['digestId'])
@Index('ix_notification_state_created', ['state', 'createdAt'])
export class Notification extends IdEntity {
  @IdColumn('subscription_id')
  subscriptionId: number;

  @ManyToOne(() => Subscription, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'subscription_id' })
  subscription: Subscription;

  @Column({ type: 'varchar', length: 20 })
  kind: NotificationKind;

  @Index('uq_notification_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  state: NotificationState;

  @IdColumn('deadline_id', { nullable: true })
  deadlineId: number | null;

  @IdColumn('status_change_id', { nullable: true })
  statusChangeId: number | null;

  @IdColumn('finding_id', { nullable: true })
  findingId: number | null;

  /** For a reminder: the window it belongs to (30, 7, 1… days before the deadline's last day). */
  @Column({ name: 'reminder_days', type: 'integer', nullable: true })
  reminderDays: number | null;

  /** For a digest: the local date whose notifications it combines. */
  @DateColumn('digest_date', { nullable: true })
  digestDate: string | null;

  /** For a notification folded into a digest: the digest's id. */
  @IdColumn('digest_id', { nullable: true })
  digestId: number | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @InstantColumn('next_attempt_at')
  nextAttemptAt: Date;

  @InstantColumn('lease_until', { nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'leased_by', type: 'varchar', length: 100, nullable: true })
  leasedBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @InstantColumn('sent_at', { nullable: true })
  sentAt: Date | null;

  @InstantColumn('created_at')
  createdAt: Date;
}

/** How far the scan has read the append-only tables (status_change, finding), by id. */
@Entity('notification_cursor')
export class NotificationCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @Column({ name: 'last_id', type: 'integer', default: 0 })
  lastId: number;

  @InstantColumn('updated_at')
  updatedAt: Date;
}

/** How an import asked its status changes and findings to be announced (POST /api/v1/import?notify=). */
export const IMPORT_NOTIFY_MODES = ['digest', 'none', 'each'] as const;
export type ImportNotifyMode = (typeof IMPORT_NOTIFY_MODES)[number];

/**
 * A status change or finding written by an import that is not announced one email at a time: `none`
 * is never announced; `digest` is held for its subscribers' next daily digest (one email per mailbox
 * and day however many an import wrote). What has no row here (an editor's entry, `notify=each`) is
 * owed as usual. Plain ids, like the outbox's: a mark never stands in the way of the data.
 */
@Entity('notification_import_mark')
export class NotificationImportMark {
  @PrimaryColumn({ name: 'record_table', type: 'varchar', length: 20 })
  recordTable: 'status_change' | 'finding';

  @PrimaryColumn({ name: 'record_id', type: 'integer' })
  recordId: number;

  @Column({ type: 'varchar', length: 10 })
  mode: Exclude<ImportNotifyMode, 'each'>;
}

export const NOTIFICATION_ENTITIES = [
  Subscription,
  SubscriptionToken,
  Notification,
  NotificationCursor,
  Suppression,
  NotificationImportMark,
];
