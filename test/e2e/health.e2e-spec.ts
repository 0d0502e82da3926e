/**
 * GET /health: the database and the mail transport, with real faults only: an SMTP_URL on a loopback
 * port nobody listens on, a server that accepts the connection and never greets, an outbox path that
 * is a file, a closed database connection. Down answers 503 problem+json, never 500.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { HEALTH_COUNT_LIMIT, OUTBOX_HEALTH_SQL } from '../../src/notifications/outbox.repository';
import { onPostgres } from '../support/engine';
import { startSmtp, TestSmtp } from '../support/smtp-server';
import { bootApp, TestApp } from '../support/test-app';

/** A loopback port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const get = (t: TestApp) => request(t.app.getHttpServer()).get('/health');

describe('GET /health', () => {
  describe('with the file driver (no SMTP_URL)', () => {
    let t: TestApp;
    beforeAll(async () => {
      // fatal: the closed-connection test makes TypeORM log its failed ping as an error, on purpose.
      // MAIL_HEALTH_CHECK_SECONDS=0: the outbox folder is checked on every call, so a fixed folder shows at once.
      t = await bootApp({
        SEED_ON_START: 'false',
        NOTIFY_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'fatal',
        MAIL_HEALTH_CHECK_SECONDS: '0',
      });
    });
    afterAll(async () => t.close());

    it('is 200 with the database and the outbox folder up', async () => {
      const res = await get(t);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.body).toEqual({
        status: 'ok',
        checks: { database: 'up', mail: 'up', outbox: 'up' },
        details: {
          database: { status: 'up' },
          mail: { status: 'up', transport: 'file', dispatch: { status: 'unknown', since: null, retryAt: null } },
          outbox: {
            status: 'up',
            pending: 0,
            sending: 0,
            dead: 0,
            oldestPendingAt: null,
            oldestPendingSeconds: null,
            countedUpTo: HEALTH_COUNT_LIMIT,
          },
        },
      });
    });

    it('is 503 problem+json while the outbox path is a file, and 200 again once it is not', async () => {
      const outbox = join(t.dir, 'outbox');
      rmSync(outbox, { recursive: true, force: true });
      writeFileSync(outbox, 'not a folder');
      try {
        const res = await get(t);
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'Down: mail.',
          instance: '/health',
          checks: { database: 'up', mail: 'down', outbox: 'up' },
          details: { mail: { status: 'down', transport: 'file', error: expect.any(String) } },
        });
        // The public answer names the error code, not the path.
        expect(JSON.stringify(res.body)).not.toContain(t.dir);
      } finally {
        rmSync(outbox, { force: true });
      }
      expect((await get(t)).status).toBe(200);
    });

    // EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans by its statistics, with the same indexes.
    (onPostgres ? it.skip : it)("reads the outbox's counts from indexes, never by scanning the table", async () => {
      const plan: Array<{ detail: string }> = await t.app.get(DataSource).query(`EXPLAIN QUERY PLAN ${OUTBOX_HEALTH_SQL}`);
      const notificationSteps = plan.map((p) => p.detail).filter((d) => / notification\b/.test(d));
      expect(notificationSteps).toHaveLength(4);
      for (const step of notificationSteps)
        expect(step).toMatch(/^SEARCH notification USING COVERING INDEX ix_notification_(due|state_created) \(state=\?\)/);
    });

    it('counts each state up to countedUpTo (a backlog past it reads as at least that many), the oldest age exactly', async () => {
      const db = t.app.get(DataSource);
      await db.query(
        `INSERT INTO subscription (email, email_normalized, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
         VALUES ('reader@example.org', 'reader@example.org', '{}', '[]', '[]', 'none', 'backlog', 'confirmed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      );
      const insert = (n: number, state: string, createdAt: string) =>
        db.query(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})
           INSERT INTO notification (subscription_id, kind, dedupe_key, state, attempts, next_attempt_at, created_at)
           SELECT (SELECT MAX(id) FROM subscription), 'status_change', '${state}-' || i, '${state}', 0, '${createdAt}', '${createdAt}' FROM n`,
        );
      await insert(HEALTH_COUNT_LIMIT + 5, 'pending', '2026-01-02T00:00:00.000Z');
      await insert(3, 'dead', '2026-01-01T00:00:00.000Z');
      try {
        const res = await get(t);
        expect(res.status).toBe(200);
        expect(res.body.details.outbox).toEqual({
          status: 'up',
          pending: HEALTH_COUNT_LIMIT,
          sending: 0,
          dead: 3,
          oldestPendingAt: '2026-01-02T00:00:00.000Z',
          oldestPendingSeconds: expect.any(Number),
          countedUpTo: HEALTH_COUNT_LIMIT,
        });
      } finally {
        await db.query(`DELETE FROM notification`);
        await db.query(`DELETE FROM subscription`);
      }
    });

    it('is 503 with the database down when its connection is closed', async () => {
      await t.app.get(DataSource).destroy();
      const res = await get(t);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 503,
        checks: { database: 'down', mail: 'up', outbox: 'down' },
        detail: 'Down: database, outbox.',
      });
    });
  });

  describe('with SMTP', () => {
    let smtp: TestSmtp;
    beforeAll(async () => {
      smtp = await startSmtp();
    });
    afterAll(async () => smtp.stop());

    it('is 200 when the SMTP server greets, and verifying sends nothing', async () => {
      const t = await bootApp({ SEED_ON_START: 'false', NOTIFY_INTERVAL_SECONDS: '0', SMTP_URL: smtp.url });
      try {
        const res = await get(t);
        expect(res.status).toBe(200);
        expect(res.body.checks).toEqual({ database: 'up', mail: 'up', outbox: 'up' });
        expect(res.body.details.mail).toEqual({
          status: 'up',
          transport: 'smtp',
          dispatch: { status: 'unknown', since: null, retryAt: null },
        });
        expect(smtp.attempts).toBe(0);
      } finally {
        await t.close();
      }
    });

    it('opens one SMTP connection for many calls, at once or in a row, within MAIL_HEALTH_CHECK_SECONDS', async () => {
      const t = await bootApp({ SEED_ON_START: 'false', NOTIFY_INTERVAL_SECONDS: '0', SMTP_URL: smtp.url });
      const before = smtp.connections;
      try {
        const together = await Promise.all(Array.from({ length: 20 }, () => get(t)));
        const inARow = [];
        for (let i = 0; i < 20; i++) inARow.push(await get(t));
        for (const res of [...together, ...inARow]) {
          expect(res.status).toBe(200);
          expect(res.body.checks.mail).toBe('up');
        }
        expect(smtp.connections - before).toBe(1);
      } finally {
        await t.close();
      }
    });

    it('checks again once MAIL_HEALTH_CHECK_SECONDS has passed, and sees the server refuse the login then', async () => {
      const t = await bootApp({
        SEED_ON_START: 'false',
        NOTIFY_INTERVAL_SECONDS: '0',
        MAIL_HEALTH_CHECK_SECONDS: '1',
        LOG_LEVEL: 'fatal',
        SMTP_URL: smtp.url.replace('smtp://', 'smtp://tracker:pass@'),
      });
      const before = smtp.connections;
      try {
        expect((await get(t)).status).toBe(200);
        expect((await get(t)).status).toBe(200);
        expect(smtp.connections - before).toBe(1);
        // The relay starts refusing the login; the answer given a moment ago still stands…
        smtp.login = () => false;
        expect((await get(t)).status).toBe(200);
        expect(smtp.connections - before).toBe(1);
        // …until the second has passed: then one check, which fails, and its failure is remembered too.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        const down = await Promise.all([get(t), get(t), get(t)]);
        for (const res of down) {
          expect(res.status).toBe(503);
          expect(res.body.details.mail).toMatchObject({ status: 'down', transport: 'smtp', error: 'EAUTH' });
        }
        expect((await get(t)).status).toBe(503);
        expect(smtp.connections - before).toBe(2);
      } finally {
        smtp.login = () => true;
        await t.close();
      }
    });

    it('is 503 problem+json, not 500, when SMTP_URL points at a closed loopback port', async () => {
      const port = await closedPort();
      const t = await bootApp({
        SEED_ON_START: 'false',
        NOTIFY_INTERVAL_SECONDS: '0',
        SMTP_URL: `smtp://tracker:s3cret-pass@127.0.0.1:${port}`,
      });
      try {
        const res = await get(t);
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['x-request-id']).toBeTruthy();
        expect(res.body).toEqual({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'Down: mail.',
          instance: '/health',
          checks: { database: 'up', mail: 'down', outbox: 'up' },
          details: {
            database: { status: 'up' },
            mail: { status: 'down', transport: 'smtp', dispatch: expect.any(Object), error: 'ECONNREFUSED' },
            outbox: expect.objectContaining({ status: 'up', pending: 0 }),
          },
        });
        expect(res.text).not.toContain('s3cret-pass');
      } finally {
        await t.close();
      }
    });

    it('gives up within a few seconds on a server that accepts and never greets', async () => {
      const sockets = new Set<Socket>();
      const silent: Server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const t = await bootApp({
        SEED_ON_START: 'false',
        NOTIFY_INTERVAL_SECONDS: '0',
        SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      });
      try {
        const started = Date.now();
        const res = await get(t);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(res.status).toBe(503);
        expect(res.body.checks).toEqual({ database: 'up', mail: 'down', outbox: 'up' });
        expect(res.body.details.mail.error).toBe('ETIMEDOUT');
      } finally {
        await t.close();
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });
  });
});
