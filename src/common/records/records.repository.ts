/**
 * Records in the file format (references as slugs), read and written from the record descriptions
 * in record-specs.ts: read, insert, update with a version check, count what refers to a row,
 * delete. Every statement is made by TypeORM's query builder (quoting, parameters, defaults, the
 * version bump), so none is written for one SQL dialect; the only addition is RETURNING, which
 * SQLite and PostgreSQL share. Every method takes the transaction's EntityManager.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type QueryBuilder, type SelectQueryBuilder } from 'typeorm';
import {
  DataRecord,
  FieldSpec,
  getPath,
  keyOf,
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

export type ListField = Extract<FieldSpec, { type: 'list' }>;

type Built = { sql: string; names: string[] };
const builtStatements = new WeakMap<DataSource, Map<string, Built>>();

/**
 * Runs the statement `build` makes, with these named parameters. Building costs far more than
 * running (a record import runs thousands), so each shape of statement (`key`) is built once per
 * data source, with each parameter's name as its value: that shows where the driver wants each
 * one, and later runs pass the values in that order. A null `key` builds the statement for this run
 * only (a read of a knownAt view, whose SQL holds the instant). `returning` appends RETURNING of
 * those columns.
 */
async function run<T>(
  em: EntityManager,
  key: string | null,
  params: Record<string, unknown>,
  build: () => QueryBuilder<ObjectLiteral>,
  returning?: string,
): Promise<T[]> {
  let cache = builtStatements.get(em.connection);
  if (!cache) builtStatements.set(em.connection, (cache = new Map()));
  let built = key === null ? undefined : cache.get(key);
  if (!built) {
    const [sql, names] = build()
      .setParameters(Object.fromEntries(Object.keys(params).map((name) => [name, name])))
      .getQueryAndParameters();
    const escape = (name: string) => em.connection.driver.escape(name);
    built = {
      sql: returning ? `${sql} RETURNING ${returning.split(',').map(escape).join(', ')}` : sql,
      names: names as string[],
    };
    if (key !== null) cache.set(key, built);
  }
  return em.query(
    built.sql,
    built.names.map((name) => params[name]),
  );
}

/** Named parameters for a list of ids (`:id0, :id1…`), or of other values, and their values. */
function idList(ids: readonly unknown[], prefix = 'id') {
  return {
    marks: ids.map((_, i) => `:${prefix}${i}`).join(', '),
    params: Object.fromEntries(ids.map((id, i) => [`${prefix}${i}`, id])),
  };
}

/** Slug → id lookups, remembered for one transaction (only hits: a row may be created later in it). */
export class RefResolver {
  private readonly cache = new Map<string, number>();
  constructor(private readonly em: EntityManager) {}

