/**
 * Boots the real application on a fresh database of its own (test-database.ts: today an SQLite file
 * in a temp folder): real migrations, real seed, real HTTP through Fastify. One per test file;
 * nothing is mocked.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { validateEnvironment } from '../../src/config/environment';
import { SeedService } from '../../src/seed/seed.service';
import { createTestKeys, type TestKeys } from './editors';
import { buildSeed, type FactoryItem } from './factories';
import { createTestDatabase } from './test-database';

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
  // A caller that names its database (several instances on one) keeps it; else one of our own.
  const db = await createTestDatabase('tracker-e2e-', { shareServerDatabase: Boolean(env.DATABASE_URL) });
  const { dir } = db;
  const databasePath = db.env.DATABASE_PATH;
  let app: NestFastifyApplication | undefined;
  const close = async (booted?: NestFastifyApplication) => {
    await booted?.close();
    await db.drop();
  };
  try {
    app = await createApp(validateEnvironment({ LOG_LEVEL: 'error', ...UNLIMITED, ...db.env, ...env }), options);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await close(app);
    throw error;
  }
  const booted = app;
  return { app: booted, dir, databasePath, databaseUrl: env.DATABASE_URL ?? db.env.DATABASE_URL, close: () => close(booted) };
}

/** Requests to a booted app's server (supertest). */
export type Http = ReturnType<typeof request>;

export interface SeededApp {
  t: TestApp;
  http: Http;
  /** The API keys made with the `keys` prefix (none without one). */
  keys?: TestKeys;
}

/**
 * The start most suites share: an app with `items` seeded through the seed file's import path (the
 * real seed data instead when `items` is not given), API keys when `options.keys` names their
 * prefix, and requests to its server.
 */
export async function bootSeededApp(
  items: FactoryItem[] | undefined,
  options: { keys: string; env?: Record<string, string> },
): Promise<Required<SeededApp>>;
export async function bootSeededApp(items?: FactoryItem[], options?: { env?: Record<string, string> }): Promise<SeededApp>;
export async function bootSeededApp(
  items?: FactoryItem[],
  options: { keys?: string; env?: Record<string, string> } = {},
): Promise<SeededApp> {
  const t = await bootApp({ ...(items ? { SEED_ON_START: 'false' } : {}), ...options.env });
  try {
    if (items) await t.app.get(SeedService).apply(buildSeed(items));
    const keys = options.keys ? await createTestKeys(t.app, options.keys) : undefined;
    return { t, http: request(t.app.getHttpServer()), keys };
  } catch (error) {
    await t.close();
    throw error;
  }
}
