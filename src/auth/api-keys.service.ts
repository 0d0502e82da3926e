/**
 * Creating, listing, revoking and checking API keys. A key is `rt_` + 43 base64url characters
 * (256 random bits); the database only ever sees its SHA-256.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Transactions } from '../database/transactions';
import { ApiKey, ApiKeyRole } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';

export interface AuthenticatedKey {
  id: number;
  name: string;
  role: ApiKeyRole;
}

export class ApiKeyError extends Error {}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly keys: ApiKeysRepository,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Creates a key and returns it in clear, once. Pass a transaction's `em` to create it inside that
   * transaction; without one it runs in its own (database/transactions.ts).
   */
  async create(name: string, role: ApiKeyRole, em?: EntityManager): Promise<{ key: string; apiKey: ApiKey }> {
    if (!em) return this.transactions.run((tx) => this.create(name, role, tx));
    if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$/.test(name)) {
      throw new ApiKeyError(
        'name must be 1-120 letters, digits, dots, dashes, underscores or @, starting with a letter or digit',
      );
    }
    const repo = em.getRepository(ApiKey);
    if (await repo.findOneBy({ name })) throw new ApiKeyError(`a key named "${name}" already exists`);
    const key = `rt_${randomBytes(32).toString('base64url')}`;
    const apiKey = await repo.save(
      repo.create({
        name,
        role,
        keyHash: hashKey(key),
        keyPrefix: key.slice(0, 10),
        createdAt: this.clock.now(),
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    return { key, apiKey };
  }

  list(): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ order: { name: 'ASC' } });
  }

  /** Revokes a key; without a transaction's `em` it runs in its own. */
  async revoke(name: string, em?: EntityManager): Promise<ApiKey> {
    if (!em) return this.transactions.run((tx) => this.revoke(name, tx));
    const repo = em.getRepository(ApiKey);
    const key = await repo.findOneBy({ name });
    if (!key) throw new ApiKeyError(`no key named "${name}"`);
    if (!key.revokedAt) {
      key.revokedAt = this.clock.now();
      await repo.save(key);
    }
    return key;
  }

  /** The active key matching a presented secret, or null. Records when it was last used (at most once a minute). */
  async authenticate(presented: string): Promise<AuthenticatedKey | null> {
    if (!/^rt_[A-Za-z0-9_-]{20,100}$/.test(presented)) return null;
    const row = await this.keys.findByHash(hashKey(presented));
    if (!row || row.revokedAt) return null;
    const now = this.clock.now();
    if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000) {
      await this.keys.markUsed(row.id, now.toISOString());
    }
    return { id: row.id, name: row.name, role: row.role };
  }
}
