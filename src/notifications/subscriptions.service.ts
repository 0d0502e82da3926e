/**
 * Subscribing, confirming, unsubscribing and changing what a subscription follows. A subscribe
 * request writes the subscription and its confirmation email (an outbox row) in one transaction and
 * answers the same way whatever the address's history, so the API cannot tell anyone whether an
 * address is subscribed.
 */
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { FieldError, ProblemException } from '../common/problem/problem';
import { dedupeKeys } from './notification-keys';
import { NotificationScheduler } from './notification-scheduler';
import { OutboxRepository } from './outbox.repository';
import { ScanCursorsRepository } from './scan-cursors.repository';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';
import {
  canonicalSettings,
  CONFIRMATION_WINDOW_MS,
  DigestMode,
  FILTER_FACETS,
  FilterFacet,
  mailboxOf,
  mayConfirmAgain,
  normalizeEmail,
  settingsKey,
  SubscriptionFilter,
  suppressionHash,
  SubscriptionSettings,
  Trigger,
} from './subscription-rules';
import { hashToken, isTokenShaped, newToken } from './tokens';

export interface SubscribeInput {
  email: string;
  filter?: Partial<SubscriptionFilter>;
  triggers?: Trigger[];
  reminderDays?: number[];
  digest?: DigestMode;
}

export type ConfirmOutcome =
  | { outcome: 'confirmed'; subscription: SubscriptionRow; manageToken: string }
  | { outcome: 'already-confirmed'; subscription: SubscriptionRow }
  | { outcome: 'expired' | 'invalid' };

/** What a confirmation link would do, without doing it (what GET and HEAD show). */
export type ConfirmPreview =
  { outcome: 'ready' | 'already-confirmed'; subscription: SubscriptionRow } | { outcome: 'expired' | 'invalid' };

/** A confirmation token checked, before anything is done with it. */
type ConfirmationState =
  | { outcome: 'ready'; subscription: SubscriptionRow; tokenId: number }
  | { outcome: 'already-confirmed'; subscription: SubscriptionRow }
  | { outcome: 'expired' | 'invalid' };

export type UnsubscribeOutcome =
  | {
      outcome: 'unsubscribed' | 'already-unsubscribed';
      subscription: SubscriptionRow;
      /** Other subscriptions of the same address this unsubscribe stopped too. */
      others: number;
    }
  | { outcome: 'invalid' };

