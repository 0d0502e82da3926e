/**
 * Boots the real application on a fresh SQLite file in a temp folder: real migrations, real seed,
 * real HTTP through Fastify. One per test file; nothing is mocked.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import { validateEnvironment } from '../../src/config/environment';

export interface TestApp {
  app: NestFastifyApplication;
  dir: string;
  databasePath: string;
  close(): Promise<void>;
}

/**
 * The suites send thousands of requests from one address (127.0.0.1); the rate limits have their own
 * tests (abuse.e2e-spec.ts), which pass the limits they test.
 */
const UNLIMITED = {
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR: '1000000',
  RATE_LIMIT_AUTH_FAILURES_PER_HOUR: '1000000',
};

export async function bootApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-e2e-'));
  const databasePath = join(dir, 'tracker.sqlite');
  const app = await createApp(
    validateEnvironment({ LOG_LEVEL: 'error', DATABASE_PATH: databasePath, ...UNLIMITED, ...env }),
    options,
  );
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    dir,
    databasePath,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
