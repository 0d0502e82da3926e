/**
 * Load with writes, on the production build in its own process: autocannon reads at 50 connections
 * for STRESS_SECONDS (60 by default) across the API, the pages and the feeds, while two writers
 * record status changes without pause and an import of 300 recommendations runs in the middle.
 * Properties: zero 5xx anywhere; every write answered 2xx is in the database and in the audit log.
 * The figures are printed (requests, req/s, latencies, writes); no thresholds on speed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import { createAdminKey, ensureBuilt, send, spawnApp, SpawnedApp } from '../support/spawned-app';

/** What this test reads of autocannon's result (the package ships no types). */
interface LoadResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}
const autocannon = require('autocannon') as (
  options: {
    url: string;
    connections: number;
    duration: number;
    timeout: number;
    requests: Array<{ method: 'GET'; path: string }>;
  },
  done: (error: Error | null, result: LoadResult) => void,
) => EventEmitter;

const SECONDS = Number(process.env.STRESS_SECONDS ?? 60);
const CONNECTIONS = 50;
const IMPORTED = 300;

describe(`load with writes (${SECONDS} s, ${CONNECTIONS} connections)`, () => {
  let dir: string;
  let app: SpawnedApp;
  let key: string;
  let databasePath: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tracker-stress-'));
    databasePath = join(dir, 'tracker.sqlite');
    key = await createAdminKey(databasePath);
    app = await spawnApp({ DATABASE_PATH: databasePath, NODE_ENV: 'production' });
  }, 600_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every read and write without a 5xx, and keeps every write it acknowledged', async () => {
    const list = JSON.parse((await send(app.base, 'GET', '/api/v1/recommendations?limit=20')).body) as {
      items: Array<{ slug: string }>;
    };
    const slugs = list.items.map((i) => i.slug);
    const source = (JSON.parse((await send(app.base, 'GET', '/api/v1/sources')).body) as { items: Array<{ slug: string }> })
      .items[0].slug;

    const reads = [
      '/api/v1/recommendations',
      '/api/v1/recommendations?q=foot%20pursuit',
      `/api/v1/recommendations/${slugs[0]}`,
      '/api/v1/deadlines?state=open',
      '/api/v1/stats',
      '/api/v1/events',
      '/recommendations',
      `/recommendations/${slugs[1]}`,
      '/feeds/changes.atom',
      '/feeds/deadlines.ics',
      '/api/v1/recommendations.csv',
    ].map((path) => ({ method: 'GET' as const, path }));

    const statusCodes = new Map<number, number>();
    const load = new Promise<LoadResult>((resolve, reject) => {
      const instance = autocannon(
        // A slow answer is waited for (30 s, the server's own request timeout), not counted as lost.
        { url: app.base, connections: CONNECTIONS, duration: SECONDS, timeout: 30, requests: reads },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      instance.on('response', (_client: unknown, status: number) => statusCodes.set(status, (statusCodes.get(status) ?? 0) + 1));
    });

    let loading = true;
    const writes: Array<{ status: number; id?: number }> = [];
    const writer = async (lane: number) => {
      for (let i = 0; loading; i++) {
        const body = JSON.stringify({
          status: i % 2 ? 'in_progress' : 'stalled',
          effectiveOn: '2025-06-01',
          source,
          excerpt: `Stress write ${lane}.${i}.`,
        });
        const path = `/api/v1/recommendations/${slugs[(lane * 7 + i) % slugs.length]}/status-changes`;
        const res = await send(app.base, 'POST', path, { key, body });
        writes.push({ status: res.status, id: res.status === 201 ? (JSON.parse(res.body) as { id: number }).id : undefined });
      }
    };
    const importer = (async () => {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
      const file = {
        sources: [{ slug: 'stress-source', title: 'Stress source', kind: 'news_report' }],
        recommendations: Array.from({ length: IMPORTED }, (_, i) => ({
          slug: `stress-${i}`,
          kind: 'recommendation',
          title: `Stress ${i}`,
          text: 'Imported under load. '.repeat(20),
          textIsVerbatim: false,
          source: 'stress-source',
          pinpoint: null,
          topics: [],
          responsible: null,
        })),
      };
      return send(app.base, 'POST', '/api/v1/import', { key, body: JSON.stringify(file) });
    })();
    const writers = [writer(0), writer(1)];
    const result = await load;
    loading = false;
    await Promise.all(writers);
    const imported = await importer;

    const fiveXx = [...statusCodes].filter(([s]) => s >= 500);
    const acknowledged = writes.filter((w) => w.status >= 200 && w.status < 300).map((w) => w.id!);
    process.stdout.write(
      `load with writes: ${result.requests.total} reads in ${SECONDS} s (${Math.round(result.requests.average)} req/s mean), ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}; ` +
        `status codes ${JSON.stringify(Object.fromEntries(statusCodes))}; ` +
        `${writes.length} status changes written (${acknowledged.length} acknowledged), import of ${IMPORTED} answered ${imported.status}\n`,
    );

    expect(fiveXx).toEqual([]);
    expect(writes.filter((w) => w.status >= 500)).toEqual([]);
    expect(writes.every((w) => w.status === 201)).toBe(true);
    expect(imported.status).toBe(200);
    expect(acknowledged.length).toBeGreaterThan(0);

    // Everything acknowledged is stored and audited (read after the server has been stopped).
    await app.stop();
    const db = new Database(databasePath, { readonly: true });
    try {
      const ids = JSON.stringify(acknowledged);
      const stored = db
        .prepare(`SELECT COUNT(*) AS n FROM status_change WHERE id IN (SELECT value FROM json_each(?))`)
        .get(ids) as {
        n: number;
      };
      expect(stored.n).toBe(acknowledged.length);
      const audited = db
        .prepare(
          `SELECT COUNT(DISTINCT entity_id) AS n FROM audit_entry WHERE entity = 'status_change' AND entity_id IN (SELECT value FROM json_each(?))`,
        )
        .get(ids) as { n: number };
      expect(audited.n).toBe(acknowledged.length);
      const recs = db.prepare(`SELECT COUNT(*) AS n FROM recommendation WHERE slug LIKE 'stress-%'`).get() as { n: number };
      expect(recs.n).toBe(IMPORTED);
      const importAudit = db
        .prepare(
          `SELECT COUNT(DISTINCT entity_slug) AS n FROM audit_entry WHERE entity = 'recommendation' AND entity_slug LIKE 'stress-%'`,
        )
        .get() as { n: number };
      expect(importAudit.n).toBe(IMPORTED);
      expect(db.pragma('integrity_check', { simple: true }) as string).toBe('ok');
    } finally {
      db.close();
    }
  });
});
