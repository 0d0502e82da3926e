/**
 * The SQL behind every write, built from the record descriptions in record-specs.ts: read records
 * in the file format (references as slugs), insert, update with a version check, count what refers
 * to a row, delete. Every method takes the transaction's EntityManager.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DataRecord,
  FieldSpec,
  getPath,
  RecordKind,
  recordSpecs,
  RecordSpec,
  RefTable,
  setPath,
  tableLabel,
} from './record-specs';

export interface StoredRecord {
  id: number;
  /** null for entities without a version (append-only ones, topics). */
  version: number | null;
  record: DataRecord;
}

/** Reports a problem with one field of the record being written (path as in the record). */
export type OnFieldError = (path: string, reason: string) => void;

/** Slug → id lookups, remembered for one transaction (only hits: a row may be created later in it). */
export class RefResolver {
  private readonly cache = new Map<string, number>();
  constructor(private readonly em: EntityManager) {}

  async id(table: RefTable, slug: string): Promise<number | undefined> {
    const key = `${table}:${slug}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const rows: Array<{ id: number }> = await this.em.query(`SELECT id FROM ${table} WHERE slug = ?`, [slug]);
    if (rows[0]) this.cache.set(key, rows[0].id);
    return rows[0]?.id;
  }
}

function selectSql(spec: RecordSpec, from = spec.table): string {
  const cols = [`t.id AS "__id"`, spec.versioned ? `t.version AS "__version"` : `NULL AS "__version"`];
  const joins: string[] = [];
  spec.fields.forEach((f, i) => {
    if (f.type === 'list') return;
    if (f.type === 'ref') {
      joins.push(`LEFT JOIN ${f.ref} j${i} ON j${i}.id = t.${f.column}`);
      cols.push(`j${i}.slug AS "${f.path}"`);
    } else {
      cols.push(`t.${f.column} AS "${f.path}"`);
    }
  });
  return `SELECT ${cols.join(', ')} FROM ${from} t ${joins.join(' ')}`;
}

function toRecord(spec: RecordSpec, row: Record<string, unknown>): StoredRecord {
  const record: DataRecord = {};
  for (const f of spec.fields) {
    if (f.type === 'list') {
      record[f.path] = [];
      continue;
    }
    let value = row[f.path] ?? null;
    if (value !== null && f.type === 'boolean') value = Boolean(value);
    if (value !== null && f.type === 'number') value = Number(value);
    setPath(record, f.path, value);
  }
  if (spec.evidence === 'nullable') {
    const e = record.evidence as DataRecord | undefined;
    if (e && Object.values(e).every((v) => v === null)) record.evidence = null;
  }
  return { id: Number(row.__id), version: row.__version === null ? null : Number(row.__version), record };
}

@Injectable()
export class RecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How records of this kind are written in the file format (record-specs.ts). */
  spec(kind: RecordKind): RecordSpec {
    return recordSpecs(this.dataSource)[kind];
  }

  /**
   * Records matching a WHERE clause over `t` (the entity's table), ordered by id. `restrictLists`
   * keeps only list members whose id is in the set (an export filtered to some recommendations).
   * `from` reads another row source of the same columns (a `knownAt` view of the table).
   */
  async select(
    em: EntityManager,
    spec: RecordSpec,
    where: string,
    params: unknown[],
    opts: { limit?: number; restrictLists?: Set<number>; from?: string } = {},
  ): Promise<StoredRecord[]> {
    const rows: Array<Record<string, unknown>> = await em.query(
      `${selectSql(spec, opts.from)} WHERE ${where} ORDER BY t.id${opts.limit ? ` LIMIT ${Number(opts.limit)}` : ''}`,
      params,
    );
    const out = rows.map((r) => toRecord(spec, r));
    await this.fillLists(em, spec, out, opts.restrictLists);
    return out;
  }

  private async fillLists(em: EntityManager, spec: RecordSpec, records: StoredRecord[], restrict?: Set<number>) {
    const lists = spec.fields.filter((f): f is Extract<FieldSpec, { type: 'list' }> => f.type === 'list');
    if (lists.length === 0 || records.length === 0) return;
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const f of lists) {
      for (let i = 0; i < records.length; i += 500) {
        const ids = records.slice(i, i + 500).map((r) => r.id);
        const rows: Array<{ own: number; otherId: number; slug: string }> = await em.query(
          `SELECT j.${f.join.own} AS "own", o.id AS "otherId", o.slug AS "slug" FROM ${f.join.table} j JOIN ${f.ref} o ON o.id = j.${f.join.other}
           WHERE j.${f.join.own} IN (${ids.map(() => '?').join(',')}) ORDER BY o.slug`,
          ids,
        );
        for (const r of rows) {
          if (restrict && !restrict.has(r.otherId)) continue;
          (byId.get(r.own)!.record[f.path] as string[]).push(r.slug);
        }
      }
    }
  }

  async byId(em: EntityManager, spec: RecordSpec, id: number): Promise<StoredRecord | undefined> {
    return (await this.select(em, spec, 't.id = ?', [id]))[0];
  }

  /** The record with this natural key (slug, or from/type/to for links). */
  async byKey(em: EntityManager, spec: RecordSpec, key: DataRecord): Promise<StoredRecord | undefined> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const k of spec.key) {
      const field = spec.fields.find((f) => f.path === k)!;
      if (field.type === 'ref') {
        where.push(`t.${field.column} = (SELECT id FROM ${field.ref} WHERE slug = ?)`);
      } else {
        where.push(`t.${(field as { column: string }).column} = ?`);
      }
      params.push(getPath(key, k));
    }
    return (await this.select(em, spec, where.join(' AND '), params))[0];
  }

  /**
   * Column values for the fields `record` gives, references resolved to ids. An unknown slug is
   * reported through onError and makes the result null.
   */
  private async columns(
    spec: RecordSpec,
    record: DataRecord,
    refs: RefResolver,
    onError: OnFieldError,
  ): Promise<{ columns: Record<string, unknown>; lists: Map<string, number[]> } | null> {
    const columns: Record<string, unknown> = {};
    const lists = new Map<string, number[]>();
    let ok = true;
    for (const f of spec.fields) {
      const value = getPath(record, f.path);
      if (value === undefined) continue;
      if (f.type === 'list') {
        const ids: number[] = [];
        for (const [i, slug] of (value as string[]).entries()) {
          const id = await refs.id(f.ref, slug);
          if (id === undefined) {
            onError(`${f.path}[${i}]`, `no ${tableLabel(f.ref)} has the slug "${slug}"`);
            ok = false;
          } else if (!ids.includes(id)) ids.push(id);
        }
        lists.set(f.path, ids);
      } else if (f.type === 'ref') {
        if (value === null) columns[f.column] = null;
        else {
          const id = await refs.id(f.ref, String(value));
          if (id === undefined) {
            onError(f.path, `no ${tableLabel(f.ref)} has the slug "${String(value)}"`);
            ok = false;
          }
          columns[f.column] = id ?? null;
        }
      } else {
        columns[f.column] = value;
      }
    }
    return ok ? { columns, lists } : null;
  }

  private async writeLists(em: EntityManager, spec: RecordSpec, id: number, lists: Map<string, number[]>) {
    for (const [path, ids] of lists) {
      const f = spec.fields.find((x) => x.path === path) as Extract<FieldSpec, { type: 'list' }>;
      await em.query(`DELETE FROM ${f.join.table} WHERE ${f.join.own} = ?`, [id]);
      for (const other of ids) {
        await em.query(`INSERT INTO ${f.join.table} (${f.join.own}, ${f.join.other}) VALUES (?, ?)`, [id, other]);
      }
    }
  }

  /** Inserts a record (plus `extra` raw columns); returns its id, or null when a reference is unknown. */
  async insert(
    em: EntityManager,
    spec: RecordSpec,
    record: DataRecord,
    extra: Record<string, unknown>,
    refs: RefResolver,
    onError: OnFieldError,
    now: Date,
  ): Promise<number | null> {
    const resolved = await this.columns(spec, record, refs, onError);
    if (!resolved) return null;
    const row: Record<string, unknown> = { ...resolved.columns, ...extra };
    if (spec.versioned) row.version = 1;
    if (spec.timestamps) row.created_at = row.updated_at = now.toISOString();
    const cols = Object.keys(row);
    const inserted: Array<{ id: number }> = await em.query(
      `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) RETURNING id`,
      cols.map((c) => row[c] ?? null),
    );
    const id = Number(inserted[0].id);
    await this.writeLists(em, spec, id, resolved.lists);
    return id;
  }

  /**
   * Writes the fields `changes` gives (plus `extra` raw columns) and bumps the version, only if
   * the version is still `expectedVersion` (when given). Returns the new version, 'stale' when
   * someone else changed it first, or null when a reference is unknown.
   */
  async update(
    em: EntityManager,
    spec: RecordSpec,
    id: number,
    expectedVersion: number | null,
    changes: DataRecord,
    extra: Record<string, unknown>,
    refs: RefResolver,
    onError: OnFieldError,
    now: Date,
  ): Promise<number | null | 'stale'> {
    const resolved = await this.columns(spec, changes, refs, onError);
    if (!resolved) return null;
    const set: Record<string, unknown> = { ...resolved.columns, ...extra };
    if (spec.timestamps) set.updated_at = now.toISOString();
    const assignments = Object.keys(set).map((c) => `${c} = ?`);
    if (spec.versioned) assignments.push('version = version + 1');
    const params = [...Object.values(set).map((v) => v ?? null), id];
    let where = 'id = ?';
    if (spec.versioned && expectedVersion !== null) {
      where += ' AND version = ?';
      params.push(expectedVersion);
    }
    let version: number | null = null;
    if (assignments.length > 0) {
      const rows: Array<{ version: number | null }> = await em.query(
        `UPDATE ${spec.table} SET ${assignments.join(', ')} WHERE ${where} RETURNING ${spec.versioned ? 'version' : 'NULL'} AS version`,
        params,
      );
      if (rows.length === 0) return 'stale';
      version = rows[0].version === null ? null : Number(rows[0].version);
    }
    await this.writeLists(em, spec, id, resolved.lists);
    return version ?? 0;
  }

  /** How many rows of each kind refer to this one (only kinds with at least one). */
  async referencesTo(em: EntityManager, spec: RecordSpec, id: number): Promise<Array<{ label: string; count: number }>> {
    const out: Array<{ label: string; count: number }> = [];
    for (const r of spec.referencedBy) {
      const rows: Array<{ n: number }> = await em.query(`SELECT COUNT(*) AS n FROM ${r.table} WHERE ${r.column} = ?`, [id]);
      if (Number(rows[0].n) > 0) out.push({ label: r.label, count: Number(rows[0].n) });
    }
    return out;
  }

  /** Deletes the row and the join rows it owns; false when its version moved on first. */
  async delete(em: EntityManager, spec: RecordSpec, id: number, expectedVersion: number | null): Promise<boolean> {
    for (const o of spec.owns) await em.query(`DELETE FROM ${o.table} WHERE ${o.column} = ?`, [id]);
    const versioned = spec.versioned && expectedVersion !== null;
    const rows: unknown[] = await em.query(
      `DELETE FROM ${spec.table} WHERE id = ?${versioned ? ' AND version = ?' : ''} RETURNING id`,
      versioned ? [id, expectedVersion] : [id],
    );
    return rows.length === 1;
  }

  /** `base`, or `base-2`, `base-3`… whichever is free in the table (within its column length). */
  async freeSlug(em: EntityManager, table: string, base: string, maxLength: number): Promise<string> {
    const stem = base.slice(0, maxLength - 6).replace(/-+$/, '');
    for (let n = 1; n < 100_000; n++) {
      const candidate = n === 1 ? stem : `${stem}-${n}`;
      const rows: unknown[] = await em.query(`SELECT 1 FROM ${table} WHERE slug = ?`, [candidate]);
      if (rows.length === 0) return candidate;
    }
    throw new Error(`no free slug for ${base}`);
  }
}
