// What a subscription follows and when a request may cause another confirmation email. Pure rules:
// the service feeds them stored rows, the scan feeds them candidate items.

import { createHash } from 'node:crypto';

export const TRIGGERS = ['deadline_reminder', 'deadline_missed', 'status_change', 'finding'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const DIGEST_MODES = ['none', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

export const SUBSCRIPTION_STATES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

export const DEFAULT_REMINDER_DAYS = [30, 7, 1];
export const MAX_REMINDER_DAYS = 365;

/**
 * Confirmation emails one mailbox can be sent in {@link CONFIRMATION_WINDOW_MS}, however often someone
 * asks (the default of CONFIRMATIONS_PER_MAILBOX_PER_DAY).
 */
export const CONFIRMATIONS_PER_WINDOW = 3;
export const CONFIRMATION_WINDOW_MS = 24 * 3_600_000;

/** Slugs per facet. An empty facet does not constrain; an empty filter follows everything. */
export interface SubscriptionFilter {
  recommendations: string[];
  topics: string[];
  responsible: string[];
  sources: string[];
}

export const FILTER_FACETS = ['recommendations', 'topics', 'responsible', 'sources'] as const;
export type FilterFacet = (typeof FILTER_FACETS)[number];

export interface SubscriptionSettings {
  filter: SubscriptionFilter;
  triggers: Trigger[];
  reminderDays: number[];
  digest: DigestMode;
}

/** What an item (a recommendation, or a deadline, status change or finding of one) is, for matching. */
export interface ItemFacets {
  recommendation: string;
  topics: readonly string[];
  responsible: string | null;
  source: string;
}

/**
 * An address holds no control characters, whatever the address syntax allows: a quoted local
 * part may legally contain CR/LF, which would start a new header line wherever the address is
 * written out (the readable copy of an email, a log). Checked on every way in (API and form).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const WITHOUT_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** The address as matched: trimmed and lower-cased (providers treat local parts case-insensitively in practice). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The inbox an address reaches, as far as the big providers go, for throttling and suppression (never
 * for sending): lower-cased, without a `+tag` (delivered to the same inbox by Gmail, Outlook.com,
 * Fastmail, iCloud and most others), and for gmail.com and googlemail.com without dots in the local
 * part. Quoted local parts are left alone.
 */
export function mailboxOf(email: string): string {
  const e = normalizeEmail(email);
  const at = e.lastIndexOf('@');
  if (at < 1) return e;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  if (!local.startsWith('"')) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com' && !local.startsWith('"')) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** How the suppression list names a mailbox: a hash, never the address. */
export function suppressionHash(mailbox: string): string {
  return createHash('sha256').update(`suppression:${mailbox}`).digest('hex');
}

const sortedUnique = <T extends string | number>(values: readonly T[], compare: (a: T, b: T) => number): T[] =>
  [...new Set(values)].sort(compare);
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One spelling for equal settings: lists de-duplicated and sorted, reminder days largest first. */
export function canonicalSettings(s: {
  filter?: Partial<SubscriptionFilter>;
  triggers?: readonly Trigger[];
  reminderDays?: readonly number[];
  digest?: DigestMode;
}): SubscriptionSettings {
  const filter = {} as SubscriptionFilter;
  for (const facet of FILTER_FACETS) filter[facet] = sortedUnique(s.filter?.[facet] ?? [], byCodeUnit);
  return {
    filter,
    triggers: sortedUnique(s.triggers ?? TRIGGERS, (a, b) => TRIGGERS.indexOf(a) - TRIGGERS.indexOf(b)),
    reminderDays: sortedUnique(s.reminderDays ?? DEFAULT_REMINDER_DAYS, (a, b) => b - a),
    digest: s.digest ?? 'none',
  };
}

/** A short fingerprint of canonical settings: the same request twice finds the same subscription. */
export function settingsKey(s: SubscriptionSettings): string {
  const c = canonicalSettings(s);
  return createHash('sha256')
    .update(
      JSON.stringify([
        c.filter.recommendations,
        c.filter.topics,
        c.filter.responsible,
        c.filter.sources,
        c.triggers,
        c.reminderDays,
        c.digest,
      ]),
    )
    .digest('hex');
}

export function isEmptyFilter(filter: SubscriptionFilter): boolean {
  return FILTER_FACETS.every((facet) => filter[facet].length === 0);
}

/**
 * Whether an item falls under a filter: every facet that lists something must match (any of its
 * slugs), like the list API's filters, which also combine with AND. An empty filter matches all.
 */
export function matchesFilter(filter: SubscriptionFilter, item: ItemFacets): boolean {
  if (filter.recommendations.length && !filter.recommendations.includes(item.recommendation)) return false;
  if (filter.topics.length && !item.topics.some((t) => filter.topics.includes(t))) return false;
  if (filter.responsible.length && (item.responsible === null || !filter.responsible.includes(item.responsible))) return false;
  if (filter.sources.length && !filter.sources.includes(item.source)) return false;
  return true;
}

/**
 * Whether another confirmation email may go to an address that has been sent `recent` of them in
 * the last {@link CONFIRMATION_WINDOW_MS}: the public form must not become a way to mail-bomb someone.
 */
export function mayConfirmAgain(recent: number, cap = CONFIRMATIONS_PER_WINDOW): boolean {
  return recent < cap;
}

/** Titles and names by facet and slug (see FilterNames.of); a slug without one is shown as it is. */
export type FilterNames = Partial<Record<FilterFacet, Map<string, string>>>;

/**
 * "every item", "topics Foot pursuits; responsible Chicago Police Department" — for emails and pages.
 * With `names`, items, topics, actors and sources are named by title (items in quotation marks), not slug.
 */
export function describeFilter(filter: SubscriptionFilter, names: FilterNames = {}): string {
  if (isEmptyFilter(filter)) return 'every item in the tracker';
  const facetNames: Record<FilterFacet, string> = {
    recommendations: 'items',
    topics: 'topics',
    responsible: 'responsible',
    sources: 'sources',
  };
  const nameOf = (f: FilterFacet, slug: string) => {
    const name = names[f]?.get(slug);
    return name === undefined ? slug : f === 'recommendations' ? `“${name}”` : name;
  };
  return FILTER_FACETS.filter((f) => filter[f].length)
    .map((f) => `${facetNames[f]} ${filter[f].map((slug) => nameOf(f, slug)).join(', ')}`)
    .join('; ');
}

/**
 * When an unconfirmed subscription is deleted: once its last confirmation email is older than both the
 * link's lifetime and the throttle's window (so deleting it forgets nothing the throttle still counts).
 */
export function pendingExpiryMs(confirmTokenTtlHours: number): number {
  return Math.max(confirmTokenTtlHours * 3_600_000, CONFIRMATION_WINDOW_MS);
}

export const TRIGGER_LABELS: Record<Trigger, string> = {
  deadline_reminder: 'Reminders before a deadline closes, and a notice when it is met, extended or withdrawn',
  deadline_missed: 'A notice when a deadline passes unmet',
  status_change: 'Status changes, with their evidence',
  finding: 'New monitor findings',
};
