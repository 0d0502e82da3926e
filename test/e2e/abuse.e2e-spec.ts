/**
 * Abuse: rate limits (global per client, stricter on the subscription routes and on failed API-key
 * authentication; 429 problem+json with Retry-After), slow clients (a raw socket that trickles bytes
 * is cut off by the request timeout), body limits per route (413 problem+json; the import takes more
 * than other writes), CORS for the read API (allowlist, preflights answered, no credentials and no
 * cross-site writes) and the Permissions-Policy header. The app listens on loopback for the socket
 * tests; everything else goes through Fastify's inject.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { snapshotDb } from '../support/db-snapshot';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootApp, TestApp } from '../support/test-app';

type Headers = Record<string, string>;

const inject = (app: NestFastifyApplication, method: string, url: string, headers: Headers = {}, payload?: string) =>
  app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: method as 'GET', url, headers, payload });

const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(res.body)).toMatchObject({ status });
};

describe('rate limits', () => {
  let t: TestApp;
  let keys: TestKeys;

  beforeAll(async () => {
    t = await bootApp({
      RATE_LIMIT_PER_MINUTE: '40',
      RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR: '5',
      RATE_LIMIT_AUTH_FAILURES_PER_HOUR: '3',
      NOTIFY_INTERVAL_SECONDS: '0',
    });
    keys = await createTestKeys(t.app);
  });
  afterAll(() => t.close());

  const from = (ip: string, extra: Headers = {}) => ({ 'x-forwarded-for': ip, ...extra });

  it('limits every client on its own: 429 problem+json with Retry-After past RATE_LIMIT_PER_MINUTE', async () => {
    // Fastify's inject comes from 127.0.0.1, a trusted (loopback) proxy, so X-Forwarded-For names the client.
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await inject(t.app, 'GET', '/api/v1/topics', from('203.0.113.1'))).statusCode);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await inject(t.app, 'GET', '/api/v1/topics', from('203.0.113.1'));
    expectProblem(limited, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Pages are counted too, and another client is not affected.
    expect((await inject(t.app, 'GET', '/recommendations', from('203.0.113.1'))).statusCode).toBe(429);
    expect((await inject(t.app, 'GET', '/api/v1/topics', from('203.0.113.2'))).statusCode).toBe(200);
  });

  it('counts answers served from the read cache like any other (they skip the guard, not the limit)', async () => {
    const client = from('203.0.113.3');
    const remaining: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await inject(t.app, 'GET', '/api/v1/stats', client);
      expect(res.statusCode).toBe(200);
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
    }
    // The first computed the answer; the other 39 were cache hits, and each counted.
    expect(remaining).toEqual(Array.from({ length: 40 }, (_, i) => 39 - i));
    expectProblem(await inject(t.app, 'GET', '/api/v1/stats', client), 429);
  });

  it('counts a list request once, answered before Nest’s pipeline or, when that fails, by Nest’s route', async () => {
    const client = from('203.0.113.4', { 'cache-control': 'no-cache' });
    const remaining = async (path: string, status: number) => {
      const res = await inject(t.app, 'GET', path, client);
      expect(res.statusCode).toBe(status);
      if (status === 400) expectProblem(res, 400);
      return Number(res.headers['x-ratelimit-remaining']);
    };
    // The first of each is validated by Nest's route; the second is answered early (the query passed before),
    // and the relevance sort without a search fails in the handler, so Nest's route answers it after all.
    const seen = [
      await remaining('/api/v1/recommendations?limit=2', 200),
      await remaining('/api/v1/recommendations?limit=2', 200),
      await remaining('/api/v1/recommendations?sort=relevance', 400),
      await remaining('/api/v1/recommendations?sort=relevance', 400),
      await remaining('/api/v1/recommendations?limit=2', 200),
    ];
    expect(seen).toEqual([39, 38, 37, 36, 35]);
  });

  it('limits the subscription routes more strictly, and a limited subscribe writes nothing', async () => {
    const ip = from('203.0.113.10', { 'content-type': 'application/json' });
    for (let i = 0; i < 5; i++) {
      const res = await inject(t.app, 'POST', '/api/v1/subscriptions', ip, JSON.stringify({ email: `r${i}@example.org` }));
      expect(res.statusCode).toBe(202);
    }
    const before = await snapshotDb(t.app);
    const limited = await inject(t.app, 'POST', '/api/v1/subscriptions', ip, JSON.stringify({ email: 'r9@example.org' }));
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
    expect(await snapshotDb(t.app)).toEqual(before);
    // The confirm and manage pages share that budget; reads elsewhere do not, nor unsubscribing (a 404 for
    // this made-up link, not a 429).
    for (const path of ['/subscriptions/confirm?token=x', '/subscriptions/manage?token=x']) {
      expect((await inject(t.app, 'GET', path, from('203.0.113.10'))).statusCode).toBe(429);
    }
    expect((await inject(t.app, 'GET', '/api/v1/topics', from('203.0.113.10'))).statusCode).toBe(200);
    expect((await inject(t.app, 'GET', '/subscriptions/unsubscribe?token=x', from('203.0.113.10'))).statusCode).toBe(404);
    expect((await inject(t.app, 'POST', '/subscriptions/unsubscribe?token=x', from('203.0.113.10'))).statusCode).toBe(404);
  });

  it('counts failed API-key authentications: past the limit even the right key is refused for a while', async () => {
    const ip = '203.0.113.20';
    const body = JSON.stringify({ title: 'x' });
    for (let i = 0; i < 3; i++) {
      const headers = from(ip, { ...bearer(`rt_guess${i}`), 'content-type': 'application/json' });
      const res = await inject(t.app, 'POST', '/api/v1/recommendations', headers, body);
      expectProblem(res, 401);
    }
    const fourth = await inject(t.app, 'GET', '/api/v1/keys', from(ip, bearer('rt_guess4')));
    expectProblem(fourth, 429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(60);
    // Blocked before the key is even looked at, so a correct guess teaches nothing.
    expectProblem(await inject(t.app, 'GET', '/api/v1/keys', from(ip, bearer(keys.admin))), 429);
    // Successful authentication does not count, and other clients keep working.
    for (let i = 0; i < 5; i++) {
      expect((await inject(t.app, 'GET', '/api/v1/keys', from('203.0.113.21', bearer(keys.admin)))).statusCode).toBe(200);
    }
    // Reads without a key are not blocked for the guessing client.
    expect((await inject(t.app, 'GET', '/api/v1/topics', from(ip))).statusCode).toBe(200);
  });

  it('does not let an untrusted peer choose its identity with X-Forwarded-For', async () => {
    const strict = await bootApp({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'false' });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await inject(strict.app, 'GET', '/api/v1/topics', from(`198.51.100.${i}`))).statusCode).toBe(200);
      }
      expect((await inject(strict.app, 'GET', '/api/v1/topics', from('198.51.100.99'))).statusCode).toBe(429);
    } finally {
      await strict.close();
    }
  });
});

describe('the subscription routes from all clients together', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({
      RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR: '5',
      RATE_LIMIT_SUBSCRIPTIONS_ALL_PER_HOUR: '4',
      NOTIFY_INTERVAL_SECONDS: '0',
    });
  });
  afterAll(() => t.close());

  it('limits them past RATE_LIMIT_SUBSCRIPTIONS_ALL_PER_HOUR however many addresses send them, and writes nothing', async () => {
    const from = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}`, 'content-type': 'application/json' });
    const subscribe = (i: number) =>
      inject(t.app, 'POST', '/api/v1/subscriptions', from(i), JSON.stringify({ email: `all${i}@example.org` }));
    for (let i = 1; i <= 4; i++) expect((await subscribe(i)).statusCode).toBe(202);
    const before = await snapshotDb(t.app);
    const limited = await subscribe(5);
    expectProblem(limited, 429);
    expect(JSON.parse(limited.body).detail).toMatch(/from all addresses/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
    expect(await snapshotDb(t.app)).toEqual(before);
    // Another address, on another subscription route: the same budget; other routes are not in it, nor
    // unsubscribing (notifications-suppression e2e).
    expect((await inject(t.app, 'GET', '/subscriptions/confirm?token=x', from(6))).statusCode).toBe(429);
    expect((await inject(t.app, 'GET', '/subscriptions/unsubscribe?token=x', from(6))).statusCode).toBe(404);
    expect((await inject(t.app, 'GET', '/api/v1/topics', from(6))).statusCode).toBe(200);
  });
});

describe('slow clients, body limits, CORS and headers', () => {
  let t: TestApp;
  let keys: TestKeys;
  let port: number;

  beforeAll(async () => {
    t = await bootApp({
      REQUEST_TIMEOUT_SECONDS: '2',
      HEADERS_TIMEOUT_SECONDS: '1',
      KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      BODY_MAX_BYTES: '65536',
      IMPORT_MAX_BYTES: '1048576',
      CORS_ORIGINS: 'https://dashboard.example.org, https://other.example.net',
      NOTIFY_INTERVAL_SECONDS: '0',
    });
    keys = await createTestKeys(t.app);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Opens a raw connection, writes `head`, then one byte every `everyMs`; resolves with what came back and when it closed. */
  const trickle = (head: string, everyMs: number) =>
    new Promise<{ answer: string; closedAfterBytes: number }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write(head);
        timer = setInterval(() => {
          if (socket.writable) {
            socket.write('a');
            sent++;
          }
        }, everyMs);
      });
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterBytes: sent });
      });
      // Far beyond the 2 s request timeout: if this fires, the server held the connection.
      setTimeout(() => {
        clearInterval(timer);
        socket.destroy();
        reject(new Error(`the server still held the connection after ${sent} trickled bytes`));
      }, 20_000).unref();
    });

  it('cuts off a body that trickles in (Content-Length promised, bytes sent slowly): 408, connection closed', async () => {
    const head =
      'POST /api/v1/subscriptions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n';
    const { answer, closedAfterBytes } = await trickle(head, 100);
    // One byte per 100 ms would take 5 000 s; the request timeout (2 s, checked every second) ends it.
    expect(closedAfterBytes).toBeLessThan(60);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off headers that trickle in', async () => {
    const { answer, closedAfterBytes } = await trickle('GET /api/v1/topics HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 100);
    expect(closedAfterBytes).toBeLessThan(60);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 413 problem+json past BODY_MAX_BYTES on writes, and lets the import take more', async () => {
    const big = JSON.stringify({ email: 'a@example.org', note: 'x'.repeat(70_000) });
    expectProblem(await inject(t.app, 'POST', '/api/v1/subscriptions', { 'content-type': 'application/json' }, big), 413);
    expectProblem(
      await inject(t.app, 'POST', '/api/v1/recommendations', { ...bearer(keys.admin), 'content-type': 'application/json' }, big),
      413,
    );
    // 200 KB: over the write limit, under IMPORT_MAX_BYTES; refused for its content (422 or 400), not its size.
    const importBody = JSON.stringify({ sources: [{ slug: 'big', title: 'x'.repeat(200_000), kind: 'news_report' }] });
    const imported = await inject(
      t.app,
      'POST',
      '/api/v1/import?dryRun=true',
      { ...bearer(keys.admin), 'content-type': 'application/json' },
      importBody,
    );
    expect(imported.statusCode).not.toBe(413);
    expect(imported.statusCode).toBeLessThan(500);
    const tooBig = JSON.stringify({ sources: [{ slug: 'big', title: 'x'.repeat(1_100_000), kind: 'news_report' }] });
    expectProblem(
      await inject(
        t.app,
        'POST',
        '/api/v1/import?dryRun=true',
        { ...bearer(keys.admin), 'content-type': 'application/json' },
        tooBig,
      ),
      413,
    );
  });

  it('lets allowed origins read the API, without credentials', async () => {
    const res = await inject(t.app, 'GET', '/api/v1/topics', { origin: 'https://dashboard.example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers['access-control-expose-headers'])).toMatch(/ETag/);
    const other = await inject(t.app, 'GET', '/api/v1/topics', { origin: 'https://evil.example.com' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers preflights properly, and never allows a cross-site write', async () => {
    const preflight = await inject(t.app, 'OPTIONS', '/api/v1/recommendations', {
      origin: 'https://dashboard.example.org',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'if-none-match',
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    expect(String(preflight.headers['access-control-allow-methods'])).toMatch(/^GET, ?HEAD$/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

    // A write preflight (POST with Authorization) gets no permission for the method or the header.
    const write = await inject(t.app, 'OPTIONS', '/api/v1/recommendations', {
      origin: 'https://dashboard.example.org',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(write.statusCode).toBeLessThan(500);
    expect(String(write.headers['access-control-allow-methods'] ?? '')).not.toMatch(/POST|PATCH|PUT|DELETE/);
    expect(String(write.headers['access-control-allow-headers'] ?? '')).not.toMatch(/authorization/i);

    // OPTIONS without preflight headers, on any path, from anywhere: never a 5xx, never an error page.
    for (const path of ['/api/v1/recommendations', '/api/v1/nothing', '/recommendations', '/feeds/changes.atom', '/']) {
      const variants: Headers[] = [{}, { origin: 'https://evil.example.com' }, { 'access-control-request-method': 'DELETE' }];
      for (const headers of variants) {
        const res = await inject(t.app, 'OPTIONS', path, headers);
        expect(res.statusCode).toBe(204);
      }
    }
  });

  it('sends the Permissions-Policy on every answer, errors included', async () => {
    for (const path of ['/api/v1/topics', '/recommendations', '/api/v1/nothing', '/health']) {
      const res = await inject(t.app, 'GET', path);
      expect(res.headers['permissions-policy']).toMatch(/camera=\(\)/);
      expect(res.headers['permissions-policy']).toMatch(/geolocation=\(\)/);
    }
  });
});
