/// <reference lib="dom" />
/**
 * "How we will know" (issue 12): a reader opens the foot-pursuit story page in chromium and answers
 * from it what DOJ recommended, what the mayor promised and how it ended, and the consent decree's
 * deadline and its extension. The expected facts are read from the seed file itself
 * (src/seed/chicago-foot-pursuit.seed.json), not written here, so the test follows the research.
 * The page loads cleanly over plain HTTP at a non-localhost name, fits 390 px, reads without
 * JavaScript, and has no serious axe-core violation. Screenshots of the story page and of an item's
 * "answer" block at 1280 and 390 px go to SCREENS_DIR (default /tmp/screens/, outside the repository).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { formatDate } from '../../src/presentation/format';
import type { SeedFile } from '../../src/seed/seed-format';
import { bootApp, TestApp } from '../support/test-app';
import { badgesStickingOut, launchChromium, listenAtHost } from './chromium';

const SCREENS = process.env.SCREENS_DIR ?? '/tmp/screens';
const AXE = require.resolve('axe-core/axe.min.js');
const TOPIC = 'foot-pursuits';

const seed = JSON.parse(readFileSync(join(__dirname, '../../src/seed/chicago-foot-pursuit.seed.json'), 'utf8')) as SeedFile;
const sourceKind = new Map(seed.sources.map((s) => [s.slug, s.kind]));
const topicItems = seed.recommendations.filter((r) => r.topics.includes(TOPIC));
/** DOJ's recommendation: the topic's item whose source is the DOJ report. */
const doj = topicItems.find((r) => sourceKind.get(r.source) === 'doj_report' && r.kind === 'recommendation')!;
/** The mayor's promise: the topic's commitment, and the deadlines she set for it. */
const promise = topicItems.find((r) => r.kind === 'commitment')!;
const promiseDeadlines = seed.deadlines.filter((d) => d.recommendation === promise.slug);
/** The decree's deadline that was extended, and the one that replaced it. */
const extended = seed.deadlines.find((d) => d.state === 'extended' && topicItems.some((r) => r.slug === d.recommendation))!;
const replacement = seed.deadlines.find((d) => d.slug === extended.extendedBy)!;

