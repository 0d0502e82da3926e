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

export async function bootApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-e2e-'));
  const databasePath = join(dir, 'tracker.sqlite');
  const app = await createApp(validateEnvironment({ LOG_LEVEL: 'error', DATABASE_PATH: databasePath, ...env }), options);
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
