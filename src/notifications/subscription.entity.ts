import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, IdEntity, InstantColumn, NoteColumn } from '../common/entities/columns';
import type { DigestMode, SubscriptionFilter, SubscriptionState, Trigger } from './subscription-rules';

const json = {
  to: (value: unknown) => (value === undefined ? value : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? value : JSON.parse(value)),
};

/**
 * One address following part of the tracker. Created `pending`; nothing but the confirmation is ever
 * sent until it is `confirmed`. The filter keeps slugs (stable, what URLs use), not ids.
 */
@Entity('subscription')
@Index('ix_subscription_email_settings', ['emailNormalized', 'settingsKey'])
@Index('ix_subscription_state', ['state'])
// The scan's audience: MIN(confirmed_at) of the confirmed, one seek (not a read of every subscription).
@Index('ix_subscription_state_confirmed', ['state', 'confirmedAt'])
@Index('ix_subscription_mailbox', ['mailbox'])
export class Subscription extends IdEntity {
  /** As given (trimmed). */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** Lower-cased, for matching repeated requests for the same address. */
  @Column({ name: 'email_normalized', type: 'varchar', length: 320 })
  emailNormalized: string;

  /**
   * The inbox the address reaches, for throttling and suppression: lower-cased, without a +tag, and
   * without dots for Gmail (see mailboxOf). Null only on rows older than the column, until backfilled.
   */
  @Column({ type: 'varchar', length: 320, nullable: true })
  mailbox: string | null;

  @Column({ type: 'text', transformer: json })
  filter: SubscriptionFilter;

  @Column({ type: 'text', transformer: json })
  triggers: Trigger[];

  @Column({ name: 'reminder_days', type: 'text', transformer: json })
  reminderDays: number[];

  @Column({ type: 'varchar', length: 10, default: 'none' })
  digest: DigestMode;

  /** Hash of the canonical filter, triggers, reminder days and digest: the same request twice finds the same row. */
  @Column({ name: 'settings_key', type: 'varchar', length: 64 })
  settingsKey: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  state: SubscriptionState;

  @InstantColumn('created_at')
  createdAt: Date;

  @InstantColumn('confirmed_at', { nullable: true })
  confirmedAt: Date | null;

  @InstantColumn('unsubscribed_at', { nullable: true })
  unsubscribedAt: Date | null;
}

export const TOKEN_PURPOSES = ['confirm', 'manage'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * A link secret sent by email: `confirm` (expires) or `manage` (unsubscribe and change the filter).
 * Only its SHA-256 is stored; tokens are minted when an email is rendered, so the clear value never
 * rests in the database, not even in the outbox.
 */
@Entity('subscription_token')
@Index('ix_subscription_token_subscription', ['subscriptionId', 'purpose'])
export class SubscriptionToken extends IdEntity {
  @IdColumn('subscription_id')
  subscriptionId: number;

  @ManyToOne(() => Subscription, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'subscription_id' })
  subscription: Subscription;

  @Column({ type: 'varchar', length: 10 })
  purpose: TokenPurpose;

  @Index('uq_subscription_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @InstantColumn('created_at')
  createdAt: Date;

  @InstantColumn('expires_at', { nullable: true })
  expiresAt: Date | null;

  @InstantColumn('used_at', { nullable: true })
  usedAt: Date | null;
}

export const SUPPRESSION_REASONS = ['bounce', 'complaint', 'manual', 'erasure'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * A mailbox that is never mailed again: a hard bounce, a spam complaint, an admin's decision, or an
 * erased subscriber. Only a hash of the mailbox (see mailboxOf) is kept, so erasing someone can leave
 * their suppression in place without keeping their address.
 */
@Entity('suppression')
export class Suppression extends IdEntity {
  @Index('uq_suppression_mailbox_hash', { unique: true })
  @Column({ name: 'mailbox_hash', type: 'varchar', length: 64 })
  mailboxHash: string;

  @Column({ type: 'varchar', length: 20 })
  reason: SuppressionReason;

  @NoteColumn()
  note: string | null;

  /** The name of the API key that recorded it. */
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @InstantColumn('created_at')
  createdAt: Date;
}
