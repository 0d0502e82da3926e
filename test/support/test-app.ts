/**
 * Boots the real application on a fresh SQLite file in a temp folder: real migrations, real seed,
 * real HTTP through Fastify. One per test file; nothing is mocked. Under `npm run test:postgres`
 * (DATABASE_URL names a PostgreSQL server), on a fresh database of that server instead (copied
 * from the migrated template TRACKER_TEST_TEMPLATE when set), dropped at close.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import { validateEnvironment } from '../../src/config/environment';
import { createThrowawayDatabase } from '../../src/database/postgres/throwaway-database';

export interface TestApp {
  app: NestFastifyApplication;
  dir: string;
  databasePath: string;
  /** The PostgreSQL database of this app (under test:postgres), else undefined. */
  databaseUrl?: string;
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
  // A caller that names its database (several instances on one) keeps it; else one of our own.
  const server = process.env.DATABASE_URL;
  const database =
    server && !env.DATABASE_URL
      ? await createThrowawayDatabase(server, 'tracker_e2e', process.env.TRACKER_TEST_TEMPLATE)
      : undefined;
  const ownDatabase = database ? { DATABASE_URL: database.url } : {};
  const close = async (app?: NestFastifyApplication) => {
    await app?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(
      validateEnvironment({ LOG_LEVEL: 'error', DATABASE_PATH: databasePath, ...UNLIMITED, ...ownDatabase, ...env }),
      options,
    );
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await close(app);
    throw error;
  }
  const booted = app;
  return { app: booted, dir, databasePath, databaseUrl: env.DATABASE_URL ?? database?.url, close: () => close(booted) };
}
