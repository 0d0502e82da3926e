import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SqlConditions } from '../database/sql-conditions';

/** An audit entry as stored: `before` and `after` are JSON text (null when absent). */
export interface AuditRow {
  id: number;
  at: string;
  key: string;
  action: string;
  entity: string;
  entityId: number | null;
  entitySlug: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
}

/** Which entries to read, newest first; every filter is optional. */
export interface AuditQuery {
  entity?: string;
  slug?: string;
  /** A key name; matches its own entries and its imports' ("import:<key>"). */
  key?: string;
  /** Instants (ISO): at or after `from`, before `to`. */
  from?: string;
  to?: string;
  /** Only entries older than this id (the keyset cursor). */
  beforeId?: number;
  limit: number;
}

/** The SQL of the audit log: appending entries and reading them back. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends entries, in order, inside the transaction `em`, so they commit with the change they
   * record; a hundred per statement (an import writes thousands).
   */
  async append(em: EntityManager, rows: (Omit<AuditRow, 'id' | 'key'> & { keyName: string })[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      await em.query(
        `INSERT INTO audit_entry (at, key_name, action, entity, entity_id, entity_slug, before, after, request_id) VALUES ${chunk
          .map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .join(', ')}`,
        chunk.flatMap((row) => [
          row.at,
          row.keyName,
          row.action,
          row.entity,
          row.entityId,
          row.entitySlug,
          row.before,
          row.after,
          row.requestId,
        ]),
      );
    }
  }

  /** Up to `limit` entries matching the query, newest first. */
  list(q: AuditQuery): Promise<AuditRow[]> {
    const where = new SqlConditions();
    if (q.entity) where.add('entity = ?', q.entity);
    if (q.slug) where.add('entity_slug = ?', q.slug);
    if (q.key) where.add('(key_name = ? OR key_name = ?)', q.key, `import:${q.key}`);
    if (q.from) where.add('at >= ?', q.from);
    if (q.to) where.add('at < ?', q.to);
    if (q.beforeId !== undefined) where.add('id < ?', q.beforeId);
    return this.dataSource.query(
      `SELECT id AS "id", at AS "at", key_name AS "key", action AS "action", entity AS "entity", entity_id AS "entityId",
         entity_slug AS "entitySlug", before AS "before", after AS "after", request_id AS "requestId"
       FROM audit_entry ${where.where} ORDER BY id DESC LIMIT ?`,
      [...where.params, q.limit],
    );
  }
}
