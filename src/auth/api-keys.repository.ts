import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiKeyRole } from './api-key.entity';

/** What checking a presented key needs to know about the stored one. */
export interface StoredKey {
  id: number;
  name: string;
  role: ApiKeyRole;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The SQL of authenticating API keys (creating, listing and revoking go through TypeORM's ApiKey repository). */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The key whose secret has this SHA-256 (hex), revoked or not; undefined when there is none. */
  async findByHash(keyHash: string): Promise<StoredKey | undefined> {
    const rows: StoredKey[] = await this.dataSource.query(
      `SELECT id AS "id", name AS "name", role AS "role", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt" FROM api_key WHERE key_hash = ?`,
      [keyHash],
    );
    return rows[0];
  }

  /** Records that the key was used at `at` (ISO instant). */
  async markUsed(id: number, at: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_key SET last_used_at = ? WHERE id = ?`, [at, id]);
  }
}
