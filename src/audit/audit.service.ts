import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AuditRepository } from './audit.repository';

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
  constructor(
    private readonly clock: Clock,
    private readonly repo: AuditRepository,
  ) {}

  record(em: EntityManager, r: AuditRecord): Promise<void> {
    return this.recordMany(em, [r]);
  }

  /** Appends entries, in order (an import's thousands, a hundred per statement). */
  async recordMany(em: EntityManager, records: AuditRecord[]): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.repo.append(
      em,
      records.map((r) => ({
        at,
        keyName: r.keyName,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        entitySlug: r.entitySlug,
        before: r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
        after: r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
        requestId: r.requestId,
      })),
    );
  }
}
