/**
 * The subscription pages: subscribe, "check your email", confirmation, one-click unsubscribe and the
 * manage form. Each body is built here with escaped HTML (no script, labels on every control) and
 * shown inside the site layout by the PresentationModule's PageRenderer.
 */
import { Injectable } from '@nestjs/common';
import { PageRenderer } from '../../presentation/renderer';
import { html, SafeHtml } from '../html';
import { describeFilter, TRIGGER_LABELS, TRIGGERS } from '../subscription-rules';
import type { SubscriptionFilter } from '../subscription-rules';
import type { SubscriptionRow } from '../notifications.repository';
import type { SubscribeInput } from '../subscriptions.service';
import type { FormError } from './subscription-form';

export interface Choice {
  slug: string;
  name: string;
}

export interface Page {
  status: number;
  title: string;
  body: SafeHtml;
}

function errorSummary(errors: FormError[]): SafeHtml | null {
  if (errors.length === 0) return null;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="errors">
    <h2>Please check the form</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#field-${e.field}">${e.reason}</a></li>`)}
    </ul>
  </div>`;
}

const fieldError = (errors: FormError[], field: string) =>
  errors.filter((e) => e.field === field).map((e) => html`<p class="field__error" id="error-${field}">${e.reason}</p>`);

const invalid = (errors: FormError[], field: string) =>
  errors.some((e) => e.field === field) ? html` aria-invalid="true" aria-describedby="error-${field}"` : null;

function triggerChoices(selected: readonly string[], errors: FormError[]): SafeHtml {
  return html`<fieldset class="field field--wide field--statuses" id="field-triggers">
    <legend>Email me about</legend>
    ${fieldError(errors, 'triggers')}
    ${TRIGGERS.map(
      (t) =>
        html`<label class="check"
          ><input type="checkbox" name="triggers" value="${t}" ${selected.includes(t) ? html` checked` : null} />
          ${TRIGGER_LABELS[t]}</label
        >`,
    )}
  </fieldset>`;
}

function digestChoices(selected: string): SafeHtml {
  return html`<fieldset class="field field--wide" id="field-digest">
    <legend>How often</legend>
    <label class="check"
      ><input type="radio" name="digest" value="none" ${selected !== 'daily' ? html` checked` : null} /> One email for each
      event</label
    >
    <label class="check"
      ><input type="radio" name="digest" value="daily" ${selected === 'daily' ? html` checked` : null} /> One daily digest of the
      previous day’s events</label
    >
  </fieldset>`;
}

function topicChoices(topics: Choice[], selected: readonly string[]): SafeHtml | null {
  if (topics.length === 0) return null;
  return html`<fieldset class="field field--wide field--statuses" id="field-topics">
    <legend>Topics</legend>
    <p class="field__hint">Tick none to follow every topic.</p>
    ${topics.map(
      (t) =>
        html`<label class="check"
          ><input type="checkbox" name="topics" value="${t.slug}" ${selected.includes(t.slug) ? html` checked` : null} />
          ${t.name}</label
        >`,
    )}
  </fieldset>`;
}

function slugField(
  name: keyof SubscriptionFilter,
  label: string,
  hint: string,
  value: readonly string[],
  errors: FormError[],
): SafeHtml {
  return html`<div class="field field--wide">
    <label for="field-${name}">${label}</label>
    <p class="field__hint" id="hint-${name}">${hint}</p>
    ${fieldError(errors, name)}
    <input
      type="text"
      id="field-${name}"
      name="${name}"
      value="${value.join(', ')}"
      aria-describedby="hint-${name}"
      ${invalid(errors, name)}
    />
  </div>`;
}

export function subscribePage(p: {
  values: Partial<SubscribeInput>;
  errors: FormError[];
  recommendation: { slug: string; title: string } | null;
  topics: Choice[];
}): Page {
  const v = p.values;
  const follow = p.recommendation
    ? html`<p>
          You will follow <strong>${p.recommendation.title}</strong>: its deadlines, status changes and monitor findings.
          <a href="/subscribe">Follow everything instead</a>.
        </p>
        <input type="hidden" name="recommendation" value="${p.recommendation.slug}" />`
    : html`<p>Leave the topics unticked to follow every item in the tracker.</p>
        ${topicChoices(p.topics, v.filter?.topics ?? [])}`;
  return {
    status: p.errors.length ? 400 : 200,
    title: 'Subscribe to email updates',
    body: html`<h1>Subscribe to email updates</h1>
      <p class="lede">
        Get an email before a deadline closes, when one passes unmet, and when a status changes, with the evidence.
      </p>
      ${errorSummary(p.errors)}
      <form method="post" action="/subscribe" class="filters">
        <div class="field field--wide">
          <label for="field-email">Your email address</label>
          ${fieldError(p.errors, 'email')}
          <input
            type="email"
            id="field-email"
            name="email"
            autocomplete="email"
            required
            maxlength="254"
            value="${v.email ?? ''}"
            ${invalid(p.errors, 'email')}
          />
        </div>
        ${follow} ${triggerChoices(v.triggers ?? [...TRIGGERS], p.errors)} ${digestChoices(v.digest ?? 'none')}
        <p class="field field--wide field__hint">
          We send one email with a confirmation link, and nothing else until you use it. Every email has a one-click unsubscribe
          link.
        </p>
        <div class="filters__actions"><button type="submit">Subscribe</button></div>
      </form>`,
  };
}

export function checkEmailPage(email: string): Page {
  return {
    status: 200,
    title: 'Check your email',
    body: html`<h1>Check your email</h1>
      <p class="lede">If ${email} can receive email, a message with a confirmation link is on its way.</p>
      <p>
        Open the link to start your subscription. Until then nothing else is sent to this address. If nothing arrives, check your
        spam folder, or <a href="/subscribe">try again</a>.
      </p>`,
  };
}

/** The page a confirmation link opens: what would be confirmed, and the button that does it (POST). */
export function confirmPromptPage(token: string, sub: SubscriptionRow): Page {
  return {
    status: 200,
    title: 'Confirm your subscription',
    body: html`<h1>Confirm your subscription</h1>
      <p class="lede">Emails to ${sub.email} about ${describeFilter(sub.filter)}:</p>
      <ul>
        ${sub.triggers.map((t) => html`<li>${TRIGGER_LABELS[t]}</li>`)}
      </ul>
      <form method="post" action="/subscriptions/confirm?token=${token}" class="inline-form">
        <button type="submit">Confirm my subscription</button>
      </form>
      <p>If you did not ask for this, ignore this page and the email: nothing will be sent.</p>`,
  };
}

export function confirmPage(outcome: 'confirmed' | 'already-confirmed' | 'expired' | 'invalid', manageUrl: string | null): Page {
  switch (outcome) {
    case 'confirmed':
    case 'already-confirmed':
      return {
        status: 200,
        title: 'Subscription confirmed',
        body: html`<h1>${outcome === 'confirmed' ? 'Subscription confirmed' : 'Already confirmed'}</h1>
          <p class="lede">
            You will get emails about what you chose. Each one has a link to change what you follow, and one to unsubscribe.
          </p>
          ${manageUrl ? html`<p><a class="button" href="${manageUrl}">Change what you follow</a></p>` : null}
          <p><a href="/">Back to the tracker</a></p>`,
      };
    case 'expired':
      return {
        status: 410,
        title: 'This link has expired',
        body: html`<h1>This link has expired</h1>
          <p>Confirmation links work for a limited time. <a href="/subscribe">Subscribe again</a> to get a new one.</p>`,
      };
    case 'invalid':
      return invalidLinkPage();
  }
}

export function invalidLinkPage(): Page {
  return {
    status: 404,
    title: 'This link does not work',
    body: html`<h1>This link does not work</h1>
      <p>
        It may have been copied incompletely, or the subscription it belonged to no longer exists.
        <a href="/subscribe">Subscribe</a> to get a new one.
      </p>`,
  };
}

export function unsubscribePage(token: string, sub: SubscriptionRow, subscriptions = 1): Page {
  if (sub.state === 'unsubscribed') return unsubscribedPage(false);
  return {
    status: 200,
    title: 'Unsubscribe',
    body: html`<h1>Unsubscribe</h1>
      <p class="lede">Stop all emails to ${sub.email}?</p>
      ${subscriptions > 1 ? html`<p>This address has ${subscriptions} subscriptions; unsubscribing stops all of them.</p>` : null}
      <form method="post" action="/subscriptions/unsubscribe?token=${token}" class="inline-form">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">Unsubscribe</button>
      </form>
      <p>Or <a href="/subscriptions/manage?token=${token}">change what you follow</a> instead.</p>`,
  };
}

export function unsubscribedPage(justNow: boolean, stopped?: { email: string; others: number; token: string }): Page {
  const others = stopped?.others ?? 0;
  return {
    status: 200,
    title: 'Unsubscribed',
    body: html`<h1>${justNow ? 'You are unsubscribed' : 'Already unsubscribed'}</h1>
      <p class="lede">
        ${stopped ? html`No more emails will be sent to ${stopped.email}` : html`No more emails will be sent for this subscription`}${
          others > 0
            ? html`: this subscription and the ${others === 1 ? 'other one' : `${others} others`} of this address are stopped`
            : null
        }.
      </p>
      ${
        others > 0 && stopped
          ? html`<form method="post" action="/subscriptions/restore?token=${stopped.token}" class="inline-form">
                <button type="submit">Keep my other ${others === 1 ? 'subscription' : `${others} subscriptions`}</button>
              </form>
              <p>That stops only the one this email was about.</p>`
          : null
      }
      <p>Changed your mind? <a href="/subscribe">Subscribe again</a>.</p>`,
  };
}

export function restoredPage(restored: number): Page {
  return {
    status: 200,
    title: 'Other subscriptions kept',
    body: html`<h1>${restored > 0 ? 'Your other subscriptions are back' : 'Nothing to restore'}</h1>
      <p class="lede">
        ${
          restored > 0
            ? html`${restored === 1 ? 'One subscription' : `${restored} subscriptions`} of this address will send email again.
              Each email has a link to change what it follows.`
            : html`There is no other subscription of this address to keep.`
        }
      </p>
      <p><a href="/">Back to the tracker</a></p>`,
  };
}

export function managePage(p: {
  token: string;
  sub: SubscriptionRow;
  topics: Choice[];
  errors: FormError[];
  saved: boolean;
  values?: Partial<SubscribeInput>;
}): Page {
  const v = p.values ?? p.sub;
  const filter: SubscriptionFilter = { recommendations: [], topics: [], responsible: [], sources: [], ...(v.filter ?? {}) };
  return {
    status: p.errors.length ? 400 : 200,
    title: 'Change what you follow',
    body: html`<h1>Change what you follow</h1>
      <p class="lede">Emails to ${p.sub.email}.</p>
      ${p.saved ? html`<p class="callout" role="status">Saved. Your next emails follow these settings.</p>` : null}
      ${errorSummary(p.errors)}
      <form method="post" action="/subscriptions/manage?token=${p.token}" class="filters">
        <h2 class="filters__title">What to follow</h2>
        <p class="field field--wide field__hint">
          Leave everything empty to follow every item. When you fill in several kinds, an item must match each of them.
        </p>
        ${slugField('recommendations', 'Items', 'Slugs of items, as in their web address, separated by commas.', filter.recommendations, p.errors)}
        ${topicChoices(p.topics, filter.topics)}
        ${slugField('responsible', 'Responsible', 'Slugs of the bodies responsible, like chicago-police-department.', filter.responsible, p.errors)}
        ${slugField('sources', 'Sources', 'Slugs of the reports or statements the items come from.', filter.sources, p.errors)}
        <h2 class="filters__title">Emails</h2>
        ${triggerChoices(v.triggers ?? [], p.errors)}
        <div class="field field--wide">
          <label for="field-reminderDays">Remind me this many days before a deadline’s last day</label>
          <p class="field__hint" id="hint-reminderDays">Whole numbers separated by commas; 0 means on the last day.</p>
          ${fieldError(p.errors, 'reminderDays')}
          <input
            type="text"
            id="field-reminderDays"
            name="reminderDays"
            value="${(v.reminderDays ?? []).join(', ')}"
            aria-describedby="hint-reminderDays"
            ${invalid(p.errors, 'reminderDays')}
          />
        </div>
        ${digestChoices(v.digest ?? 'none')}
        <div class="filters__actions">
          <button type="submit">Save</button> <a href="/subscriptions/unsubscribe?token=${p.token}">Unsubscribe</a>
        </div>
      </form>`,
  };
}

/** Wraps a page body in the site's layout. */
@Injectable()
export class SubscriptionPageRenderer {
  constructor(private readonly renderer: PageRenderer) {}

  render(page: Page): string {
    return this.renderer.render(
      '@layout',
      { title: page.title, section: 'subscribe', body: page.body.value },
      { views: __dirname },
    );
  }
}
