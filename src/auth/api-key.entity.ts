import { Column, Entity, Index } from 'typeorm';
import { IdEntity, InstantColumn } from '../common/entities/columns';

export const API_KEY_ROLES = ['admin', 'editor'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An editor's or admin's credential. Only a hash of the key is stored; the key is shown once. */
@Entity('api_key')
export class ApiKey extends IdEntity {
  @Index('uq_api_key_name', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: ApiKeyRole;

  /** SHA-256 of the whole key, hex. Keys are 256-bit random, so a fast hash is enough. */
  @Index('uq_api_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The first characters of the key, to recognise it in lists without revealing it. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  keyPrefix: string;

  @InstantColumn('created_at')
  createdAt: Date;

  @InstantColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  @InstantColumn('last_used_at', { nullable: true })
  lastUsedAt: Date | null;
}