  async id(table: RefTable, slug: string): Promise<number | undefined> {
    const key = `${table}:${slug}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const [row] = await run<{ id: number }>(this.em, `id of ${table}`, { slug }, () =>
      this.em.createQueryBuilder().select('x.id', 'id').from(table, 'x').where('x.slug = :slug'),
    );
    if (row) this.cache.set(key, Number(row.id));
    return row ? Number(row.id) : undefined;
  }
}

/** The read of a kind of record: its columns, and the slug of each row it refers to. */
function selectQuery(em: EntityManager, spec: RecordSpec, from = spec.table): SelectQueryBuilder<ObjectLiteral> {
  const qb = em.createQueryBuilder().from(from, 't').select('t.id', '__id');
  if (spec.versioned) qb.addSelect('t.version', '__version');
  spec.fields.forEach((f, i) => {
    if (f.type === 'list') return;
    if (f.type === 'ref') qb.leftJoin(f.ref, `j${i}`, `j${i}.id = t.${f.column}`).addSelect(`j${i}.slug`, f.path);
    else qb.addSelect(`t.${f.column}`, f.path);
  });
  return qb.orderBy('t.id');
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
  const version = row.__version ?? null;
  return { id: Number(row.__id), version: version === null ? null : Number(version), record };
}

/**
 * The entity object TypeORM writes for these column values (by database name): each column's
 * property (nested for embedded ones: `evidence_url` is `evidence.url`) set to the placeholder
 * `:c_<column>`, and the parameters that fill them. The values go in as they are, like any other
 * parameter (TypeORM's own conversion would write a date column in a format of its own).
 */
function placeholders(em: EntityManager, table: string, columns: Record<string, unknown>) {
  const metadata = em.connection.getMetadata(table);
  const values: ObjectLiteral = {};
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(columns)) {
    const column = metadata.findColumnWithDatabaseName(name);
    if (!column) throw new Error(`${table} has no column ${name}`);
    column.setEntityValue(values, () => `:c_${name}`);
    params[`c_${name}`] = value ?? null;
  }
  return { values, params, shape: Object.keys(columns).join(',') };
}

@Injectable()
export class RecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How records of this kind are written in the file format (record-specs.ts). */
  spec(kind: RecordKind): RecordSpec {
    return recordSpecs(this.dataSource)[kind];
  }

  /**
   * Runs a read of records built by `build` with these parameters. The query builder is costly
   * next to the query itself, so each shape of read is built once (with each parameter's name as
   * its value, which shows where the driver wants each one) and its SQL reused.
   */
  /** Records by a read that `where` narrows (`shape` names it for the statement cache). */
  private async read(
    em: EntityManager,
    spec: RecordSpec,
    shape: string,
    params: Record<string, unknown>,
    where: (qb: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>,
    opts: { restrictLists?: Set<number>; from?: string } = {},
  ): Promise<StoredRecord[]> {
    const rows = await run<Record<string, unknown>>(em, opts.from ? null : `${spec.kind} ${shape}`, params, () =>
      where(selectQuery(em, spec, opts.from)),
    );
    const out = rows.map((r) => toRecord(spec, r));
    await this.fillLists(em, spec, out, opts.restrictLists);
    return out;
  }

  /** Up to `limit` records with an id above `afterId`, by id (a page of a full export). */
  async page(em: EntityManager, spec: RecordSpec, afterId: number, limit: number): Promise<StoredRecord[]> {
    return this.read(em, spec, `page ${limit}`, { afterId }, (qb) => qb.where('t.id > :afterId').limit(limit));
  }

  /**
   * The records whose `column` is one of `ids`, by id. `restrictLists` keeps only list members whose
   * id is in the set (an export filtered to some recommendations); `from` reads another row source of
   * the same columns (a `knownAt` view of the table).
   */
  async whereIn(
    em: EntityManager,
    spec: RecordSpec,
    column: string,
    ids: number[],
    opts: { restrictLists?: Set<number>; from?: string } = {},
  ): Promise<StoredRecord[]> {
    if (ids.length === 0) return [];
    const { marks, params } = idList(ids);
    return this.read(em, spec, `${column} in ${ids.length}`, params, (qb) => qb.where(`t.${column} IN (${marks})`), opts);
  }

  private async fillLists(em: EntityManager, spec: RecordSpec, records: StoredRecord[], restrict?: Set<number>) {
    const lists = spec.fields.filter((f): f is ListField => f.type === 'list');
    if (lists.length === 0 || records.length === 0) return;
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const f of lists) {
      for (let i = 0; i < records.length; i += 500) {
        const ids = records.slice(i, i + 500).map((r) => r.id);
        const { marks, params } = idList(ids);
        const rows = await run<{ own: number; otherId: number; slug: string }>(
          em,
          `${f.path} of ${spec.kind} ${ids.length}`,
          params,
          () =>
            em
              .createQueryBuilder()
              .from(f.join.table, 'j')
              .innerJoin(f.ref, 'o', `o.id = j.${f.join.other}`)
              .select(`j.${f.join.own}`, 'own')
              .addSelect('o.id', 'otherId')
              .addSelect('o.slug', 'slug')
              .where(`j.${f.join.own} IN (${marks})`)
              .orderBy('o.slug'),
        );
        for (const r of rows) {
          if (restrict && !restrict.has(Number(r.otherId))) continue;
          (byId.get(Number(r.own))!.record[f.path] as string[]).push(r.slug);
        }
      }
    }
  }

  async byId(em: EntityManager, spec: RecordSpec, id: number): Promise<StoredRecord | undefined> {
    return (await this.read(em, spec, 'id', { id }, (qb) => qb.where('t.id = :id')))[0];
  }

  /** The record with this natural key (slug, or from/type/to for links). */
  async byKey(em: EntityManager, spec: RecordSpec, key: DataRecord): Promise<StoredRecord | undefined> {
    const params = Object.fromEntries(spec.key.map((k, n) => [`key${n}`, getPath(key, k)]));
    const build = (qb: SelectQueryBuilder<ObjectLiteral>) => {
      spec.key.forEach((k, n) => {
        const field = spec.fields.find((f) => f.path === k)!;
        if (field.type === 'ref') {
          const ids = qb.subQuery().select('k.id').from(field.ref, 'k').where(`k.slug = :key${n}`).getQuery();
          qb.andWhere(`t.${field.column} = ${ids}`);
        } else if (field.type !== 'list') {
          qb.andWhere(`t.${field.column} = :key${n}`);
        }
      });
      return qb;
    };
    return (await this.read(em, spec, 'key', params, build))[0];
  }

  /**
   * The stored records among `keys`, by key (keyOf), read 500 at a time, for a kind whose key is one
   * plain column (a slug); null for another kind (links), whose records are read one by one (byKey).
   */
  async byKeys(em: EntityManager, spec: RecordSpec, keys: readonly string[]): Promise<Map<string, StoredRecord> | null> {
    const field = spec.key.length === 1 ? spec.fields.find((f) => f.path === spec.key[0]) : undefined;
    if (!field || field.type === 'ref' || field.type === 'list') return null;
    const found = new Map<string, StoredRecord>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const { marks, params } = idList(chunk, 'key');
      const rows = await this.read(em, spec, `key in ${chunk.length}`, params, (qb) =>
        qb.where(`t.${field.column} IN (${marks})`),
      );
      for (const r of rows) found.set(keyOf(spec, r.record), r);
    }
    return found;
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
  ): Promise<{ columns: Record<string, unknown>; lists: Map<ListField, number[]> } | null> {
    const columns: Record<string, unknown> = {};
    const lists = new Map<ListField, number[]>();
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
        lists.set(f, ids);
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

  private async writeLists(em: EntityManager, id: number, lists: Map<ListField, number[]>) {
    for (const [f, ids] of lists) {
      await this.deleteOwned(em, { table: f.join.table, column: f.join.own }, id);
      for (const other of ids) {
        const { values, params, shape } = placeholders(em, f.join.table, { [f.join.own]: id, [f.join.other]: other });
        await run(em, `insert ${f.join.table} ${shape}`, params, () =>
          em.createQueryBuilder().insert().into(f.join.table).values(values).updateEntity(false),
        );
      }
    }
  }

  private async deleteOwned(em: EntityManager, owned: { table: string; column: string }, id: number) {
    await run(em, `delete ${owned.table} by ${owned.column}`, { id }, () =>
      em.createQueryBuilder().delete().from(owned.table).where(`${owned.column} = :id`),
    );
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
    const columns: Record<string, unknown> = { ...resolved.columns, ...extra };
    if (spec.timestamps) columns.created_at = columns.updated_at = now.toISOString();
    const { values, params, shape } = placeholders(em, spec.table, columns);
    const [row] = await run<{ id: number }>(
      em,
      `insert ${spec.table} ${shape}`,
      params,
      () => em.createQueryBuilder().insert().into(spec.table).values(values).updateEntity(false),
      'id',
    );
    const id = Number(row.id);
    await this.writeLists(em, id, resolved.lists);
    return id;
  }

  /**
   * Writes the fields `changes` gives (plus `extra` raw columns) and bumps the version, only if
   * the version is still `expectedVersion` (when given). Returns 'stale' when someone else changed
   * it first, or null when a reference is unknown.
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
  ): Promise<'updated' | 'stale' | null> {
    const resolved = await this.columns(spec, changes, refs, onError);
    if (!resolved) return null;
    const columns: Record<string, unknown> = { ...resolved.columns, ...extra };
    if (spec.timestamps) columns.updated_at = now.toISOString();
    const { values, params, shape } = placeholders(em, spec.table, columns);
    // TypeORM adds `version = version + 1` to the SET of a versioned entity.
    if (shape !== '' || spec.versioned) {
      const check = spec.versioned && expectedVersion !== null;
      const rows = await run(
        em,
        `update ${spec.table} ${shape} ${check}`,
        { ...params, id, ...(check ? { expectedVersion } : {}) },
        () => {
          const qb = em.createQueryBuilder().update(spec.table).set(values).where('id = :id');
          return check ? qb.andWhere('version = :expectedVersion') : qb;
        },
        'id',
      );
      if (rows.length === 0) return 'stale';
    }
    await this.writeLists(em, id, resolved.lists);
    return 'updated';
  }

  /** How many rows of each kind refer to this one (only kinds with at least one). */
  async referencesTo(em: EntityManager, spec: RecordSpec, id: number): Promise<Array<{ label: string; count: number }>> {
    const out: Array<{ label: string; count: number }> = [];
    for (const r of spec.referencedBy) {
      const [row] = await run<{ n: number }>(em, `count ${r.table}.${r.column}`, { id }, () =>
        em.createQueryBuilder().select('COUNT(*)', 'n').from(r.table, 'x').where(`x.${r.column} = :id`),
      );
      const count = Number(row?.n ?? 0);
      if (count > 0) out.push({ label: r.label, count });
    }
    return out;
  }

  /** Deletes the row and the join rows it owns; false when its version moved on first. */
  async delete(em: EntityManager, spec: RecordSpec, id: number, expectedVersion: number | null): Promise<boolean> {
    for (const owned of spec.owns) await this.deleteOwned(em, owned, id);
    const check = spec.versioned && expectedVersion !== null;
    const rows = await run(
      em,
      `delete ${spec.table} ${check}`,
      { id, ...(check ? { expectedVersion } : {}) },
      () => {
        const qb = em.createQueryBuilder().delete().from(spec.table).where('id = :id');
        return check ? qb.andWhere('version = :expectedVersion') : qb;
      },
      'id',
    );
    return rows.length === 1;
  }

  /**
   * The ids that the records of `spec` whose `by` column is one of `ids` point at through `field`
   * (a reference, or a list when `by` is the id), without duplicates or nulls.
   */
  async idsReferenced(em: EntityManager, spec: RecordSpec, field: FieldSpec, by: string, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const { marks, params } = idList(ids);
    const rows = await run<{ id: number | null }>(em, `${field.path} of ${spec.kind} by ${by} ${ids.length}`, params, () =>
      field.type === 'list'
        ? em
            .createQueryBuilder()
            .select(`DISTINCT j.${field.join.other}`, 'id')
            .from(field.join.table, 'j')
            .where(`j.${field.join.own} IN (${marks})`)
        : em
            .createQueryBuilder()
            .select(`DISTINCT t.${(field as { column: string }).column}`, 'id')
            .from(spec.table, 't')
            .where(`t.${by} IN (${marks})`),
    );
    return rows.flatMap((r) => (r.id === null ? [] : [Number(r.id)]));
  }

  /** The ids of the records of `spec` whose list `field` holds one of `ids`. */
  async idsHolding(em: EntityManager, spec: RecordSpec, field: ListField, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const { marks, params } = idList(ids);
    const rows = await run<{ id: number }>(em, `holding ${field.path} of ${spec.kind} ${ids.length}`, params, () =>
      em
        .createQueryBuilder()
        .select(`DISTINCT j.${field.join.own}`, 'id')
        .from(field.join.table, 'j')
        .where(`j.${field.join.other} IN (${marks})`),
    );
    return rows.map((r) => Number(r.id));
  }

  /** `base`, or `base-2`, `base-3`… whichever is free in the table (within its column length). */
  async freeSlug(em: EntityManager, table: string, base: string, maxLength: number): Promise<string> {
    const stem = base.slice(0, maxLength - 6).replace(/-+$/, '');
    for (let n = 1; n < 100_000; n++) {
      const candidate = n === 1 ? stem : `${stem}-${n}`;
      const [taken] = await run(em, `slug in ${table}`, { candidate }, () =>
        em.createQueryBuilder().select('x.id').from(table, 'x').where('x.slug = :candidate'),
      );
      if (!taken) return candidate;
    }
    throw new Error(`no free slug for ${base}`);
  }
}
