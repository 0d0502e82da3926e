/**
 * API keys: the CLI prints a new key once, alone on the last line of its output; the admin HTTP
 * API lists keys without their secrets, creates one (the answer carries it once) and revokes one,
 * which stops working at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { runCli } from '../../src/cli';
import { validateEnvironment } from '../../src/config/environment';
import { createThrowawayDatabase } from '../../src/database/postgres/throwaway-database';
import { bearer, TestKeys } from '../support/editors';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

async function runCommand(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += chunk.toString();
    return true;
  });
  try {
    const code = await runCli([name, ...args]);
    return { code, out, err };
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
    process.env = saved;
  }
}

describe('keys from the command line', () => {
  it('prints the new key once, alone on stdout, and stores only its hash; a second key of that name fails with nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-cli-'));
    // The CLI and the app on one database: a SQLite file, or under test:postgres a fresh PostgreSQL database.
    const server = process.env.DATABASE_URL;
    const pg = server ? await createThrowawayDatabase(server, 'tracker_cli', process.env.TRACKER_TEST_TEMPLATE) : undefined;
    const database = { DATABASE_PATH: join(dir, 'tracker.sqlite'), ...(pg ? { DATABASE_URL: pg.url } : {}) };
    try {
      const created = await runCommand('keys:create', ['--name', 'alice', '--role', 'editor'], {
        ...database,
        LOG_LEVEL: 'error',
      });
      expect(created.code).toBe(0);
      // KEY=$(npm run --silent cli -- keys:create …) takes stdout whole: the key and nothing else.
      expect(created.out).toMatch(/^rt_[A-Za-z0-9_-]{43}\n$/);
      const key = created.out.trimEnd();
      expect(created.err).toContain('Created editor key "alice"');

      // Run again, the name is taken: exit 1 and an empty stdout, never a line a script would take for a key.
      const again = await runCommand('keys:create', ['--name', 'alice', '--role', 'editor'], { ...database, LOG_LEVEL: 'error' });
      expect(again).toEqual({ code: 1, out: '', err: 'a key named "alice" already exists\n' });

      const listed = await runCommand('keys:list', [], { ...database, LOG_LEVEL: 'error' });
      expect(listed.out).toMatch(/^alice\s+editor\s+active/);
      expect(listed.out).not.toContain(key);

      const app = await createApp(validateEnvironment({ ...database, LOG_LEVEL: 'error', SEED_ON_START: 'false' }));
      try {
        await app.getHttpAdapter().getInstance().ready();
        const http = request(app.getHttpServer());
        const stored = await app.get(ApiKeysService).list();
        expect(stored[0].keyHash).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(stored)).not.toContain(key);
        const ok = await http.post('/api/v1/topics').set(bearer(key)).send({ slug: 'cli-topic', name: 'From the CLI key' });
        expect(ok.status).toBe(201);
      } finally {
        await app.close();
      }

      const revoked = await runCommand('keys:revoke', ['alice'], { ...database, LOG_LEVEL: 'error' });
      expect(revoked.out).toBe('revoked "alice"\n');
    } finally {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keys over HTTP (admin)', () => {
  let t: TestApp;
  let http: Http;
  let keys: TestKeys;

  beforeAll(async () => {
    ({ t, http, keys } = await bootSeededApp(undefined, { env: { SEED_ON_START: 'false' }, keys: 'kh' }));
  });
  afterAll(() => t.close());

  it('creates a key, shows it once, and lists keys without their secrets', async () => {
    const res = await http.post('/api/v1/keys').set(bearer(keys.admin)).send({ name: 'bob', role: 'editor' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      name: 'bob',
      role: 'editor',
      active: true,
      revokedAt: null,
      key: expect.stringMatching(/^rt_/),
    });
    expect(res.body.keyPrefix).toBe(res.body.key.slice(0, 10));
    const list = await http.get('/api/v1/keys').set(bearer(keys.admin)).expect(200);
    expect(list.body.items.map((k: { name: string }) => k.name)).toEqual(['bob', 'kh-admin', 'kh-editor', 'kh-revoked']);
    expect(JSON.stringify(list.body)).not.toContain(res.body.key);
    expect(list.body.items.find((k: { name: string }) => k.name === 'kh-revoked')).toMatchObject({ active: false });

    const bob = res.body.key as string;
    expect((await http.post('/api/v1/topics').set(bearer(bob)).send({ slug: 'by-bob', name: 'By Bob' })).status).toBe(201);
    expect((await http.get('/api/v1/keys').set(bearer(bob))).status).toBe(403);

    const revoked = await http.post('/api/v1/keys/bob/revoke').set(bearer(keys.admin));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ name: 'bob', active: false, revokedAt: expect.any(String) });
    expect((await http.post('/api/v1/topics').set(bearer(bob)).send({ slug: 'by-bob-2', name: 'x' })).status).toBe(401);
    expect((await http.post('/api/v1/keys/bob/revoke').set(bearer(keys.admin))).status).toBe(200);

    const audit = await http.get('/api/v1/audit').query({ entity: 'api_key' }).set(bearer(keys.admin)).expect(200);
    expect(audit.body.items.map((e: { action: string; entitySlug: string }) => `${e.action} ${e.entitySlug}`)).toEqual([
      'revoke bob',
      'create bob',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(bob);
  });
});
