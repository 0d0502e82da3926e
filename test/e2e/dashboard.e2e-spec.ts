/**
 * The web dashboard over HTTP, without a browser: every page answers HTML, stored text comes back
 * escaped, mistakes get HTML error pages (never a 500), the pages' security headers hold, and the
 * pages tell the truth about the record: unknown outcomes are not overdue, partly met is not met,
 * paraphrases are not quotes, reprints are not the original. The data is the dashboard fixture
 * (dashboard-fixtures.ts) alone, so these checks do not depend on the Chicago seed; the last block
 * only checks that every seeded page renders. The browser checks are in test/browser/.
 */
import request from 'supertest';
import { textOf } from '../support/html-text';
import { bootApp, bootSeededApp, Http, TestApp } from '../support/test-app';
import {
  applyDashboardFixture,
  DISPUTED_SLUG,
  DL,
  HISTORY_RECORDED_AT,
  HOSTILE_SLUG,
  INFERRED_REASON,
  NEWS_ARCHIVE,
  NEWS_SOURCE,
  NEWS_TITLE,
  PARAPHRASE_ATTRIBUTION,
  PARAPHRASE_LABEL,
  PROMISE_SLUG,
  PROMISE_TITLE,
  RETRACTION_NOTE,
  UNKNOWN_SLUG,
} from './dashboard-fixtures';

async function page(http: Http, path: string, status = 200) {
  const res = await http.get(path);
  expect({ path, status: res.status }).toEqual({ path, status });
  expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
  expect(res.text).toMatch(/^<!doctype html>\s*<html lang="en">/);
  return res;
}

/** The HTML of one element (by its id) up to the next element with an id of the same kind. */
function sectionOf(html: string, startMarker: string, endMarker: string): string {
  const start = html.indexOf(startMarker);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = html.indexOf(endMarker, start + startMarker.length);
  return html.slice(start, end === -1 ? undefined : end);
}

