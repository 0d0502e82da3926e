/**
 * The subscription pages: subscribe, "check your email", confirmation, one-click unsubscribe and the
 * manage form. Each function here decides which template (src/notifications/pages/*.eta) a page uses,
 * its status and its data; SubscriptionPageRenderer renders it inside the site layout with the
 * PresentationModule's PageRenderer, which escapes every interpolation. No script, labels on every
 * control.
 */
import { Injectable } from '@nestjs/common';
import { PageRenderer } from '../../presentation/renderer';
import { describeFilter, TRIGGER_LABELS, TRIGGERS } from '../subscription-rules';
import type { SubscriptionFilter } from '../subscription-rules';
import type { SubscriptionRow } from '../subscriptions.repository';
import type { SubscribeInput } from '../subscriptions.service';
import type { FormError } from './subscription-form';

/** The subscription pages' templates (copied to dist/src/notifications/pages by nest build). */
export const SUBSCRIPTION_VIEWS = __dirname;

export interface Choice {
  slug: string;
  name: string;
}

export interface Page {
  status: number;
  title: string;
  /** A template in SUBSCRIPTION_VIEWS, without `.eta`. */
  template: string;
  data: Record<string, unknown>;
}

/** What the form partials read: the errors (summary and per field), the trigger and topic choices, the digest. */
function formData(
  errors: FormError[],
  triggers: readonly string[],
  topics: Choice[],
  selectedTopics: readonly string[],
  digest: string,
) {
  const fieldErrors: Record<string, string[]> = {};
  for (const e of errors) (fieldErrors[e.field] ??= []).push(e.reason);
  return {
    errors,
    fieldErrors,
    triggers: TRIGGERS.map((t) => ({ value: t, label: TRIGGER_LABELS[t], checked: triggers.includes(t) })),
    topics: topics.map((t) => ({ slug: t.slug, name: t.name, checked: selectedTopics.includes(t.slug) })),
    digest,
  };
}

export function subscribePage(p: {
  values: Partial<SubscribeInput>;
  errors: FormError[];
  recommendation: { slug: string; title: string } | null;
  topics: Choice[];
}): Page {
  const v = p.values;
  return {
    status: p.errors.length ? 400 : 200,
    title: 'Subscribe to email updates',
    template: 'subscribe',
    data: {
      ...formData(p.errors, v.triggers ?? [...TRIGGERS], p.topics, v.filter?.topics ?? [], v.digest ?? 'none'),
      email: v.email ?? '',
      recommendation: p.recommendation,
    },
  };
}

export function checkEmailPage(email: string): Page {
  return { status: 200, title: 'Check your email', template: 'check-email', data: { email } };
}

/** The page a confirmation link opens: what would be confirmed, and the button that does it (POST). */
export function confirmPromptPage(token: string, sub: SubscriptionRow): Page {
  return {
    status: 200,
    title: 'Confirm your subscription',
    template: 'confirm-prompt',
    data: {
      token,
      email: sub.email,
      followed: describeFilter(sub.filter),
      triggerLabels: sub.triggers.map((t) => TRIGGER_LABELS[t]),
    },
  };
}

export function confirmPage(outcome: 'confirmed' | 'already-confirmed' | 'expired' | 'invalid', manageUrl: string | null): Page {
  switch (outcome) {
    case 'confirmed':
    case 'already-confirmed':
      return {
        status: 200,
        title: 'Subscription confirmed',
        template: 'confirmed',
        data: { already: outcome === 'already-confirmed', manageUrl },
      };
    case 'expired':
      return { status: 410, title: 'This link has expired', template: 'expired', data: {} };
    case 'invalid':
      return invalidLinkPage();
  }
}

export function invalidLinkPage(): Page {
  return { status: 404, title: 'This link does not work', template: 'invalid-link', data: {} };
}

export function unsubscribePage(token: string, sub: SubscriptionRow, subscriptions = 1): Page {
  if (sub.state === 'unsubscribed') return unsubscribedPage(false);
  return { status: 200, title: 'Unsubscribe', template: 'unsubscribe', data: { token, email: sub.email, subscriptions } };
}

export function unsubscribedPage(justNow: boolean, stopped?: { email: string; others: number; token: string }): Page {
  return {
    status: 200,
    title: 'Unsubscribed',
    template: 'unsubscribed',
    data: { justNow, stopped: stopped ?? null, others: stopped?.others ?? 0 },
  };
}

export function restoredPage(restored: number): Page {
  return { status: 200, title: 'Other subscriptions kept', template: 'restored', data: { restored } };
}

/** The kinds of things a subscription follows by slug that the manage page lists by name. */
export const FOLLOWED_BY_NAME = ['recommendations', 'responsible', 'sources'] as const;
export type FollowedKind = (typeof FOLLOWED_BY_NAME)[number];

/** The name of a followed slug, or undefined when it names nothing (yet). */
export type NameOf = (kind: FollowedKind, slug: string) => string | undefined;

export function managePage(p: {
  token: string;
  sub: SubscriptionRow;
  topics: Choice[];
  errors: FormError[];
  saved: boolean;
  values?: Partial<SubscribeInput>;
  nameOf: NameOf;
}): Page {
  const v = p.values ?? p.sub;
  const filter: SubscriptionFilter = { recommendations: [], topics: [], responsible: [], sources: [], ...(v.filter ?? {}) };
  // What is followed, by name, each with a ticked box to untick: readers never have to type slugs.
  const followed = Object.fromEntries(
    FOLLOWED_BY_NAME.map((kind) => [kind, filter[kind].map((slug) => ({ slug, name: p.nameOf(kind, slug) ?? slug }))]),
  ) as Record<FollowedKind, Choice[]>;
  return {
    status: p.errors.length ? 400 : 200,
    title: 'Change what you follow',
    template: 'manage',
    data: {
      ...formData(p.errors, v.triggers ?? [], p.topics, filter.topics, v.digest ?? 'none'),
      token: p.token,
      email: p.sub.email,
      saved: p.saved,
      followed,
      reminderDays: (v.reminderDays ?? []).join(', '),
    },
  };
}

/** Renders a subscription page inside the site layout. */
@Injectable()
export class SubscriptionPageRenderer {
  constructor(private readonly renderer: PageRenderer) {}

  render(page: Page): string {
    return this.renderer.render(
      page.template,
      { ...page.data, title: page.title, section: 'subscribe' },
      { views: SUBSCRIPTION_VIEWS },
    );
  }
}
