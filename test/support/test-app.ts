/**
 * Boots the real application on a fresh database of its own (test-database.ts: today an SQLite file
 * in a temp folder): real migrations, real seed, real HTTP through Fastify. One per test file;
 * nothing is mocked.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import { validateEnvironment } from '../../src/config/environment';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  dir: string;
  databasePath: string;
  close(): Promise<void>;
}

export async function bootApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const db = await createTestDatabase('tracker-e2e-');
  const { dir } = db;
  const databasePath = db.env.DATABASE_PATH;
  const app = await createApp(validateEnvironment({ LOG_LEVEL: 'error', ...db.env, ...env }), options);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    dir,
    databasePath,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
