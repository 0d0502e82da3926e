/** API keys for tests: an admin, an editor and a revoked key, created through the real service. */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeysService } from '../../src/auth/api-keys.service';

export interface TestKeys {
  admin: string;
  editor: string;
  revoked: string;
}

export async function createTestKeys(app: NestFastifyApplication, prefix = 'test'): Promise<TestKeys> {
  const keys = app.get(ApiKeysService);
  const admin = (await keys.create(`${prefix}-admin`, 'admin')).key;
  const editor = (await keys.create(`${prefix}-editor`, 'editor')).key;
  const revoked = (await keys.create(`${prefix}-revoked`, 'admin')).key;
  await keys.revoke(`${prefix}-revoked`);
  return { admin, editor, revoked };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
