/// <reference lib="dom" />
/**
 * The dashboard in a real browser: Debian's chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * driven by playwright-core against the real app, in-process, on the seeded Chicago database plus
 * the dashboard fixture. Every page loads without console errors or failed requests and fits a
 * 360 px screen; the filters work without JavaScript; the foot-pursuit story is on the pages; axe-core
 * finds no serious or critical violation. Screenshots of every page at 1280 and 360 px go to
 * test/browser/screenshots/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { SeedService } from '../../src/seed/seed.service';
import { dashboardFixture, DISPUTED_SLUG, HOSTILE_SLUG } from '../e2e/dashboard-fixtures';
import { bootApp, TestApp } from '../support/test-app';

const SCREENSHOTS = join(__dirname, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
const WIDTHS = [1280, 360] as const;

/** Every page, with the name its screenshots get and the status it must answer. */
const PAGES: Array<{ name: string; path: string; status?: number }> = [
  { name: 'overview', path: '/' },
  { name: 'recommendations', path: '/recommendations' },
  { name: 'recommendations-filtered', path: '/recommendations?topic=foot-pursuits&status=implemented&status=interim' },
  { name: 'recommendations-errors', path: '/recommendations?status=done&asOf=2021-02-30&limit=500', status: 400 },
  { name: 'item-mayor-promise', path: '/recommendations/mayor-2021-foot-pursuit-policy' },
  { name: 'item-doj-foot-pursuit-policy', path: '/recommendations/doj-2017-foot-pursuit-policy' },
  { name: 'item-doj-as-of-2021-07-01', path: '/recommendations/doj-2017-foot-pursuit-policy?asOf=2021-07-01' },
  { name: 'item-consent-decree', path: '/recommendations/cd-2019-foot-pursuit-policy' },
  { name: 'item-disputed', path: `/recommendations/${DISPUTED_SLUG}` },
  { name: 'item-hostile', path: `/recommendations/${HOSTILE_SLUG}` },
  { name: 'deadlines', path: '/deadlines' },
  { name: 'sources', path: '/sources' },
  { name: 'source', path: '/sources/doj-2017' },
  { name: 'actors', path: '/actors' },
  { name: 'actor-mayor', path: '/actors/mayor-of-chicago' },
  { name: 'about', path: '/about' },
  { name: 'not-found', path: '/recommendations/no-such-item', status: 404 },
];

describe('the dashboard in chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await bootApp();
    await t.app.get(SeedService).apply(dashboardFixture());
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    // launch() starts chromium with a fresh temporary profile (user data dir) every time.
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
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
      for (const path of ['/', `/recommendations/${DISPUTED_SLUG}`, '/recommendations']) {
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
        '/api/v1/export/recommendations.csv?status=implemented&topic=foot-pursuits',
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
      await page.getByLabel('Search in titles and texts').fill('foot pursuit');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('heading', { name: 'Matching items' }).waitFor();
      await page.locator('.item-card').first().waitFor();
    });

    it("lets a new reader find the mayor's promise from the overview and see whether it was kept", async () => {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: 'Officials’ promises' }).click();
      await page
        .locator('section[aria-labelledby="promises"]')
        .getByRole('link', { name: /Mayor Lightfoot/ })
        .click();
      expect(await textOf(page.getByRole('heading', { level: 1 }))).toContain('Mayor Lightfoot');
      const glance = await textOf(page.locator('.glance'));
      expect(glance).toContain('“sometime in May” (May 2021, set by Mayor of Chicago): Met on time, on May 26, 2021');
      expect(glance).toContain('Missed');
      // The same through the search box.
      await page.goto(`${base}/`);
      await page.getByLabel('Search recommendations and promises').fill('mayor');
      await page.getByRole('button', { name: 'Search' }).click();
      await page
        .locator('.item-card')
        .getByRole('link', { name: /Mayor Lightfoot/ })
        .waitFor();
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

    it("shows the mayor's May 2021 deadline in its own words, closing at midnight Chicago time, and the interim policy", async () => {
      await page.goto(`${base}/recommendations/mayor-2021-foot-pursuit-policy`);
      const may = await textOf(page.locator('#deadline-mayor-2021-foot-pursuit-policy-sometime-in-may-2021'));
      expect(may).toContain('“sometime in May”');
      expect(may).toContain('May 2021');
      expect(may).toContain('closed 12:00 a.m. June 1, 2021 (America/Chicago)');
      expect(may).toContain('Met on time, on May 26, 2021');
      const timeline = page.locator('.timeline');
      await timeline.locator('.tl--status').filter({ hasText: 'Interim measure in force' }).first().waitFor();
      await timeline.locator('.tl--event').filter({ hasText: 'interim foot pursuit policy' }).first().waitFor();
      await page.getByText('Verbatim from the source').waitFor();
      expect(await page.getByRole('link', { name: 'Subscribe to this item' }).getAttribute('href')).toBe(
        '/subscribe?recommendation=mayor-2021-foot-pursuit-policy',
      );
    });

    it('shows the DOJ foot-pursuit recommendation as interim on July 1, 2021, with its timeline', async () => {
      await page.goto(`${base}/recommendations/doj-2017-foot-pursuit-policy`);
      expect(await page.locator('.timeline > li').count()).toBeGreaterThan(10);
      await page.getByLabel('As it stood at the end of').fill('2021-07-01');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/asOf=2021-07-01/);
      expect(await textOf(page.locator('.item-header__status .status'))).toBe('Interim measure in force');
      expect(await textOf(page.locator('.banner--as-of'))).toContain('July 1, 2021');
    });

    it('shows the missed consent-decree deadline of September 3, 2021 and the monitor findings', async () => {
      await page.goto(`${base}/recommendations/cd-2019-foot-pursuit-policy`);
      const sept = await textOf(page.locator('.tl--deadline').filter({ hasText: '“Sept. 3”' }));
      expect(sept).toContain('September 3, 2021');
      expect(sept).toContain('Missed');
      expect(await textOf(page.locator('.tl--finding'))).toContain('Independent Monitoring Team');
    });

    it('strikes a retracted change through and links it to its correction, and shows the disagreement', async () => {
      await page.goto(`${base}/recommendations/${DISPUTED_SLUG}`);
      const retracted = page.locator('.tl--retracted');
      expect(await textOf(retracted.locator('s .status'))).toBe('Rejected');
      expect(await textOf(retracted)).toContain('Retracted');
      await retracted.getByRole('link', { name: /a correction recorded/ }).click();
      await page.waitForURL(/#change-\d+$/);
      const box = await page.locator('.tl--correction').boundingBox();
      expect(box !== null && box.y >= 0 && box.y < 900).toBe(true);
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
