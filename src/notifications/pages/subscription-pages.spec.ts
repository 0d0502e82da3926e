import { validateEnvironment } from '../../config/environment';
import { SiteAssets } from '../../presentation/assets';
import { PageRenderer } from '../../presentation/renderer';
import type { SubscriptionRow } from '../subscriptions.repository';
import { managePage, subscribePage, SubscriptionPageRenderer, unsubscribedPage, unsubscribePage } from './subscription-pages';

const pages = new SubscriptionPageRenderer(new PageRenderer(validateEnvironment({}), new SiteAssets()));
const HOSTILE = `<script>alert("x")</script>&'`;
const sub: SubscriptionRow = {
  id: 1,
  email: `a${HOSTILE}@example.org`,
  emailNormalized: 'a@example.org',
  mailbox: 'a@example.org',
  filter: { recommendations: ['alpha'], topics: ['t1'], responsible: [], sources: [] },
  triggers: ['status_change'],
  reminderDays: [30, 7, 1],
  digest: 'daily',
  settingsKey: 'k',
  state: 'confirmed',
  createdAt: '2026-01-01T00:00:00Z',
  confirmedAt: null,
  unsubscribedAt: null,
};

describe('subscription pages', () => {
  it('render inside the site layout, escaping every value', () => {
    const page = subscribePage({
      values: { email: HOSTILE },
      errors: [{ field: 'email', reason: `bad ${HOSTILE}` }],
      recommendation: { slug: 'alpha', title: `Alpha ${HOSTILE}` },
      topics: [],
    });
    expect(page.status).toBe(400);
    const html = pages.render(page);
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(html).toContain('<title>Subscribe to email updates · Reform Tracker</title>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"');
    expect(html).toContain('<strong>Alpha &lt;script&gt;');
    expect(html).toContain('<a href="#field-email">bad &lt;script&gt;');
    expect(html).toContain('aria-invalid="true" aria-describedby="error-email"');
    expect(html).toContain('<input type="hidden" name="recommendation" value="alpha">');
  });

  it('keep the forms: one-click unsubscribe, the manage form with its current settings', () => {
    const unsubscribe = pages.render(unsubscribePage('T&1', sub, 2));
    expect(unsubscribe).toContain('<form method="post" action="/subscriptions/unsubscribe?token=T&amp;1" class="inline-form">');
    expect(unsubscribe).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(unsubscribe).toContain('This address has 2 subscriptions');
    const manage = pages.render(
      managePage({
        token: 'T',
        sub,
        topics: [{ slug: 't1', name: 'Training' }],
        errors: [],
        saved: true,
        nameOf: (kind, slug) => (kind === 'recommendations' && slug === 'alpha' ? `Alpha ${HOSTILE}` : undefined),
      }),
    );
    // Reader test finding 30: the followed items by their titles, ticked, with a field to add more
    // by pasting a page address; nobody is asked to type slugs.
    expect(manage).toContain('<input type="checkbox" name="recommendations" value="alpha" checked> Alpha &lt;script&gt;');
    expect(manage).toContain('Paste the web address of an item’s page');
    expect(manage).not.toMatch(/[Ss]lug/);
    expect(manage).toContain('value="30, 7, 1"');
    expect(manage).toContain('<input type="checkbox" name="topics" value="t1" checked> Training');
    expect(manage).toContain('<input type="checkbox" name="triggers" value="status_change" checked>');
    expect(manage).toContain('<input type="radio" name="digest" value="daily" checked>');
    expect(manage).toContain('Saved. Your next emails follow these settings.');
  });

  it('word the number of other subscriptions a one-click unsubscribe stopped', () => {
    const html = pages.render(unsubscribedPage(true, { email: 'a@example.org', others: 2, token: 'T' }));
    expect(html).toContain('<h1>You are unsubscribed</h1>');
    expect(html).toContain(
      'No more emails will be sent to a@example.org: this subscription and the 2 others of this address are stopped.',
    );
    expect(html).toContain('Keep my other 2 subscriptions');
  });
});