/** A deadline's label as the pages show it: quoted only when verbatim. */
const shownLabel = (d: { label: string; labelIsVerbatim?: boolean }) => (d.labelIsVerbatim ? `“${d.label}”` : d.label);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the foot-pursuit story in chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    expect([doj, promise, extended, replacement].every(Boolean)).toBe(true);
    mkdirSync(SCREENS, { recursive: true });
    t = await bootApp();
    base = await listenAtHost(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(
    width: number,
    options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    return { page, problems };
  }

  /** The row of one item on the story page, by the link to its page. */
  const row = (page: Page, slug: string) =>
    page.locator('.story-item').filter({ has: page.locator(`a[href="/recommendations/${slug}"]`) });

  it('answers what DOJ recommended, what the mayor promised and how it ended, and the decree deadline and its extension', async () => {
    const { page, problems } = await open(1280);
    const res = await page.goto(`${base}/topics/${TOPIC}`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);

    // What DOJ recommended: its item, in its own words or marked as the editors' summary, with the source.
    const dojRow = squash(await row(page, doj.slug).innerText());
    expect(dojRow).toContain(doj.title);
    expect(dojRow).toContain(squash(doj.text));
    expect(dojRow).toContain(doj.textIsVerbatim ? 'verbatim' : 'summary by the tracker editors');

    // The mayor's promise, quoted as she said it, and how each of her deadlines ended.
    const promiseRow = squash(await row(page, promise.slug).innerText());
    expect(promiseRow).toContain(promise.textIsVerbatim ? squash(promise.text) : promise.title);
    expect(promiseDeadlines.length).toBeGreaterThan(0);
    for (const d of promiseDeadlines) {
      const line = squash(
        await row(page, promise.slug).locator('.story-item__deadlines li').filter({ hasText: d.label }).innerText(),
      );
      expect(line).toContain(shownLabel(d));
      const done = d.state === 'missed' ? d.fulfilledOn : d.metOn;
      if (done) expect(line).toContain(formatDate(done));
      expect(line).toMatch({ met: /Met/, partly_met: /Partly met/, missed: /Missed/ }[d.state as string] ?? /./);
    }

    // The decree's deadline, extended, and the deadline that replaced it, on one line of the summary.
    const summary = squash(await page.locator('.story-facts').innerText());
    const extensionLine = summary.split(/(?<=\.)\s(?=[A-Z])/).find((s) => s.includes(extended.label) && s.includes('Extended'));
    expect(extensionLine).toBeDefined();
    expect(extensionLine).toContain(replacement.label);

    // The timeline draws one lane per item, with the same facts in text.
    expect(await page.locator('svg.story-chart').getAttribute('role')).toBe('img');
    const laneTitles = await page.locator('svg.story-chart > g > title').allTextContents();
    expect(laneTitles.sort()).toEqual(topicItems.map((r) => r.title).sort());
    const textVersion = squash((await page.locator('#timeline-text').textContent()) ?? '');
    expect(textVersion).toContain(replacement.label);

    await page.screenshot({ path: join(SCREENS, 'story-1280.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fits a 390 px screen and reads without JavaScript', async () => {
    const { page, problems } = await open(390, { javaScriptEnabled: false });
    await page.goto(`${base}/topics/${TOPIC}`, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    const chart = await page.locator('svg.story-chart').boundingBox();
    expect(chart && chart.height > 100).toBe(true);
    expect(await row(page, promise.slug).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENS, 'story-390.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each([1280, 390])("shows the mayor's item with the answer block first, at %i px", async (width) => {
    const { page, problems } = await open(width);
    await page.goto(`${base}/recommendations/${promise.slug}`, { waitUntil: 'load' });
    const answer = page.locator('section.answer');
    const text = squash(await answer.innerText());
    for (const d of promiseDeadlines) expect(text).toContain(shownLabel(d));
    expect(text).toContain('The evidence');
    const answerTop = (await answer.boundingBox())!.y;
    const timelineTop = (await page.locator('#timeline-title').boundingBox())!.y;
    expect(answerTop).toBeLessThan(timelineTop);
    await answer.screenshot({ path: join(SCREENS, `answer-${width}.png`) });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps every status badge inside its box on the DOJ item (narrow assessor cards, long linked titles)', async () => {
    for (const width of [1280, 390]) {
      const { page, problems } = await open(width);
      await page.goto(`${base}/recommendations/${doj.slug}`, { waitUntil: 'load' });
      expect(await page.locator('.assessment .status').count()).toBeGreaterThan(0);
      expect({ width, stickingOut: await badgesStickingOut(page) }).toEqual({ width, stickingOut: [] });
      if (width >= 1280) {
        // In "Linked items" a badge that wraps goes under its item's title, not under "Related to".
        const underTheKind = await page.$$eval('.links > li', (rows) =>
          rows.flatMap((li) => {
            const kind = li.querySelector('.links__type')!.getBoundingClientRect();
            const badge = li.querySelector('.status')!.getBoundingClientRect();
            return badge.left < kind.right ? [li.querySelector('a')!.textContent!] : [];
          }),
        );
        expect(await page.locator('.links > li').count()).toBeGreaterThan(1);
        expect(underTheKind).toEqual([]);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it.each([`/topics/${TOPIC}`, `/recommendations/${promise.slug}`])(
    '%s has no serious or critical axe-core violation',
    async (path) => {
      for (const width of [1280, 390]) {
        const { page } = await open(width, { bypassCSP: true });
        await page.goto(base + path, { waitUntil: 'load' });
        await page.addScriptTag({ path: AXE });
        const serious = await page.evaluate(async () => {
          type Violation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };
          const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Violation[] }> } }).axe;
          return (await axe.run(document)).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${v.id}: ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
            );
        });
        expect({ path, width, serious }).toEqual({ path, width, serious: [] });
        await page.context().close();
      }
    },
  );
});
