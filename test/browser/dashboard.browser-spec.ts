/// <reference lib="dom" />
/**
 * The dashboard in a real browser: Debian's chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * driven by playwright-core against the real app, in-process, on the dashboard fixture alone (not
 * the Chicago seed, whose content changes as it is researched), reached over plain HTTP at a host
 * name that is not localhost (as on a LAN or a VM), so every page proves its stylesheet applies there. Every page loads without console
 * errors or failed requests and fits a 360 px screen; the filters work without JavaScript; the
 * promise's story reads truthfully (partly met, done late, paraphrases, reprints, unknown outcomes,
 * the "Cite this" link); axe-core finds no serious or critical violation. Screenshots of every page at 1280 and 360 px go to
 * test/browser/screenshots/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  applyDashboardFixture,
  DISPUTED_SLUG,
  DL,
  HOSTILE_SLUG,
  NEWS_TITLE,
  PARAPHRASE_LABEL,
  PROMISE_SLUG,
  PROMISE_TITLE,
  UNKNOWN_SLUG,
} from '../e2e/dashboard-fixtures';
import { bootApp, TestApp } from '../support/test-app';
import { badgesStickingOut, HOST, launchChromium, listenAtHost } from './chromium';

const SCREENSHOTS = join(__dirname, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
const WIDTHS = [1280, 360] as const;

/** Every page, with the name its screenshots get and the status it must answer. */
const PAGES: Array<{ name: string; path: string; status?: number }> = [
  { name: 'overview', path: '/' },
  { name: 'recommendations', path: '/recommendations' },
  { name: 'recommendations-filtered', path: '/recommendations?topic=foot-pursuits&status=implemented&status=interim' },
  { name: 'recommendations-errors', path: '/recommendations?status=done&asOf=2021-02-30&limit=500', status: 400 },
  { name: 'recommendations-known-at', path: '/recommendations?knownAt=2023-01-01T00:00:00Z&asOf=2022-12-31' },
  { name: 'recommendations-table', path: '/recommendations?view=table' },
  { name: 'recommendations-table-by-date', path: '/recommendations?view=table&sort=-date&topic=foot-pursuits' },
  { name: 'item-promise', path: `/recommendations/${PROMISE_SLUG}` },
  { name: 'item-promise-as-of-2021-07-01', path: `/recommendations/${PROMISE_SLUG}?asOf=2021-07-01` },
  { name: 'item-promise-known-at', path: `/recommendations/${PROMISE_SLUG}?asOf=2022-12-31&knownAt=2023-01-01T00:00:00Z` },
  { name: 'item-unknown-outcome', path: `/recommendations/${UNKNOWN_SLUG}` },
  { name: 'item-disputed', path: `/recommendations/${DISPUTED_SLUG}` },
  { name: 'item-hostile', path: `/recommendations/${HOSTILE_SLUG}` },
  { name: 'deadlines', path: '/deadlines' },
  { name: 'deadlines-as-of-2021-07-01', path: '/deadlines?asOf=2021-07-01' },
  { name: 'overview-as-of-2021-07-01', path: '/?asOf=2021-07-01' },
  { name: 'overview-bad-as-of', path: '/?asOf=2021-02-30', status: 400 },
  { name: 'sources', path: '/sources' },
  { name: 'source', path: '/sources/zz-news-c' },
  { name: 'actors', path: '/actors' },
  { name: 'actor-city', path: '/actors/city' },
  { name: 'promises', path: '/promises' },
  { name: 'about', path: '/about' },
  { name: 'subscribe', path: '/subscribe' },
  { name: 'subscribe-item', path: `/subscribe?recommendation=${PROMISE_SLUG}` },
  { name: 'subscription-link-invalid', path: '/subscriptions/manage?token=nope', status: 404 },
  { name: 'not-found', path: '/recommendations/no-such-item', status: 404 },
  { name: 'mistyped-address', path: '/recomendations', status: 404 },
];

