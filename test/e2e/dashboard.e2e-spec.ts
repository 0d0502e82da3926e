/**
 * The web dashboard over HTTP, without a browser: every page answers HTML, stored text comes back
 * escaped, mistakes get HTML error pages (never a 500), and the pages' security headers hold.
 * The browser checks (layout, accessibility, no console errors) are in test/browser/.
 */
import request from 'supertest';
import { SeedService } from '../../src/seed/seed.service';
import { bootApp, TestApp } from '../support/test-app';
import { dashboardFixture, DISPUTED_SLUG, HOSTILE_SLUG } from './dashboard-fixtures';

describe('the web dashboard', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    t = await bootApp();
    await t.app.get(SeedService).apply(dashboardFixture());
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  const html = async (path: string, status = 200) => {
    const res = await http.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toMatch(/^<!doctype html>\s*<html lang="en">/);
    return res;
  };

  it.each([
    '/',
    '/recommendations',
    '/recommendations?status=implemented&status=interim&topic=foot-pursuits',
    '/recommendations/mayor-2021-foot-pursuit-policy',
    '/recommendations/doj-2017-foot-pursuit-policy?asOf=2021-07-01',
    `/recommendations/${DISPUTED_SLUG}`,
    '/deadlines',
    '/sources',
    '/sources/doj-2017',
    '/actors',
    '/actors/mayor-of-chicago',
    '/about',
  ])('%s answers 200 with an HTML page', async (path) => {
    const res = await html(path);
    expect(res.text).toContain('<main id="main"');
    expect(res.text).toMatch(/<h1[^>]*>/);
  });

  it('shows the overview: counts, progress beside them, what is left, deadlines, latest changes, freshness', async () => {
    const { text } = await html('/');
    expect(text).toContain('<svg class="chart__svg"');
    expect(text).toContain('Items by headline status');
    expect(text).toContain('Weighted progress');
    expect(text).toMatch(/What is left: \d+ items? not implemented/);
    expect(text).toContain('Overdue deadlines');
    expect(text).toMatch(/\d[\d,]* days late/);
    expect(text).toContain('Deadlines in the next 90 days');
    expect(text).toContain('Latest status changes');
    expect(text).toContain('How fresh is this data?');
    expect(text).toContain('Mayor Lightfoot&#39;s April 2021 promise');
    expect(text).not.toMatch(/no progress(?!”)/i);
  });

  it("shows the mayor's promise with its May 2021 deadline, its close time in Chicago, and the interim policy", async () => {
    const { text } = await html('/recommendations/mayor-2021-foot-pursuit-policy');
    expect(text).toContain('“sometime in May”');
    expect(text).toContain('closed 12:00 a.m. June 1, 2021 (America/Chicago)');
    expect(text).toContain('Met on time, on May 26, 2021');
    expect(text).toContain('Interim measure in force');
    expect(text).toContain('Verbatim from the source');
    expect(text).toContain('href="/subscribe?recommendation=mayor-2021-foot-pursuit-policy"');
    expect(text).toContain('href="/feeds/recommendations/mayor-2021-foot-pursuit-policy.atom"');
  });

  it('marks a summary as a summary, never as a quote', async () => {
    const { text } = await html('/recommendations/doj-2017-foot-pursuit-policy');
    expect(text).toContain('Summary by the tracker editors, not a quote');
    expect(text).not.toContain('Verbatim from the source');
  });

  it('shows a disagreement, a retraction with its correction, a regression and an extension chain', async () => {
    const { text } = await html(`/recommendations/${DISPUTED_SLUG}`);
    expect(text).toContain('The assessors disagree.');
    expect(text).toContain('Disagrees with the headline status');
    expect(text).toMatch(/<s><span class="status status--rejected">Rejected<\/span>\s*<\/s>/);
    expect(text).toContain('Retracted');
    expect(text).toMatch(/Corrects <a href="#change-\d+">the entry of March 1, 2022 \(Rejected\)<\/a>/);
    expect(text).toContain('Regression: failed to maintain compliance');
    expect(text).toContain(`href="#deadline-${DISPUTED_SLUG}-second"`);
    expect(text).toContain('Extended: replaced by a later deadline');
    expect(text).toContain('Met late, on January 5, 2022 (5 days late)');
  });

  it('escapes every piece of stored text and never links a javascript: URL', async () => {
    for (const path of [`/recommendations/${HOSTILE_SLUG}`, '/recommendations?q=Hostile', '/deadlines', '/actors/police']) {
      const { text } = await html(path);
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hostile &amp; &quot;quoted&quot; item');
      expect(text).not.toContain('<script>alert(1)</script>');
    }
    const item = await html(`/recommendations/${HOSTILE_SLUG}`);
    expect(item.text).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt; text');
    const disputed = await html(`/recommendations/${DISPUTED_SLUG}`);
    expect(disputed.text).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(disputed.text).not.toContain('javascript:');
    expect(disputed.text).toContain('href="https://example.org/evidence"');
  });

  it('filters the list with the API parameters, and links the CSV, JSON and Atom of the same filter', async () => {
    const { text } = await html('/recommendations?kind=commitment&topic=foot-pursuits&utm_source=newsletter');
    expect(text).toContain('href="/recommendations/mayor-2021-foot-pursuit-policy"');
    expect(text).not.toContain('href="/recommendations/doj-2017-foot-pursuit-policy"');
    expect(text).toContain('href="/api/v1/export/recommendations.csv?kind=commitment&amp;topic=foot-pursuits"');
    expect(text).toContain('href="/api/v1/recommendations?kind=commitment&amp;topic=foot-pursuits"');
    expect(text).toContain('href="/feeds/changes.atom?kind=commitment&amp;topic=foot-pursuits"');
    expect(text).toMatch(/<option value="commitment" selected>/);
  });

  it('pages through the list with the cursor', async () => {
    const first = await html('/recommendations?limit=25&topic=foot-pursuits');
    expect(first.text).not.toContain('rel="next"');
    const small = await html('/recommendations?limit=5');
    const next = /href="([^"]+)" rel="next"/.exec(small.text);
    expect(next).not.toBeNull();
    const second = await html(next![1].replace(/&amp;/g, '&'));
    expect(second.text).toContain('rel="first"');
    expect(second.text).toContain('page 2');
  });

  it('answers bad filters with the form and the reasons, status 400, never a 500', async () => {
    const res = await html('/recommendations?status=done&limit=500&asOf=2021-02-30&topic=no-such-topic', 400);
    expect(res.text).toContain('Some filters could not be used');
    expect(res.text).toContain('Status: must be one of');
    expect(res.text).toContain('Items per page: must be a whole number from 1 to 200');
    expect(res.text).toContain('As of date: must be a calendar date written YYYY-MM-DD');
    expect(res.text).toContain('aria-invalid="true"');
    const unknownSlug = await html('/recommendations?topic=no-such-topic', 400);
    expect(unknownSlug.text).toContain('no topic has the slug &quot;no-such-topic&quot;');
    const badCursor = await html('/recommendations?cursor=nonsense', 400);
    expect(badCursor.text).toContain('is not a cursor this API issued');
    await html('/recommendations/mayor-2021-foot-pursuit-policy?asOf=yesterday', 400);
  });

  it('answers an unknown slug with a 404 HTML page', async () => {
    for (const path of ['/recommendations/no-such-item', '/sources/no-such-source', '/actors/no-such-actor']) {
      const res = await html(path, 404);
      expect(res.text).toContain('Page not found');
    }
    const res = await html('/recommendations/%3Cscript%3Ex', 404);
    expect(res.text).not.toContain('<script>x');
  });

  it('sends a Content-Security-Policy without inline script, and without inline style on its pages', async () => {
    const res = await html('/');
    const csp = String(res.headers['content-security-policy']);
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBeDefined();
    expect(directive('script-src')).not.toContain("'unsafe-inline'");
    expect(directive('style-src')).toBe("style-src 'self'");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(res.text).not.toMatch(/<script\b/i);
    expect(res.text).not.toMatch(/\sstyle="/i);
    expect(res.text).not.toMatch(/\son[a-z]+="/i);
    const notFound = await html('/recommendations/no-such-item', 404);
    expect(String(notFound.headers['content-security-policy'])).toContain("style-src 'self'");
  });

  it('serves its stylesheet with a long cache for the versioned URL', async () => {
    const page = await html('/');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)![1];
    const css = await http.get(href);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
    const again = await http.get('/assets/dashboard.css').set('If-None-Match', css.headers.etag);
    expect(again.status).toBe(304);
    expect((await http.get('/assets/nope.css')).status).toBe(404);
  });

  it('leaves the JSON API and its docs as they were', async () => {
    const res = await http.get('/api/v1/recommendations?limit=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const docs = await http.get('/docs-json');
    expect(Object.keys(docs.body.paths).some((p) => p === '/' || p.startsWith('/recommendations'))).toBe(false);
  });
});
