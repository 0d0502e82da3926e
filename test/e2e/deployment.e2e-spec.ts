/**
 * What a real deployment needs beyond localhost: served over plain HTTP (PUBLIC_URL http or unset),
 * no header may tell the browser to switch to https (CSP upgrade-insecure-requests, HSTS), or the
 * stylesheet and the API docs break at an IP address or host name; over https both are sent, with
 * the headers browsers honour only in a secure context (COOP, Origin-Agent-Cluster). Every
 * response has a Permissions-Policy. A mistyped page address gets the site's HTML 404 while the API
 * keeps problem+json; /favicon.ico and /robots.txt exist; / and /deadlines take asOf (a bad one is
 * the dashboard's 400 page). The browser side is in test/browser/.
 */
import request from 'supertest';
import { ROBOTS_TXT } from '../../src/dashboard/assets.controller';
import { PERMISSIONS_POLICY } from '../../src/common/http/security-headers';
import { bootApp, bootSeededApp, Http, TestApp } from '../support/test-app';
import { applyDashboardFixture, PARAPHRASE_LABEL, PROMISE_TITLE } from './dashboard-fixtures';

const directives = (csp: unknown) =>
  String(csp)
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);

describe.each([
  ['unset', undefined],
  ['http', 'http://192.0.2.10:3000'],
])('served over plain HTTP (PUBLIC_URL %s)', (_name, publicUrl) => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false', ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) });
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  it.each(['/', '/recommendations', '/no-such-page', '/docs', '/docs-json', '/api/v1/recommendations', '/assets/dashboard.css'])(
    '%s sends neither upgrade-insecure-requests nor HSTS, and sends a Permissions-Policy',
    async (path) => {
      const res = await http.get(path);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(res.headers['origin-agent-cluster']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(directives(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
      expect(directives(res.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
    },
  );
});

describe('served over https (PUBLIC_URL https)', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false', PUBLIC_URL: 'https://tracker.example.org' });
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  it.each(['/', '/docs', '/api/v1/recommendations'])('%s sends upgrade-insecure-requests and HSTS', async (path) => {
    const res = await http.get(path);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['origin-agent-cluster']).toBe('?1');
    expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
  });
});

describe('addresses nobody typed right, and the files browsers and crawlers ask for', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp(undefined, { env: { SEED_ON_START: 'false' } }));
  });
  afterAll(() => t.close());

  it.each(['/recomendations', '/recommendations/x/y', '/topics/foot-pursuits', '/assets', '/docs/nope/deeper', '/feeds'])(
    'a mistyped page address %s gets the site’s HTML 404 page',
    async (path) => {
      const res = await http.get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toMatch(/^<!doctype html>/);
      expect(res.text).toContain('Page not found');
      expect(res.text).toContain('<link rel="stylesheet"');
      // The page's strict policy: no inline style.
      expect(directives(res.headers['content-security-policy'])).toContain("style-src 'self'");
    },
  );

  it('answers HEAD on a mistyped page with 404 and no body', async () => {
    const res = await http.head('/recomendations');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['GET', '/api/v1/recomendations'],
    ['GET', '/api'],
    ['GET', '/api/v2/recommendations'],
    ['GET', '/docs-json/nope'],
    ['POST', '/recomendations'],
    ['DELETE', '/about'],
  ])('%s %s keeps the problem+json 404', async (method, path) => {
    const res = await http[method.toLowerCase() as 'get' | 'post' | 'delete'](path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', instance: path });
  });

  it('keeps problem+json for a missing asset and an unknown export', async () => {
    for (const path of ['/assets/nope.css', '/api/v1/export/nope.csv']) {
      const res = await http.get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('serves /favicon.ico as an icon', async () => {
    const res = await http.get('/favicon.ico').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/x-icon');
    const body = res.body as Buffer;
    // An ICO header (reserved 0, type 1, one image) holding a 32×32 PNG.
    expect([...body.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(body.subarray(22, 26).toString('latin1')).toBe('\x89PNG');
    expect(res.headers.etag).toBeDefined();
    expect((await http.get('/favicon.ico').set('If-None-Match', res.headers.etag)).status).toBe(304);
  });

  it('serves /robots.txt: pages may be crawled, the API, the feeds and the docs not', async () => {
    const res = await http.get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(ROBOTS_TXT);
    expect(res.text).toMatch(/^User-agent: \*$/m);
    expect(res.text).toMatch(/^Disallow: \/api\/$/m);
    expect(res.text).not.toMatch(/^Disallow: \/$/m);
  });

  it('leaves robots.txt and favicon.ico out of the OpenAPI document', async () => {
    const docs = await http.get('/docs-json');
    expect(Object.keys(docs.body.paths).filter((p) => /robots|favicon/.test(p))).toEqual([]);
  });
});

describe('the overview and /deadlines as of a past date', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false' });
    await applyDashboardFixture(t.app);
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  const html = async (path: string, status = 200) => {
    const res = await http.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    return res.text;
  };
  const section = (text: string, id: string) => {
    const start = text.indexOf(`id="${id}"`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = text.indexOf('</section>', start);
    return text.slice(start, end);
  };

  it('shows / as things stood on July 1, 2021: the promise interim, its September deadline still open', async () => {
    const today = await html('/');
    const then = await html('/?asOf=2021-07-01');
    expect(then).toContain('The overview as things stood at the end of');
    expect(today).not.toContain('The overview as things stood');
    expect(then).not.toBe(today);
    const promises = section(then, 'promises');
    expect(promises).toContain(PROMISE_TITLE);
    expect(promises).toMatch(/Interim/);
    expect(promises).not.toMatch(/Missed/);
    expect(section(today, 'promises')).not.toMatch(/Interim/);
    // The latest changes stop at that date.
    const latest = section(then, 'latest');
    for (const [, date] of latest.matchAll(/datetime="(\d{4}-\d{2}-\d{2})"/g)) expect(date <= '2021-07-01').toBe(true);
    // The lists it links to are the same date's.
    expect(then).toMatch(/href="\/recommendations\?status=[a-z_]+&amp;asOf=2021-07-01"/);
    expect(then).toContain('<title>Overview as of 2021-07-01');
  });

  it('counts the chart as of that date: fewer items existed, and today’s figures are not reused', async () => {
    const count = (text: string) => Number(/Browse all ([\d,]+) items?/.exec(text)![1].replace(/,/g, ''));
    const today = await html('/');
    const then = await html('/?asOf=2021-07-01');
    const early = await html('/?asOf=2000-01-01');
    expect(count(then)).toBeLessThanOrEqual(count(today));
    expect(count(early)).toBeLessThan(count(today));
  });

  it('shows /deadlines as of July 1, 2021: the September deadline upcoming, not yet missed', async () => {
    const then = await html('/deadlines?asOf=2021-07-01');
    expect(then).toContain('The deadlines as they stood at the end of');
    expect(section(then, 'upcoming-title')).toContain(PARAPHRASE_LABEL);
    expect(section(then, 'settled-title')).not.toContain(PARAPHRASE_LABEL);
    const today = await html('/deadlines');
    expect(section(today, 'settled-title')).toContain(PARAPHRASE_LABEL);
    expect(then).toContain('<title>Deadlines as of 2021-07-01');
  });

  it.each(['/?asOf=2021-02-30', '/?asOf=yesterday', '/deadlines?asOf=2021-13-01', '/deadlines?knownAt=noon'])(
    'refuses %s with the dashboard’s 400 page naming the parameter',
    async (path) => {
      const text = await html(path, 400);
      expect(text).toContain('That request did not make sense');
      expect(text).toMatch(/<strong>(asOf|knownAt)<\/strong>/);
    },
  );
});