describe('the dashboard in chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await bootApp({ SEED_ON_START: 'false' });
    await applyDashboardFixture(t.app);
    base = await listenAtHost(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page that records console errors, uncaught exceptions and failed or refused requests. */
  async function openPage(context: BrowserContext) {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
    page.on('response', (res) => {
      if (res.status() >= 400 && res.request().resourceType() !== 'document') problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    return { page, problems };
  }

  describe.each(WIDTHS)('at %i px wide', (width) => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    });
    afterAll(() => context.close());

    it.each(PAGES)('$name loads cleanly, fits the screen, and is screenshotted', async ({ name, path, status }) => {
      const { page, problems } = await openPage(context);
      const res = await page.goto(base + path, { waitUntil: 'load' });
      expect(res?.status()).toBe(status ?? 200);
      await page.locator('h1').first().waitFor({ state: 'visible' });
      // The stylesheet applied (the CSP lets it through): the header has its navy background.
      const headerBg = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(headerBg).toBe('rgb(16, 41, 74)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
      // No status badge sticks out of the box it sits in.
      const stickingOut = await badgesStickingOut(page);
      expect({ name, stickingOut }).toEqual({ name, stickingOut: [] });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
      // An error page is meant to answer 400 or 404; chromium logs that status for the document itself.
      const expected = status ? [`console error: Failed to load resource: the server responded with a status of ${status}`] : [];
      expect(problems.filter((p) => !expected.some((e) => p.startsWith(e)))).toEqual([]);
      await page.close();
    });
  });

  describe('accessibility (axe-core)', () => {
    let context: BrowserContext;

    beforeAll(async () => {
      // The pages' CSP (script-src 'self') rightly refuses injected scripts; this context bypasses it so
      // axe-core can be injected. Only the axe run uses it: every other check runs under the real CSP.
      context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    });
    afterAll(() => context.close());

    it.each(PAGES)('$name has no serious or critical violation', async ({ path }) => {
      const page = await context.newPage();
      await page.goto(base + path, { waitUntil: 'load' });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
        ).axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious).toEqual([]);
      await page.close();
    });

    it('checks the narrow layout too', async () => {
      const narrow = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 800 } });
      const page = await narrow.newPage();
      for (const path of ['/', `/recommendations/${DISPUTED_SLUG}`, `/recommendations/${PROMISE_SLUG}`, '/recommendations']) {
        await page.goto(base + path);
        await page.addScriptTag({ path: AXE });
        const serious = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
          return (await axe.run(document)).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => v.id);
        });
        expect({ path, serious }).toEqual({ path, serious: [] });
      }
      await narrow.close();
    });
  });

  describe('without JavaScript', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    });
    beforeEach(async () => {
      page = await context.newPage();
    });
    afterEach(() => page.close());
    afterAll(() => context.close());

    it('filters the list with the GET form', async () => {
      await page.goto(`${base}/recommendations`);
      await page.getByLabel('Implemented', { exact: true }).check();
      await page.getByLabel('Topic').selectOption('foot-pursuits');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/status=implemented/);
      const url = new URL(page.url());
      expect(url.searchParams.getAll('status')).toEqual(['implemented']);
      expect(url.searchParams.get('topic')).toBe('foot-pursuits');
      const cards = page.locator('.item-card');
      expect(await cards.count()).toBeGreaterThan(0);
      for (const status of await cards.locator('.item-card__status .status').allTextContents())
        expect(status).toBe('Implemented');
      expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe(
        '/api/v1/recommendations.csv?status=implemented&topic=foot-pursuits',
      );
      // The form keeps what was chosen.
      expect(await page.getByLabel('Implemented', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('Topic').inputValue()).toBe('foot-pursuits');
    });

    it('searches, pages, and explains a bad filter next to its field', async () => {
      await page.goto(`${base}/recommendations?limit=5`);
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.getByRole('heading', { name: /page 2/ }).waitFor();
      await page.getByLabel('As it stood on').fill('2021-02-30');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('heading', { name: 'Some filters could not be used' }).waitFor();
      expect(await page.getByLabel('As it stood on').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('As it stood on').fill('2021-07-01');
      await page.getByLabel('Search in titles and texts').fill('Filler');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('heading', { name: 'Matching items' }).waitFor();
      await page.locator('.item-card').first().waitFor();
    });

    it('shows the list as a table and sorts it by a column heading, keeping the view through the filters', async () => {
      await page.goto(`${base}/recommendations`);
      await page.getByRole('link', { name: 'table', exact: true }).click();
      await page.waitForURL(/view=table/);
      const table = page.locator('table.item-table');
      const titles = () => table.locator('tbody th[scope="row"] a').allTextContents();
      expect(await table.locator('thead th').allTextContents()).toEqual([
        'Item ▲',
        'Status',
        'Since',
        'Next deadline',
        'Responsible',
        'Source',
      ]);
      // By title unless asked otherwise; the heading says so, and sorts the other way when followed.
      const byTitle = await titles();
      expect(byTitle.length).toBeGreaterThan(3);
      expect(byTitle).toEqual([...byTitle].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
      expect(await table.locator('th[aria-sort]').allTextContents()).toEqual(['Item ▲']);
      await table.locator('thead').getByRole('link', { name: 'Item', exact: true }).click();
      await page.waitForURL(/sort=-title/);
      expect(await titles()).toEqual([...byTitle].reverse());
      expect(await table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
      await table.locator('thead').getByRole('link', { name: 'Since', exact: true }).click();
      await page.waitForURL(/sort=date/);
      const since = await table.locator('td[data-label="Since"]').allTextContents();
      const dated = since.filter((d) => d !== 'never assessed').map((d) => Date.parse(d));
      expect(dated).toEqual([...dated].sort((a, b) => a - b));
      // Filtering keeps the table and the order.
      await page.getByLabel('Topic').selectOption('foot-pursuits');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/topic=foot-pursuits/);
      const url = new URL(page.url());
      expect([url.searchParams.get('view'), url.searchParams.get('sort')]).toEqual(['table', 'date']);
      expect(await table.count()).toBe(1);
    });

    it('folds the filters away on a small screen, and opens them with a tap', async () => {
      const narrow = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
      const small = await narrow.newPage();
      await small.goto(`${base}/recommendations`);
      const status = small.getByLabel('Implemented', { exact: true });
      expect(await status.isVisible()).toBe(false);
      expect(await small.getByLabel('Search in titles and texts').isVisible()).toBe(true);
      const firstItem = await small.locator('.item-card').first().boundingBox();
      expect(firstItem!.y).toBeLessThan(800 * 1.5);
      await small.getByText('More filters', { exact: false }).click();
      expect(await status.isVisible()).toBe(true);
      // With a filter set, the page opens with the filters unfolded, showing what is applied.
      await small.goto(`${base}/recommendations?topic=foot-pursuits`);
      expect(await small.getByLabel('Topic').isVisible()).toBe(true);
      await narrow.close();
    });

    it('lets a new reader find the promise from the overview and see whether it was kept', async () => {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: 'Officials’ promises' }).click();
      await page.locator('section[aria-labelledby="promises"]').getByRole('link', { name: PROMISE_TITLE }).click();
      expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe(PROMISE_TITLE);
      const glance = await textOf(page.locator('.glance'));
      expect(glance).toContain('“sometime in May” (May 2021, set by City): Met on time, on May 26, 2021');
      expect(glance).toContain(
        '“before the start of summer” (June 20, 2021, date inferred, set by City): Partly met, on June 11, 2021',
      );
      expect(glance).toMatch(
        /a finalized policy in September \(FOX 32’s paraphrase, not a quote\) \(September 2021, set by City\): Missed; done \d+ days late \(on June 21, 2022\)/,
      );
      // The same through the search box.
      await page.goto(`${base}/`);
      await page.getByLabel('Search recommendations and promises').fill('promise');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('.item-card').getByRole('link', { name: PROMISE_TITLE }).waitFor();
    });

    it('shows a past record with the "As recorded by" field, and explains a malformed instant next to it', async () => {
      await page.goto(`${base}/recommendations`);
      await page.getByLabel('As recorded by').fill('2023-01-01');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('heading', { name: 'Some filters could not be used' }).waitFor();
      expect(await page.getByLabel('As recorded by').getAttribute('aria-invalid')).toBe('true');
      expect(await textOf(page.locator('#err-knownAt'))).toContain('YYYY-MM-DDTHH:MM:SSZ');
      await page.getByLabel('As recorded by').fill('2023-01-01T00:00:00Z');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/knownAt=2023-01-01T00%3A00%3A00Z/);
      expect(await textOf(page.locator('.banner--as-of'))).toContain('As recorded by');
      expect(await page.locator('.item-card').getByRole('link', { name: PROMISE_TITLE }).count()).toBe(1);
      expect(await page.locator('.item-card').getByRole('link', { name: 'Filler item 1' }).count()).toBe(0);
    });
  });

  describe('the foot-pursuit story', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it("shows the promise's May 2021 deadline in its own words, closing at midnight Chicago time, and the interim policy", async () => {
      await page.goto(`${base}/recommendations/${PROMISE_SLUG}`);
      const may = await textOf(page.locator(`#deadline-${DL.may}`));
      expect(may).toContain('“sometime in May”');
      expect(may).toContain('May 2021');
      expect(may).toContain('closed 12:00 a.m. June 1, 2021 (America/Chicago)');
      expect(may).toContain('Met on time, on May 26, 2021');
      const timeline = page.locator('.timeline');
      await timeline.locator('.tl--status').filter({ hasText: 'Interim measure in force' }).first().waitFor();
      await timeline.locator('.tl--event').filter({ hasText: 'The final foot-pursuit policy is issued' }).first().waitFor();
      await page.locator('.text-kind').getByText(`Verbatim, as quoted in ${NEWS_TITLE}`).waitFor();
      expect(await page.getByRole('link', { name: 'Subscribe to this item' }).getAttribute('href')).toBe(
        `/subscribe?recommendation=${PROMISE_SLUG}`,
      );
    });

    it('words each outcome truthfully: partly met, done late, a paraphrase, a reprint, an unknown outcome', async () => {
      await page.goto(`${base}/recommendations/${PROMISE_SLUG}`);
      const summer = page.locator(`#deadline-${DL.summer} .outcome`);
      expect(await textOf(summer)).toBe('Partly met, on June 11, 2021');
      // Amber, not the green of "met".
      expect(await summer.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 237, 213)');
      const september = page.locator(`#deadline-${DL.september}`);
      expect(await textOf(september.locator('.outcome'))).toMatch(/^Missed; done \d+ days late \(on June 21, 2022\)$/);
      const label = await textOf(september.locator('.deadline-label'));
      expect(label).toBe(`${PARAPHRASE_LABEL} (FOX 32’s paraphrase, not a quote)`);
      expect(label).not.toMatch(/[“”"]/);
      const evidence = await textOf(september.locator('.evidence__source'));
      expect(evidence).toBe(
        `Evidence: Report A · quoted in ${NEWS_TITLE} · link: americanbluestheater.com (opens the cited web page)`,
      );
      expect(await page.getByText('original document').count()).toBe(0);
      // The finding filed in October 2021 comes after the September deadline it reports on.
      const order = await page
        .locator('.timeline > li')
        .evaluateAll((items) =>
          items.map((li) => li.id).filter((id) => id.includes('september') || id.includes('finding-summer')),
        );
      expect(order).toEqual([`deadline-${DL.september}`, `finding-${PROMISE_SLUG}-finding-summer`]);

      await page.goto(`${base}/recommendations/${UNKNOWN_SLUG}`);
      const unknown = page.locator(`#deadline-${DL.unknown} .outcome`);
      expect(await textOf(unknown)).toBe('Outcome not known (its last day was December 31, 2010)');
      // Neutral: white with a dashed border, never the red of overdue or missed.
      expect(await unknown.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
      expect(await unknown.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
    });

    it('keeps an unknown outcome out of the overdue lists', async () => {
      await page.goto(`${base}/`);
      const overdue = page.locator('section[aria-labelledby="overdue"] .deadline-list > li');
      expect(await overdue.count()).toBe(1);
      expect(await textOf(overdue)).toContain('“by 2011”');
      await page.goto(`${base}/deadlines`);
      const sectionText = (id: string) => textOf(page.locator(`section[aria-labelledby="${id}"]`));
      expect(await sectionText('overdue-title')).not.toContain('before 2011');
      expect(await sectionText('unknown-title')).toContain('“before 2011” Outcome not known');
    });

    it('gives a "Cite this" permanent link with asOf and knownAt that opens the same view', async () => {
      await page.goto(`${base}/recommendations/${PROMISE_SLUG}`);
      const link = page.getByRole('link', { name: 'Open the permanent link' });
      const href = new URL((await link.getAttribute('href'))!, base);
      expect(href.searchParams.get('asOf')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(href.searchParams.get('knownAt')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(await page.getByLabel('Permanent link').inputValue()).toContain(`/recommendations/${PROMISE_SLUG}?asOf=`);
      expect(await textOf(page.locator('.cite__text'))).toContain(`“${PROMISE_TITLE}.” Reform Tracker,`);
      await page
        .locator('.cite__archived')
        .getByRole('link', { name: /archived copy/ })
        .waitFor();
      await link.click();
      await page.waitForURL(/knownAt=/);
      expect(await textOf(page.locator('.banner--as-of'))).toContain('As recorded by');
      expect(await textOf(page.locator('.item-header__status .status'))).toBe('Partially implemented');
    });

    it('shows the promise as interim on July 1, 2021, with its timeline', async () => {
      await page.goto(`${base}/recommendations/${PROMISE_SLUG}`);
      expect(await page.locator('.timeline > li').count()).toBeGreaterThan(8);
      await page.getByLabel('As it stood at the end of').fill('2021-07-01');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/asOf=2021-07-01/);
      expect(await textOf(page.locator('.item-header__status .status'))).toBe('Interim measure in force');
      expect(await textOf(page.locator('.banner--as-of'))).toContain('July 1, 2021');
    });

    it('strikes a retracted change through and links it to its correction, and shows the disagreement', async () => {
      await page.goto(`${base}/recommendations/${DISPUTED_SLUG}`);
      const retracted = page.locator('.tl--retracted');
      expect(await textOf(retracted.locator('s .status'))).toBe('Rejected');
      expect(await textOf(retracted)).toContain('Retracted');
      await retracted.getByRole('link', { name: /a correction recorded/ }).click();
      await page.waitForURL(/#change-\d+$/);
      const box = await page.locator('.tl--correction').boundingBox();
      // Scrolled to the top of the window (give or take a sub-pixel of layout rounding).
      expect(box !== null && box.y > -2 && box.y < 900).toBe(true);
      expect(await textOf(page.locator('.assessment--disagrees'))).toContain('Disagrees with the headline status');
      expect(await textOf(page.locator('.tl--regression'))).toContain('Regression: failed to maintain compliance');
    });

    it('lists overdue and upcoming deadlines by month on /deadlines, with the calendar feed', async () => {
      await page.goto(`${base}/deadlines`);
      await page.locator('#overdue-title ~ h3.month').first().waitFor();
      await page.locator('#upcoming-title ~ h3.month').first().waitFor();
      expect(await page.getByLabel('Feed address').inputValue()).toMatch(/\/feeds\/deadlines\.ics$/);
      expect(await page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href')).toMatch(
        /^webcal:\/\//,
      );
    });

    it('can be used with the keyboard: the skip link comes first and moves focus to the content', async () => {
      await page.goto(`${base}/`);
      await page.keyboard.press('Tab');
      expect(await isFocused(page.getByRole('link', { name: 'Skip to main content' }))).toBe(true);
      await page.keyboard.press('Enter');
      expect(await isFocused(page.locator('#main'))).toBe(true);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.closest('main') !== null);
      expect(focused).toBe(true);
    });
  });

  describe('on a real deployment: plain HTTP at a host name that is not localhost', () => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    });
    afterAll(() => context.close());

    it('would catch an https upgrade: a page whose CSP says upgrade-insecure-requests loses its stylesheet here', async () => {
      // The control: the same host name, a server sending the header this deployment must not send.
      const server = createServer((req, res) => {
        if (req.url === '/style.css') {
          res.writeHead(200, { 'Content-Type': 'text/css' }).end('h1 { color: rgb(1, 2, 3); }');
          return;
        }
        res
          .writeHead(200, {
            'Content-Type': 'text/html',
            'Content-Security-Policy': "default-src 'self'; upgrade-insecure-requests",
          })
          .end(
            '<!doctype html><html lang="en"><head><title>x</title><link rel="stylesheet" href="/style.css"></head><body><h1>x</h1></body></html>',
          );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const page = await context.newPage();
        const failed: string[] = [];
        page.on('requestfailed', (req) => failed.push(req.url()));
        await page.goto(`http://${HOST}:${port}/`, { waitUntil: 'load' });
        expect(failed).toEqual([`https://${HOST}:${port}/style.css`]);
        expect(await page.locator('h1').evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(1, 2, 3)');
        await page.close();
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('serves the overview over http at the host name, every request staying on http', async () => {
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (req) => requested.push(req.url()));
      await page.goto(`${base}/`, { waitUntil: 'load' });
      expect(new URL(page.url()).hostname).toBe(HOST);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      expect(requested.some((u) => u.includes('/assets/dashboard.css'))).toBe(true);
      expect(requested.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
      const headerBg = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(headerBg).toBe('rgb(16, 41, 74)');
      // A GET form submits over http too (form-action 'self', no upgrade).
      await page.getByLabel('Search recommendations and promises').fill('promise');
      await page.getByRole('button', { name: 'Search' }).first().click();
      await page.waitForURL(`${base}/recommendations?q=promise`);
      expect(await page.locator('.item-list > li').count()).toBeGreaterThan(0);
      await page.close();
    });

    it('renders the API docs (Swagger UI) at /docs', async () => {
      const { page, problems } = await openPage(context);
      await page.goto(`${base}/docs`, { waitUntil: 'load' });
      await page.locator('.swagger-ui .info .title').waitFor({ state: 'visible' });
      expect(await textOf(page.locator('.swagger-ui .info .title'))).toContain('Reform Tracker API');
      await page.locator('.opblock').first().waitFor({ state: 'visible' });
      expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
      // Swagger UI's own stylesheet applied: the operation blocks have their coloured border.
      const border = await page
        .locator('.opblock-get')
        .first()
        .evaluate((el) => getComputedStyle(el).borderTopStyle);
      expect(border).toBe('solid');
      await page.screenshot({ path: join(SCREENSHOTS, 'docs-1280.png') });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('answers a mistyped address with the styled 404 page, and has a favicon.ico and robots.txt', async () => {
      const page = await context.newPage();
      const res = await page.goto(`${base}/recomendations`, { waitUntil: 'load' });
      expect(res?.status()).toBe(404);
      expect(res?.headers()['content-type']).toBe('text/html; charset=utf-8');
      expect(await textOf(page.locator('h1'))).toBe('Page not found');
      expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(16, 41, 74)');
      const icon = await page.goto(`${base}/favicon.ico`);
      expect(icon?.status()).toBe(200);
      expect(icon?.headers()['content-type']).toBe('image/x-icon');
      const robots = await page.goto(`${base}/robots.txt`);
      expect(robots?.status()).toBe(200);
      expect(await robots?.text()).toContain('User-agent: *');
      await page.close();
    });
  });
});

/** The visible text of the first match, whitespace collapsed (playwright-core has no expect of its own). */
async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor({ state: 'visible' });
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}
