/**
 * Story pages and sharing, over HTTP on the seeded Chicago data: /topics/{slug} tells the topic from
 * the same data the API gives (every item, every deadline's outcome by the shared wording rule),
 * honours asOf, answers 404 and 400 as HTML pages; its timeline SVG is well-formed XML; the item page
 * opens with "the answer"; every page carries Open Graph and Twitter card tags whose image is a PNG.
 */
import request from 'supertest';
import { XMLValidator } from 'fast-xml-parser';
import type { DeadlineView } from '../../src/deadlines/deadline-view';
import { deadlineOutcome, formatDate } from '../../src/presentation/format';
import type { RecommendationDetail } from '../../src/recommendations/dto/recommendation.response';
import { textOf } from '../support/html-text';
import { bootApp, TestApp } from '../support/test-app';

const TOPIC = 'foot-pursuits';
const PUBLIC_URL = 'http://tracker.example.org:8080';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The content of `<meta property|name="key" content="…">`, or undefined. */
function meta(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`).exec(html);
  return m?.[1].replace(/&amp;/g, '&');
}

/** A PNG's width and height from its IHDR chunk. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(body.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('story pages and sharing', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let items: RecommendationDetail[];

  beforeAll(async () => {
    t = await bootApp({ PUBLIC_URL });
    http = request(t.app.getHttpServer());
    const list = await http.get('/api/v1/recommendations').query({ topic: TOPIC, limit: 200 });
    expect(list.status).toBe(200);
    items = await Promise.all(
      list.body.items.map(
        async (i: { slug: string }) => (await http.get(`/api/v1/recommendations/${i.slug}`)).body as RecommendationDetail,
      ),
    );
    expect(items.length).toBeGreaterThan(3);
  });
  afterAll(() => t.close());

  async function page(path: string, status = 200) {
    const res = await http.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    return res.text;
  }

  it('tells every item of the topic, linked to its page, with each deadline worded by the shared outcome rule', async () => {
    const html = await page(`/topics/${TOPIC}`);
    const text = textOf(html);
    for (const item of items) {
      expect(html).toContain(`href="/recommendations/${item.slug}"`);
      for (const d of item.deadlines) expect(text).toContain(deadlineOutcome(d as DeadlineView).text);
    }
    expect(text).toContain(`${items.length} items are filed under Foot pursuits`);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="story-chart"[^>]* role="img"/);
    // The same facts as text, and the progress beside its raw counts.
    expect(text).toContain('The timeline as text');
    expect(text).toMatch(/Progress of this topic \d+ %/);
  });

  it('quotes only verbatim deadline labels', async () => {
    const html = await page(`/topics/${TOPIC}`);
    for (const d of items.flatMap((i) => i.deadlines)) {
      if (d.labelIsVerbatim) expect(html).toContain(`“${d.label.replace(/'/g, '&#39;')}”`);
      else expect(html).not.toContain(`“${d.label.replace(/'/g, '&#39;')}”`);
    }
  });

  it('shows the story as it stood on an earlier date', async () => {
    const asOf = '2021-07-01';
    const html = await page(`/topics/${TOPIC}?asOf=${asOf}`);
    const text = textOf(html);
    expect(text).toContain(`as it stood at the end of ${formatDate(asOf)}`);
    const then = (await http.get('/api/v1/recommendations').query({ topic: TOPIC, asOf, limit: 200 })).body.items as Array<{
      slug: string;
      status: string;
    }>;
    for (const i of then) expect(html).toContain(`href="/recommendations/${i.slug}?asOf=${asOf}"`);
    // Nothing dated after asOf is on the page: the final policy (June 2022) is not there yet.
    const later = items.flatMap((i) => i.events).filter((e) => e.occurredOn > asOf);
    expect(later.length).toBeGreaterThan(0);
    for (const e of later) expect(html).not.toContain(`#event-${e.slug}"`);
  });

  it('answers an unknown topic with the HTML 404 page, and a bad asOf with a 400 naming it', async () => {
    expect(await page('/topics/no-such-topic', 404)).toContain('No topic with slug');
    expect(textOf(await page(`/topics/${TOPIC}?asOf=2021-02-30`, 400))).toMatch(/asOf/);
    expect((await http.get('/topics/no-such-topic/timeline.svg')).status).toBe(404);
    expect((await http.get('/share/topics/no-such-topic.png')).status).toBe(404);
    expect((await http.get('/share/recommendations/no-such-item.png')).status).toBe(404);
    expect((await http.get(`/share/topics/${TOPIC}.gif`)).status).toBe(404);
  });

  it('serves the timeline as a well-formed SVG with one lane per item', async () => {
    const res = await http.get(`/topics/${TOPIC}/timeline.svg`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = (res.body as Buffer).toString('utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const item of items) expect(svg).toContain(`<title>${item.title.replace(/'/g, '&#39;')}</title>`);
  });

  it('lists the story index and links the stories from the navigation', async () => {
    const html = await page('/topics');
    expect(html).toContain(`href="/topics/${TOPIC}"`);
    expect(await page('/')).toContain('href="/topics"');
  });

  it('opens an item page with the answer: what was asked, status per assessor, deadlines with outcome, evidence', async () => {
    const mayor = items.find((i) => i.kind === 'commitment' && i.deadlines.length > 0)!;
    const html = await page(`/recommendations/${mayor.slug}`);
    const answerAt = html.indexOf('id="answer-title"');
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(html.indexOf('id="timeline-title"'));
    const answer = textOf(html.slice(answerAt, html.indexOf('</section>', answerAt)));
    expect(answer).toContain('What was promised');
    expect(answer).toContain(`Source: ${mayor.source.title}`);
    for (const a of mayor.assessments)
      expect(answer).toContain(`since ${formatDate(a.effectiveOn)}, according to ${a.assessor.title}`);
    for (const d of mayor.deadlines) expect(answer).toContain(deadlineOutcome(d as DeadlineView).text);
    expect(answer).toContain('The evidence');
  });

  it('folds runs of context events on the item timeline, keeping every event on the page', async () => {
    const doj = items.find((i) => i.events.length >= 5)!;
    const html = await page(`/recommendations/${doj.slug}`);
    expect(html).toMatch(/<li class="tl tl--folded">\s*<details>\s*<summary>\d+ context events, /);
    for (const e of doj.events) expect(html).toContain(`id="event-${e.slug}"`);
  });

  it.each([
    '/',
    '/recommendations',
    `/topics/${TOPIC}`,
    '/topics',
    '/deadlines',
    '/sources',
    '/about',
    '/subscribe',
    '/recomendations',
  ])('%s has Open Graph and Twitter card tags whose image is a 1200 × 630 PNG', async (path) => {
    const res = await http.get(path);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    for (const key of ['og:title', 'og:type', 'og:image', 'og:image:alt', 'twitter:card', 'twitter:image']) {
      expect({ path, key, present: meta(html, key) !== undefined }).toEqual({ path, key, present: true });
    }
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    const image = meta(html, 'og:image')!;
    expect(image.startsWith(`${PUBLIC_URL}/share/`)).toBe(true);
    const png = await http.get(image.slice(PUBLIC_URL.length)).buffer(true).parse(binary);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(pngSize(png.body as Buffer)).toEqual({ width: 1200, height: 630 });
  });

  it('gives each item and topic its own share image and page URL, and answers a repeat with 304', async () => {
    const item = items[0];
    const html = await page(`/recommendations/${item.slug}`);
    expect(meta(html, 'og:image')).toBe(`${PUBLIC_URL}/share/recommendations/${item.slug}.png`);
    expect(meta(html, 'og:url')).toBe(`${PUBLIC_URL}/recommendations/${item.slug}`);
    expect(meta(await page(`/topics/${TOPIC}`), 'og:image')).toBe(`${PUBLIC_URL}/share/topics/${TOPIC}.png`);
    const first = await http.get(`/share/recommendations/${item.slug}.png`).buffer(true).parse(binary);
    expect(first.status).toBe(200);
    const again = await http.get(`/share/recommendations/${item.slug}.png`).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    const other = await http.get(`/share/recommendations/${items[1].slug}.png`).buffer(true).parse(binary);
    expect(other.headers.etag).not.toBe(first.headers.etag);
  });
});
