/**
 * Logs as an operator sees them: one JSON line per request carrying the request id the response
 * echoes as X-Request-Id, app lines logged during a request carrying the same id, and no API key,
 * token or e-mail address anywhere. The app writes into a stream here instead of stdout.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootApp, TestApp } from '../support/test-app';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  context?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  [key: string]: unknown;
}

describe('logs', () => {
  let t: TestApp;
  let keys: TestKeys;
  let raw = '';
  const lines = (): LogLine[] =>
    raw
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw += chunk.toString('utf8');
        done();
      },
    });
    t = await bootApp({ LOG_LEVEL: 'info', NOTIFY_INTERVAL_SECONDS: '0' }, { logStream: sink });
    keys = await createTestKeys(t.app, 'logs');
  });
  afterAll(async () => t.close());

  it('says nothing about modules and routes while starting (they are debug)', () => {
    const contexts = new Set(lines().map((l) => l.context));
    for (const noisy of ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']) {
      expect(contexts.has(noisy)).toBe(false);
    }
  });

  it('writes one JSON line per request with the id the response echoes', async () => {
    raw = '';
    const res = await http().get('/api/v1/recommendations?limit=2');
    expect(res.status).toBe(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const mine = lines().filter((l) => l.reqId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'GET /api/v1/recommendations?limit=2 200',
      req: { method: 'GET', url: '/api/v1/recommendations?limit=2' },
      res: { statusCode: 200 },
    });
    expect(typeof mine[0].responseTime).toBe('number');
  });

  it('writes the same line for an answer from the read cache, 200 or 304, sent before the middleware', async () => {
    const url = '/api/v1/recommendations?limit=3';
    const first = await http().get(url);
    expect(first.status).toBe(200);
    raw = '';
    const hit = await http().get(url);
    const notModified = await http().get(url).set('If-None-Match', String(first.headers.etag));
    expect([hit.status, notModified.status]).toEqual([200, 304]);
    for (const [res, statusCode] of [
      [hit, 200],
      [notModified, 304],
    ] as const) {
      const mine = lines().filter((l) => l.reqId === res.headers['x-request-id']);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        level: 30,
        msg: `GET ${url} ${statusCode}`,
        req: { method: 'GET', url },
        res: { statusCode },
      });
      expect(typeof mine[0].responseTime).toBe('number');
    }
    expect(lines()).toHaveLength(2);
  });

  it('keeps a valid incoming X-Request-Id as the id of the line', async () => {
    raw = '';
    const res = await http().get('/api/v1/topics').set('X-Request-Id', 'edge-proxy.42');
    expect(res.headers['x-request-id']).toBe('edge-proxy.42');
    expect(lines().filter((l) => l.reqId === 'edge-proxy.42')).toHaveLength(1);
  });

  it('gives the app’s own lines during a request the same id', async () => {
    raw = '';
    const outbox = join(t.dir, 'outbox');
    rmSync(outbox, { recursive: true, force: true });
    writeFileSync(outbox, 'not a folder');
    try {
      const res = await http().get('/health');
      expect(res.status).toBe(503);
      const warnings = lines().filter((l) => l.context === 'Health');
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) expect(w).toMatchObject({ level: 40, reqId: res.headers['x-request-id'] });
    } finally {
      rmSync(outbox, { force: true });
    }
  });

  it('never logs an API key, a token or an e-mail address', async () => {
    raw = '';
    await http().get('/api/v1/audit').set(bearer(keys.admin));
    await http().post('/api/v1/sources').set(bearer('rt_not-a-real-key-but-secret-looking')).send({});
    await http().get('/subscriptions/confirm?token=tok_very_secret_value');
    await http().get('/subscriptions/manage').query({ token: 'another-secret', email: 'carol@example.org' });
    await http().get('/api/v1/recommendations').query({ q: 'dave@example.org' });
    await http().post('/api/v1/subscriptions').send({ email: 'erin@example.org' });
    expect(lines().length).toBeGreaterThanOrEqual(6);
    for (const secret of [
      keys.admin,
      'rt_not-a-real-key',
      'tok_very_secret_value',
      'another-secret',
      '@example.org',
      '%40example.org',
    ]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toMatch(/authorization/i);
    expect(raw).toContain('token=[redacted]');
  });
});
