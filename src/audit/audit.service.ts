import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';

export interface AuditRecord {
  keyName: string;
  action: string;
  entity: string;
  entityId: number | null;
  entitySlug: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** Appends audit entries. Always called with the transaction's EntityManager so the entry and the change commit together. */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(em: EntityManager, r: AuditRecord): Promise<void> {
    await em.query(
      `INSERT INTO audit_entry (at, key_name, action, entity, entity_id, entity_slug, before, after, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        this.clock.now().toISOString(),
        r.keyName,
        r.action,
        r.entity,
        r.entityId,
        r.entitySlug,
        r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
        r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
        r.requestId,
      ],
    );
  }
}
