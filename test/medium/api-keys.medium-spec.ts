/**
 * API keys through ApiKeysService on a real database: ApiKeysRepository (finding a key by the hash
 * of what is presented, recording when it was last used) and the key rows the service writes.
 */
import { bootMedium, MediumApp } from '../support/medium-app';
import { ApiKeyError, ApiKeysService } from '../../src/auth/api-keys.service';

const T0 = '2026-06-15T17:00:00.000Z';
const MINUTE = 60_000;

describe('API keys (service and repository on a real database)', () => {
  let t: MediumApp;
  let keys: ApiKeysService;

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    keys = t.get(ApiKeysService);
  });
  afterAll(() => t.close());

  it('creates a key shown once, stores only its hash and prefix, and authenticates it', async () => {
    const { key, apiKey } = await keys.create('alice', 'editor');
    expect(key).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'alice', role: 'editor', keyPrefix: key.slice(0, 10), revokedAt: null });
    expect(apiKey.keyHash).not.toContain(key.slice(3));
    expect(await keys.authenticate(key)).toEqual({ id: apiKey.id, name: 'alice', role: 'editor' });
  });

  it('refuses a second key with the same name, and nothing else matches a key', async () => {
    await expect(keys.create('alice', 'admin')).rejects.toThrow(ApiKeyError);
    expect(await keys.authenticate(`rt_${'x'.repeat(43)}`)).toBeNull();
    expect(await keys.authenticate('not a key')).toBeNull();
  });

  it('records when a key was last used, at most once a minute', async () => {
    const { key } = await keys.create('bob', 'admin');
    const lastUsed = async () => (await keys.list()).find((k) => k.name === 'bob')!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await keys.authenticate(key);
    const first = await lastUsed();
    expect(new Date(first!).toISOString()).toBe(T0);
    t.clock.advance(30_000);
    await keys.authenticate(key);
    expect(await lastUsed()).toEqual(first);
    t.clock.advance(MINUTE);
    await keys.authenticate(key);
    expect(new Date((await lastUsed())!).toISOString()).toBe(new Date(Date.parse(T0) + 90_000).toISOString());
  });

  it('a revoked key no longer authenticates; the others still do', async () => {
    const { key: carol } = await keys.create('carol', 'editor');
    const { key: dave } = await keys.create('dave', 'editor');
    const revoked = await keys.revoke('carol');
    expect(revoked.revokedAt).not.toBeNull();
    expect(await keys.authenticate(carol)).toBeNull();
    expect(await keys.authenticate(dave)).toMatchObject({ name: 'dave' });
    await expect(keys.revoke('nobody')).rejects.toThrow(ApiKeyError);
    expect((await keys.list()).map((k) => [k.name, k.revokedAt !== null])).toEqual([
      ['alice', false],
      ['bob', false],
      ['carol', true],
      ['dave', false],
    ]);
  });
});
