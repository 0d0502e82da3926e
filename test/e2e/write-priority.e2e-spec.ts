/**
 * Writes are not parked behind reads (common/http/read-turns.ts): with many uncached reads queued on
 * the server, a status change sent after they were answers after a few of them, not after all of
 * them. Real sockets on loopback (the effect is in how Node polls them), the real app on its own
 * seeded database; the test asserts the order of the answers, never a duration.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { onPostgres } from '../support/engine';
import { bootApp, TestApp } from '../support/test-app';

const READS = 30;
/**
 * Each read asks for a page size no other read asked for, so that none is a cache hit; of the topics,
 * so that every answer is a few kilobytes (a long answer takes the client several polls to read, and
 * the order of arrival would then say less about the order of the work).
 */
let pageSize = 1;

describe('a write while reads are queued', () => {
  let t: TestApp;
  let keys: TestKeys;
  let agent: http.Agent;
  let base: string;

  beforeAll(async () => {
    t = await bootApp({ NOTIFY_INTERVAL_SECONDS: '0' });
    keys = await createTestKeys(t.app, 'prio');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // Connections opened beforehand, so the requests below are written at once, all of them.
    agent = new http.Agent({ keepAlive: true, maxSockets: 2 * READS + 1 });
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        base + path,
        { method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  /**
   * Sends READS uncached reads at once and, when the first is answered (by then all of them have
   * arrived), `late`; resolves with `late`'s answer and how many reads were answered after it.
   */
  async function behindReads(
    late: () => ReturnType<typeof send>,
    read = () => send('GET', `/api/v1/topics?limit=${(pageSize += 1)}`),
  ) {
    // Warm the connections up, so that the reads are written at once, all of them.
    await Promise.all(Array.from({ length: READS + 1 }, () => send('GET', '/health')));
    const answered: string[] = [];
    let sent: ReturnType<typeof send> | undefined;
    const reads = Array.from({ length: READS }, () =>
      read().then((res) => {
        answered.push('read');
        sent ??= late().then((r) => {
          answered.push('late');
          return r;
        });
        return res;
      }),
    );
    const statuses = (await Promise.all(reads)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const answer = await sent!;
    return { answer, readsAfter: answered.length - 1 - answered.indexOf('late') };
  }

  // SQLite only: there a write runs from parse to answer without yielding, between two reads' turns.
  // On PostgreSQL every statement is a network round trip, so the write itself spans many turns and
  // the order of answers says nothing about priority (reads there yield on their own queries too).
  const statusChange = async () => {
    const slug: string = JSON.parse((await send('GET', '/api/v1/recommendations?limit=1')).body).items[0].slug;
    const source: string = JSON.parse((await send('GET', '/api/v1/sources?limit=1')).body).items[0].slug;
    return () =>
      send('POST', `/api/v1/recommendations/${slug}/status-changes`, bearer(keys.editor), {
        status: 'in_progress',
        effectiveOn: '2022-01-01',
        source,
        excerpt: 'Sent while reads were queued.',
      });
  };

  (onPostgres ? it.skip : it)('answers a status change sent behind 30 uncached reads before most of them', async () => {
    const { answer, readsAfter } = await behindReads(await statusChange());
    expect(answer.status).toBe(201);
    // Without turns, every read that had arrived ran before the write was even parsed.
    expect(readsAfter).toBeGreaterThanOrEqual(READS / 2);
  });

  // The other way round: a flood of writes does not starve the reads. While reads wait, writes and
  // reads alternate (read-turns.ts, WRITES_PER_READ), so reads are answered among the writes rather
  // than after all of them.
  (onPostgres ? it.skip : it)('answers queued reads among a flood of status changes sent with them', async () => {
    const write = await statusChange();
    await Promise.all(Array.from({ length: 2 * READS + 1 }, () => send('GET', '/health')));
    const answered: string[] = [];
    const reads = Array.from({ length: READS }, () =>
      send('GET', `/api/v1/topics?limit=${(pageSize += 1)}`).then((r) => (answered.push('read'), r)),
    );
    const writes = Array.from({ length: READS }, () => write().then((r) => (answered.push('write'), r)));
    const statuses = (await Promise.all([...reads, ...writes])).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(READS);
    expect(statuses.filter((s) => s === 201)).toHaveLength(READS);
    // Without the bound, every write that had arrived ran before the first read's turn.
    const readsBeforeLastWrite = answered.slice(0, answered.lastIndexOf('write')).filter((a) => a === 'read').length;
    expect(readsBeforeLastWrite).toBeGreaterThanOrEqual(READS / 2);
  });

  // The list answers a query it validated before in a request hook, ahead of Nest's route
  // (early-routes.ts); computed there, it takes its turn too.
  (onPostgres ? it.skip : it)('does the same when the reads are lists answered by the early route', async () => {
    const list = '/api/v1/recommendations?limit=20';
    expect((await send('GET', list)).status).toBe(200);
    const { answer, readsAfter } = await behindReads(await statusChange(), () =>
      send('GET', list, { 'Cache-Control': 'no-cache' }),
    );
    expect(answer.status).toBe(201);
    expect(readsAfter).toBeGreaterThanOrEqual(READS / 2);
  });
});
