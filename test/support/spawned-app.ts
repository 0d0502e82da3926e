/**
 * The production build (dist/) as a child process, for the tests that need a real process: signals,
 * kill -9, a second process on the same SQLite file, the CLI. Built first when dist/ is missing or
 * stale (the same check `npm start` does); spawned with the benchmark's process helpers.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

const { ROOT, DIST, ensureBuilt } = require('../bench/lib/paths') as {
  ROOT: string;
  DIST: string;
  ensureBuilt: () => void;
};
const { startProcess } = require('../bench/lib/processes') as {
  startProcess: (options: {
    name: string;
    script: string;
    env?: Record<string, string>;
    readyPath: string;
    timeoutMs?: number;
  }) => Promise<SpawnedApp>;
};

export interface SpawnedApp {
  pid: number;
  base: string;
  output(): string;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export { ensureBuilt, ROOT };

/** The server, answering /health, with the rate limits lifted unless `env` sets them. */
export function spawnApp(env: Record<string, string>): Promise<SpawnedApp> {
  return startProcess({
    name: 'app',
    script: join(DIST, 'src', 'main.js'),
    env: {
      LOG_LEVEL: 'warn',
      NOTIFY_INTERVAL_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR: '1000000',
      RATE_LIMIT_AUTH_FAILURES_PER_HOUR: '1000000',
      ...env,
    },
    readyPath: '/health',
  });
}

/** `npm run cli -- <args>` on the build; resolves with stdout, rejects with stderr on a non-zero exit. */
export async function cli(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(DIST, 'src', 'cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  return stdout;
}

/** An admin key created with the CLI (which also migrates a new database file). */
export async function createAdminKey(databasePath: string, name = 'test-admin'): Promise<string> {
  const out = await cli(['keys:create', '--name', name, '--role', 'admin'], { DATABASE_PATH: databasePath });
  return out.trim().split('\n').pop()!;
}

export interface Answer {
  status: number;
  body: string;
}

/** A request on a fresh connection; `body` may be written in parts with pauses (see `pauseAfter`). */
export function send(
  base: string,
  method: string,
  path: string,
  options: { key?: string; body?: string; pauseAfter?: number; onPause?: () => Promise<void> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (!body) return void req.end();
    if (options.pauseAfter === undefined) return void req.end(body);
    req.write(body.subarray(0, options.pauseAfter));
    void (options.onPause ?? (async () => undefined))().then(() => req.end(body.subarray(options.pauseAfter)));
  });
}