describe('the web dashboard', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false', PUBLIC_URL: 'https://tracker.example.org' });
    await applyDashboardFixture(t.app);
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  const html = (path: string, status = 200) => page(http, path, status);

  it.each([
    '/',
    '/recommendations',
    '/recommendations?status=implemented&status=interim&topic=foot-pursuits',
    `/recommendations/${PROMISE_SLUG}`,
    `/recommendations/${PROMISE_SLUG}?asOf=2021-07-01`,
    `/recommendations/${DISPUTED_SLUG}`,
    `/recommendations/${UNKNOWN_SLUG}`,
    '/deadlines',
    '/sources',
    `/sources/${NEWS_SOURCE}`,
    '/actors',
    '/actors/city',
    '/about',
  ])('%s answers 200 with an HTML page', async (path) => {
    const res = await html(path);
    expect(res.text).toContain('<main id="main"');
    expect(res.text).toMatch(/<h1[^>]*>/);
  });

  it('shows the overview: counts, progress beside them and what it covers, what is left, deadlines, latest changes', async () => {
    const { text } = await html('/');
    expect(text).toContain('<svg class="chart__svg"');
    expect(text).toContain('Items by headline status');
    expect(text).toContain('Weighted progress');
    expect(text).toMatch(/This covers only the \d+ items the tracker follows: not all 99 recommendations/);
    expect(text).toContain('roughly 799 paragraphs');
    expect(text).toMatch(/What is left: \d+ items? not implemented/);
    expect(text).toContain('Deadlines in the next 90 days');
    expect(text).toContain('Latest status changes');
    expect(text).toContain('How fresh is this data?');
    expect(text).toContain('Latest monitor report with a finding');
    expect(text).toContain(PROMISE_TITLE);
    expect(text).not.toMatch(/no progress(?!”)/i);
  });

  it('lists an open deadline past its close as overdue, but never one whose outcome is unknown', async () => {
    const { text } = await html('/');
    const box = sectionOf(text, '<h2 id="overdue">', '</section>');
    // The control: the open deadline of 2011 is the most overdue of all, with its days counted.
    expect(box).toContain(`#deadline-${DL.overdue}"`);
    expect(textOf(box)).toMatch(/[\d,]+ days late/);
    // The unknown one closed even earlier; counted as overdue it would come first.
    expect(box).not.toContain(DL.unknown);
    expect(box).not.toContain('before 2011');
    expect(textOf(box)).toMatch(/^Overdue deadlines 1 open deadline past its close, on 1 item\./);
    // The promises box words each outcome as it is.
    const promises = textOf(sectionOf(text, '<h2 id="promises">', '</section>'));
    expect(promises).toContain('“sometime in May” (May 2021): Met on time, on May 26, 2021');
    expect(promises).toContain('“before the start of summer” (June 20, 2021): Partly met, on June 11, 2021');
    expect(promises).not.toContain('“before the start of summer” (June 20, 2021): Met');
  });

  it('renders an unknown outcome as "Outcome not known", neutral, without days, on the item and on /deadlines', async () => {
    const item = await html(`/recommendations/${UNKNOWN_SLUG}`);
    const card = sectionOf(item.text, `id="deadline-${DL.unknown}"`, '</li>');
    expect(card).toContain(
      '<span class="outcome outcome--unknown">Outcome not known (its last day was December 31, 2010)</span>',
    );
    expect(card).not.toMatch(/outcome--(overdue|missed|open)/);
    expect(textOf(card)).not.toMatch(/\d days late|Overdue:|Missed/);
    expect(textOf(card)).toContain('That is not a finding that it was missed');

    const deadlines = await html('/deadlines');
    const overdue = sectionOf(deadlines.text, 'id="overdue-title"', 'id="upcoming-title"');
    expect(overdue).toContain('by 2011');
    expect(overdue).not.toContain('before 2011');
    const unknown = sectionOf(deadlines.text, 'id="unknown-title"', 'id="settled-title"');
    expect(unknown).toContain('before 2011');
    expect(unknown).toContain('outcome--unknown');
    expect(unknown).not.toContain('by 2011');
  });

  it('shows partly met as partly met and a missed deadline done later as "done N days late", as the API counts it', async () => {
    const { text } = await html(`/recommendations/${PROMISE_SLUG}`);
    const glance = textOf(sectionOf(text, 'id="deadlines-title"', '</section>'));
    expect(glance).toContain('“sometime in May” (May 2021, set by City): Met on time, on May 26, 2021');
    expect(glance).toContain(
      '“before the start of summer” (June 20, 2021, date inferred, set by City): Partly met, on June 11, 2021',
    );
    const api = await http.get(`/api/v1/recommendations/${PROMISE_SLUG}`);
    const september = api.body.deadlines.find((d: { slug: string }) => d.slug === DL.september);
    expect(september).toMatchObject({ state: 'missed', fulfilledOn: '2022-06-21' });
    expect(september.daysLate).toBeGreaterThan(250);
    expect(september.daysLate).toBeLessThan(300);
    expect(glance).toContain(`Missed; done ${september.daysLate} days late (on June 21, 2022)`);
    expect(text).not.toMatch(/Missed \([\d,]+ days since it closed\)/);
    const card = textOf(sectionOf(text, `id="deadline-${DL.september}"`, '</li>'));
    expect(card).toContain(`Done June 21, 2022, after the deadline had closed (${september.daysLate} days late)`);
  });

  it('never quotes a paraphrased deadline label, and says whose wording it is', async () => {
    const { text } = await html(`/recommendations/${PROMISE_SLUG}`);
    expect(text).toContain(PARAPHRASE_LABEL);
    expect(text).not.toContain(`“${PARAPHRASE_LABEL}”`);
    expect(text).not.toContain(`&quot;${PARAPHRASE_LABEL}&quot;`);
    expect(text).toContain(
      `<span class="deadline-label deadline-label--paraphrase">${PARAPHRASE_LABEL} <span class="deadline-label__who">(FOX 32’s paraphrase, not a quote)</span></span>`,
    );
    const card = textOf(sectionOf(text, `id="deadline-${DL.september}"`, '</li>'));
    expect(card).toContain(`Wording ${PARAPHRASE_ATTRIBUTION}: not the words of City, so not shown as a quote`);
    // A verbatim label keeps its quotation marks.
    expect(text).toContain('<span class="deadline-label deadline-label--verbatim">“sometime in May”</span>');
  });

  it('names the document evidence was read in ("quoted in"), and never calls a reprint the original document', async () => {
    const { text } = await html(`/recommendations/${PROMISE_SLUG}`);
    expect(text).not.toContain('original document');
    expect(text).toContain(`quoted in <a href="/sources/${NEWS_SOURCE}">${NEWS_TITLE}</a>`);
    // On the status change read in the news story, and on the missed deadline's evidence.
    expect(text.split(`quoted in <a href="/sources/${NEWS_SOURCE}">`).length - 1).toBeGreaterThanOrEqual(2);
    // The link to the news story it was read in says so; a reprint is named by its site.
    expect(text).toMatch(
      /link: <a class="external" href="https:\/\/news\.example\.com\/story-c" rel="noopener noreferrer">the copy it was read in/,
    );
    expect(text).toMatch(
      /<a class="external" href="http:\/\/www\.americanbluestheater\.com\/sixcorners\/flipbook\/story" rel="noopener noreferrer">americanbluestheater\.com</,
    );
    // The source's own address is "the document".
    expect(text).toMatch(/<a class="external" href="https:\/\/example\.org\/a" rel="noopener noreferrer">the document</);
    // The verbatim text was read only as quoted in the news story.
    expect(textOf(text)).toContain(`Verbatim, as quoted in ${NEWS_TITLE}`);
    expect(text).not.toContain('Verbatim from the source');
  });

  it('shows a pure retraction, inferred dates, a review, and findings placed by filing date', async () => {
    const { text } = await html(`/recommendations/${PROMISE_SLUG}`);
    const plain = textOf(text);
    expect(plain).toMatch(/Retraction entry #\d+ April 28, 2021/);
    const retracted = /<li class="tl tl--status tl--retracted" id="change-(\d+)">/.exec(text);
    expect(retracted).not.toBeNull();
    expect(text).toContain(`Retraction of <a href="#change-${retracted![1]}">entry #${retracted![1]}</a>`);
    expect(plain).toContain(RETRACTION_NOTE);
    expect(plain).toContain('It states no new status.');
    expect(plain).toContain(`date inferred: ${INFERRED_REASON}`);
    expect(plain).toContain('date inferred: dated by the article');
    expect(plain).toContain('Reform Tracker editors: Reviewed, status unchanged');
    expect(plain).toContain('Checked against the city’s site: unchanged.');
    // Filed after the September deadline closed: it comes after that deadline on the timeline.
    expect(plain).toContain('For July 1, 2021 to August 31, 2021; report filed October 14, 2021.');
    expect(plain).toContain('The report says a deadline was not met. None of this item’s deadlines closed in the period rated.');
    expect(plain).toContain('Level not stated in the sources');
    const findingAt = text.indexOf(`id="finding-${PROMISE_SLUG}-finding-summer"`);
    const septemberAt = text.indexOf(`id="deadline-${DL.september}"`);
    expect(septemberAt).toBeGreaterThan(0);
    expect(findingAt).toBeGreaterThan(septemberAt);
    // The first-half finding lists the deadlines that closed in its period.
    const h1 = textOf(sectionOf(text, `id="finding-${PROMISE_SLUG}-finding-h1"`, '</li>'));
    expect(h1).toContain('Deadlines that closed in this period:');
    expect(h1).toContain('“sometime in May” (May 2021)');
    expect(h1).toContain('The report says the deadline was met.');
    // Reviewed recently: not stale, and the date it was last reviewed is shown.
    expect(text).not.toContain('flag--stale');
    expect(plain).toMatch(/Last reviewed [A-Z][a-z]+ \d{1,2}, \d{4}\./);
  });

  it('shows when a stale item was last reviewed', async () => {
    const item = await html(`/recommendations/${DISPUTED_SLUG}`);
    expect(textOf(item.text)).toContain('Stale: not reviewed in 180 days; last reviewed March 1, 2023');
    const list = await html('/recommendations?topic=foot-pursuits');
    expect(textOf(list.text)).toContain('Stale: last reviewed March 1, 2023');
  });

  it('has a "Cite this" box: a permanent link with asOf and knownAt, a citation, and archived copies', async () => {
    const before = new Date();
    const { text } = await html(`/recommendations/${PROMISE_SLUG}`);
    const box = sectionOf(text, 'id="cite-title"', '</section>');
    const link = /<a class="cite__link" href="([^"]+)">/.exec(box);
    expect(link).not.toBeNull();
    const href = new URL(link![1].replace(/&amp;/g, '&'), 'https://tracker.example.org');
    expect(href.pathname).toBe(`/recommendations/${PROMISE_SLUG}`);
    expect(href.searchParams.get('asOf')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const knownAt = href.searchParams.get('knownAt')!;
    expect(knownAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(new Date(knownAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const absolute = `https://tracker.example.org/recommendations/${PROMISE_SLUG}?asOf=${href.searchParams.get('asOf')}&amp;knownAt=${encodeURIComponent(knownAt)}`;
    expect(box).toContain(`value="${absolute}"`);
    expect(textOf(box)).toContain(`“${PROMISE_TITLE}.” Reform Tracker, `);
    expect(box).toContain(absolute);
    expect(box).toContain(`href="${NEWS_ARCHIVE}"`);
    // An explicit view is cited as it is.
    const old = await html(`/recommendations/${PROMISE_SLUG}?asOf=2021-07-01&knownAt=2023-01-01T00:00:00Z`);
    expect(sectionOf(old.text, 'id="cite-title"', '</section>')).toContain(
      `href="/recommendations/${PROMISE_SLUG}?asOf=2021-07-01&amp;knownAt=2023-01-01T00%3A00%3A00Z"`,
    );
  });

  it('takes knownAt: says "As recorded by", leaves out what was recorded later, and refuses a malformed one', async () => {
    expect(HISTORY_RECORDED_AT < '2023-01-01').toBe(true);
    const now = await html(`/recommendations/${PROMISE_SLUG}`);
    expect(now.text).toContain('Retraction of <a href="#change-');
    const then = await html(`/recommendations/${PROMISE_SLUG}?knownAt=2023-01-01T00:00:00Z`);
    expect(textOf(sectionOf(then.text, 'class="banner banner--as-of"', '</div>'))).toContain('As recorded by');
    expect(then.text).toContain('<time datetime="2023-01-01T00:00:00Z">');
    // The retraction was recorded after that instant.
    expect(then.text).not.toContain('Retraction of <a href="#change-');
    expect(then.text).toContain(`href="/api/v1/recommendations/${PROMISE_SLUG}?knownAt=2023-01-01T00%3A00%3A00Z"`);
    await html(`/recommendations/${PROMISE_SLUG}?knownAt=2023-01-01`, 400);
    await html(`/recommendations/${PROMISE_SLUG}?knownAt=2023-02-30T00:00:00Z`, 400);
    const list = await html('/recommendations?knownAt=2023-01-01T00:00:00Z');
    expect(textOf(sectionOf(list.text, 'class="banner banner--as-of"', '</div>'))).toContain('As recorded by');
    expect(list.text).toContain('href="/api/v1/recommendations?knownAt=2023-01-01T00%3A00%3A00Z"');
    // The promise was recorded before that instant; the filler items only when the fixture was applied.
    expect(list.text).toContain(`href="/recommendations/${PROMISE_SLUG}"`);
    expect(list.text).not.toContain('href="/recommendations/zz-filler-1"');
    const bad = await html('/recommendations?knownAt=yesterday', 400);
    expect(textOf(bad.text)).toContain('As recorded by: knownAt must be an instant written YYYY-MM-DDTHH:MM:SSZ');
  });

  it('shows a disagreement, a retraction with its correction, a regression and an extension chain', async () => {
    const { text } = await html(`/recommendations/${DISPUTED_SLUG}`);
    expect(text).toContain('The assessors disagree.');
    expect(text).toContain('Disagrees with the headline status');
    expect(text).toMatch(/<s><span class="status status--rejected">Rejected<\/span>\s*<\/s>/);
    expect(text).toContain('Retracted');
    expect(text).toMatch(/Corrects <a href="#change-\d+">the entry of March 1, 2022 \(Rejected\)<\/a>/);
    expect(text).toContain('Regression: failed to maintain compliance (the previous period was rated preliminary compliance)');
    expect(text).toContain('Independent Monitoring Team</a>: Not in compliance');
    expect(text).toContain(`href="#deadline-${DISPUTED_SLUG}-second"`);
    expect(text).toContain('Extended: replaced by a later deadline');
    expect(text).toContain('Met late, on January 5, 2022 (5 days late)');
  });

  it('explains what was read, the outcomes, the monitor’s levels and what the progress figure covers on /about', async () => {
    const { text } = await html('/about');
    const plain = textOf(text);
    expect(plain).toContain('which documents were read in full, which only through news coverage');
    expect(plain).toContain('were seen only as the first pages of stored copies');
    expect(plain).toContain('No Chicago Police Department directive was read in full.');
    expect(plain).toContain('Civilian Office of Police Accountability (COPA) were seen only through news coverage');
    expect(plain).toContain('It is not progress on all 99 recommendations');
    expect(plain).toContain('The Chicago Reporter’s count');
    expect(plain).toContain('799 paragraphs');
    expect(plain).toContain('preliminary, secondary and full compliance, plus not in compliance');
    expect(plain).toContain('Level not stated in the sources');
    expect(plain).toContain('Outcome not known');
    expect(plain).toContain('Partly met');
    expect(plain).toContain('Missed; done N days late');
    expect(plain).toContain('A link with knownAt never changes');
    expect(plain).toContain('when nobody has reviewed its headline status in 180 days');
    expect(plain).toContain('paraphrase');
    // Claims that the data comes from documents that were not read are gone.
    expect(plain).not.toContain('police directives and training bulletins');
    expect(plain).not.toMatch(/none, preliminary, secondary or full/);
    expect(plain).toContain('DOJ report: 1');
  });

  it('escapes every piece of stored text and never links a javascript: URL', async () => {
    for (const path of [`/recommendations/${HOSTILE_SLUG}`, '/recommendations?q=Hostile', '/deadlines', '/actors/city']) {
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
    expect(text).toContain(`href="/recommendations/${PROMISE_SLUG}"`);
    expect(text).not.toContain(`href="/recommendations/${DISPUTED_SLUG}"`);
    expect(text).toContain('href="/api/v1/recommendations.csv?kind=commitment&amp;topic=foot-pursuits"');
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
    await html(`/recommendations/${PROMISE_SLUG}?asOf=yesterday`, 400);
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
    for (const path of ['/', `/recommendations/${PROMISE_SLUG}`]) {
      const { text } = await html(path);
      expect(text).not.toMatch(/<script\b/i);
      expect(text).not.toMatch(/\sstyle="/i);
      expect(text).not.toMatch(/\son[a-z]+="/i);
    }
    const notFound = await html('/recommendations/no-such-item', 404);
    expect(String(notFound.headers['content-security-policy'])).toContain("style-src 'self'");
  });

  it('serves its stylesheet with a long cache for the versioned URL', async () => {
    const home = await html('/');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(home.text)![1];
    const css = await http.get(href);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.text).toContain('.outcome--unknown');
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

describe('the web dashboard on the seeded dataset', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
  });
  afterAll(() => t.close());

  // Whatever the seed says, every one of its pages renders.
  it('renders the overview, the lists, /about and every seeded item page', async () => {
    for (const path of ['/', '/recommendations', '/deadlines', '/sources', '/actors', '/about']) await page(http, path);
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await http.get(`/api/v1/recommendations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      slugs.push(...res.body.items.map((i: { slug: string }) => i.slug));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      const res = await page(http, `/recommendations/${slug}`);
      expect(res.text).toContain('id="cite-title"');
      expect(res.text).not.toContain('original document');
    }
  });
});