const FACET_TABLES: Record<FilterFacet, 'recommendation' | 'topic' | 'actor' | 'source'> = {
  recommendations: 'recommendation',
  topics: 'topic',
  responsible: 'actor',
  sources: 'source',
};

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptionRows: SubscriptionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly scheduler: NotificationScheduler,
    private readonly env: Environment,
    private readonly scanCursors: ScanCursorsRepository,
  ) {}

  /**
   * Records a subscription request. A new or unconfirmed subscription gets a confirmation email, at
   * most CONFIRMATIONS_PER_MAILBOX_PER_DAY per mailbox (all the addresses that reach one inbox count
   * together); past that, nothing is written at all, so a flood of requests cannot grow the table
   * either. One that already follows exactly this gets nothing.
   * @throws ProblemException (400) when a filter names a slug that does not exist.
   */
  async subscribe(input: SubscribeInput, location: FieldError['in'] = 'body'): Promise<void> {
    const settings = canonicalSettings(input);
    await this.checkSlugs(settings.filter, location);
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const email = input.email.trim();
    const emailNormalized = normalizeEmail(email);
    const mailbox = mailboxOf(email);
    const key = settingsKey(settings);
    const queued = await this.transactions.run(async () => {
      const sub = await this.subscriptionRows.findSubscriptionBySettings(emailNormalized, key);
      if (sub?.state === 'confirmed') return false;
      // A bounced, complained or erased mailbox is never mailed, not even a confirmation.
      if (await this.subscriptionRows.findSuppression(suppressionHash(mailbox))) return false;
      const since = new Date(now.getTime() - CONFIRMATION_WINDOW_MS).toISOString();
      if (
        !mayConfirmAgain(
          await this.subscriptionRows.confirmationsSince(mailbox, since),
          this.env.CONFIRMATIONS_PER_MAILBOX_PER_DAY,
        )
      )
        return false;
      if (sub?.state === 'unsubscribed') await this.subscriptionRows.reopenSubscription(sub.id);
      const id =
        sub?.id ??
        (await this.subscriptionRows.insertSubscription({
          email,
          emailNormalized,
          mailbox,
          ...settings,
          settingsKey: key,
          state: 'pending',
          createdAt: nowIso,
        }));
      const n = (await this.subscriptionRows.confirmationCount(id)) + 1;
      return (
        (await this.outbox.insertNotifications([
          {
            subscriptionId: id,
            kind: 'confirm',
            dedupeKey: dedupeKeys.confirm(id, n),
            state: 'pending',
            nextAttemptAt: nowIso,
            createdAt: nowIso,
          },
        ])) > 0
      );
    });
    if (queued) this.scheduler.kick();
  }

  /**
   * What a confirmation link would do, changing nothing: link scanners and prefetchers (Safe Links,
   * Mimecast…) fetch every link in incoming mail with GET or HEAD, so only a POST may confirm.
   */
  async previewConfirmation(token: unknown): Promise<ConfirmPreview> {
    if (!isTokenShaped(token)) return { outcome: 'invalid' };
    const state = await this.confirmationState(token, this.clock.now().toISOString());
    return state.outcome === 'ready' ? { outcome: 'ready', subscription: state.subscription } : state;
  }

  /** What a confirmation token would do at `nowIso`: the one check behind the preview and the confirmation. */
  private async confirmationState(token: string, nowIso: string): Promise<ConfirmationState> {
    const t = await this.subscriptionRows.findToken(hashToken(token));
    if (!t || t.purpose !== 'confirm') return { outcome: 'invalid' };
    const sub = await this.subscriptionRows.findSubscription(t.subscriptionId);
    if (!sub || sub.state === 'unsubscribed') return { outcome: 'invalid' };
    if (sub.state === 'confirmed') return { outcome: 'already-confirmed', subscription: sub };
    if (t.expiresAt !== null && t.expiresAt <= nowIso) return { outcome: 'expired' };
    return { outcome: 'ready', subscription: sub, tokenId: t.id };
  }

  /**
   * Uses a confirmation link (by POST, from the button on its page). Using it again later says
   * "already confirmed" and hands out nothing: a manage link is minted once, at confirmation, so a
   * forwarded confirmation email does not give manage access.
   */
  async confirm(token: unknown): Promise<ConfirmOutcome> {
    if (!isTokenShaped(token)) return { outcome: 'invalid' };
    const now = this.clock.now();
    const nowIso = now.toISOString();
    return this.transactions.run(async (): Promise<ConfirmOutcome> => {
      const state = await this.confirmationState(token, nowIso);
      if (state.outcome !== 'ready') return state;
      const sub = state.subscription;
      await this.subscriptionRows.confirmSubscription(sub.id, nowIso);
      await this.subscriptionRows.markTokenUsed(state.tokenId, nowIso);
      const { token: manageToken, hash } = newToken();
      await this.subscriptionRows.insertToken(sub.id, 'manage', hash, nowIso, null);
      return { outcome: 'confirmed', subscription: { ...sub, state: 'confirmed', confirmedAt: nowIso }, manageToken };
    });
  }

  /** The subscription a manage/unsubscribe link belongs to, or undefined. */
  async byManageToken(token: unknown): Promise<SubscriptionRow | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const t = await this.subscriptionRows.findToken(hashToken(token));
    if (!t || t.purpose !== 'manage') return undefined;
    return this.subscriptionRows.findSubscription(t.subscriptionId);
  }

  /**
   * One-click unsubscribe (RFC 8058): stops every subscription of the address, not only the one whose
   * link it was (a notice goes out under one of the matching subscriptions, and whoever clicks means
   * "no more email"), and drops whatever they still had queued. {@link restoreOthers} undoes it for
   * the others.
   */
  async unsubscribe(token: unknown): Promise<UnsubscribeOutcome> {
    const sub = await this.byManageToken(token);
    if (!sub) return { outcome: 'invalid' };
    const nowIso = this.clock.now().toISOString();
    const { self, others } = await this.transactions.run(async () => {
      const before = sub.state;
      const changed = await this.subscriptionRows.unsubscribeAll('email_normalized', sub.emailNormalized, nowIso);
      const self = before !== 'unsubscribed';
      return { self, others: changed - (self ? 1 : 0) };
    });
    return {
      outcome: self || others > 0 ? 'unsubscribed' : 'already-unsubscribed',
      subscription: { ...sub, state: 'unsubscribed' },
      others,
    };
  }

  /** Keeps the address's other subscriptions after all: those stopped by the same unsubscribe come back. */
  async restoreOthers(token: unknown): Promise<number | undefined> {
    const sub = await this.byManageToken(token);
    if (!sub) return undefined;
    if (await this.subscriptionRows.findSuppression(suppressionHash(sub.mailbox ?? mailboxOf(sub.email)))) return 0;
    return this.transactions.run(async () => {
      const restored = await this.subscriptionRows.restoreStoppedWith(sub.id);
      // The scan's cursors skip what was owed while these were stopped: computed again at the next scan.
      if (restored > 0) await this.scanCursors.forgetDeadlineScans();
      return restored;
    });
  }

  /**
   * Changes what a subscription follows, from its manage link.
   * @throws ProblemException (400) when a filter names a slug that does not exist.
   */
  async updateSettings(token: unknown, input: Omit<SubscribeInput, 'email'>): Promise<SubscriptionRow | undefined> {
    const sub = await this.byManageToken(token);
    if (!sub || sub.state === 'unsubscribed') return undefined;
    const settings: SubscriptionSettings = canonicalSettings(input);
    await this.checkSlugs(settings.filter, 'body');
    await this.transactions.run(async () => {
      await this.subscriptionRows.updateSettings(sub.id, { ...settings, settingsKey: settingsKey(settings) });
      // New settings may be owed reminders whose windows the scan's cursors have passed: computed again at the next scan.
      await this.scanCursors.forgetDeadlineScans();
    });
    return this.subscriptionRows.findSubscription(sub.id);
  }

  private async checkSlugs(filter: SubscriptionFilter, location: FieldError['in']): Promise<void> {
    const errors: FieldError[] = [];
    for (const facet of FILTER_FACETS) {
      for (const slug of await this.subscriptionRows.unknownSlugs(FACET_TABLES[facet], filter[facet])) {
        errors.push({ field: `filter.${facet}`, in: location, reason: `no ${FACET_TABLES[facet]} has the slug "${slug}"` });
      }
    }
    if (errors.length) throw ProblemException.validation(errors);
  }
}
