import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { instantTransformer } from '../common/entities/timestamps';
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
@Index('ix_subscription_mailbox', ['mailbox'])
export class Subscription {
  @PrimaryGeneratedColumn()
  id: number;

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

  @Column({ name: 'created_at', type: 'varchar', length: 24, transformer: instantTransformer })
  createdAt: Date;

  @Column({ name: 'confirmed_at', type: 'varchar', length: 24, nullable: true, transformer: instantTransformer })
  confirmedAt: Date | null;

  @Column({ name: 'unsubscribed_at', type: 'varchar', length: 24, nullable: true, transformer: instantTransformer })
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
export class SubscriptionToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'subscription_id', type: 'integer' })
  subscriptionId: number;

  @ManyToOne(() => Subscription, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'subscription_id' })
  subscription: Subscription;

  @Column({ type: 'varchar', length: 10 })
  purpose: TokenPurpose;

  @Index('uq_subscription_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24, transformer: instantTransformer })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'varchar', length: 24, nullable: true, transformer: instantTransformer })
  expiresAt: Date | null;

  @Column({ name: 'used_at', type: 'varchar', length: 24, nullable: true, transformer: instantTransformer })
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
export class Suppression {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_suppression_mailbox_hash', { unique: true })
  @Column({ name: 'mailbox_hash', type: 'varchar', length: 64 })
  mailboxHash: string;

  @Column({ type: 'varchar', length: 20 })
  reason: SuppressionReason;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The name of the API key that recorded it. */
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24, transformer: instantTransformer })
  createdAt: Date;
}
