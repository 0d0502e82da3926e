/**
 * The seed/export file format of every editable entity. The entities are the schema: the table,
 * the column behind each field, its type, nullability and default, what a reference points to, the
 * join table of a list, and who refers to whom all come from TypeORM's metadata. What is written
 * here is only what the file format adds: which fields a record has and in which order (an entity
 * property path, `evidence.source`), the natural key, and how a few things read. In the file a
 * many-to-one relation is the referenced row's slug and a many-to-many relation a list of slugs.
 * The writes, the audit snapshots, the import and the JSON and CSV exports all read the resulting
 * descriptions, so a field appears everywhere with the same name and meaning.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import { Actor } from '../../catalog/actors/actor.entity';
import { Source } from '../../catalog/sources/source.entity';
import { Topic } from '../../catalog/topics/topic.entity';
import { Deadline } from '../../deadlines/deadline.entity';
import { TimelineEvent } from '../../events/event.entity';
import { Finding } from '../../findings/finding.entity';
import { Link } from '../../links/link.entity';
import { Recommendation } from '../../recommendations/recommendation.entity';
import { StatusChange } from '../../recommendations/status-change.entity';
import { Review } from '../../reviews/review.entity';

export const RECORD_KINDS = [
  'sources',
  'actors',
  'topics',
  'recommendations',
  'statusChanges',
  'deadlines',
  'findings',
  'links',
  'events',
  'reviews',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Tables that records refer to by slug. */
export type RefTable = 'source' | 'actor' | 'topic' | 'recommendation' | 'status_change' | 'deadline';

/** For messages: "status change" for status_change. */
export const tableLabel = (table: string) => table.replace(/_/g, ' ');

/** The evidence fields, in file order (the embedded Evidence of the entity). */
const EVIDENCE = ['evidence.source', 'evidence.via', 'evidence.url', 'evidence.excerpt', 'evidence.pinpoint'];

interface RecordFormat {
  entity: new () => object;
  /** The fields in file order: entity property paths. */
  fields: string[];
  /** The natural key (default: the slug). */
  key?: string[];
  /** Never edited once recorded (corrected by retraction, extension or withdrawal instead). */
  appendOnly?: boolean;
  /** How `evidence` reads when every part is empty: an object of nulls, or null. */
  evidence?: 'object' | 'nullable';
  /** Never null once stored, yet optional on input: the writer fills them in (who and when). */
  filledIn?: string[];
  /**
   * Lists an import adds the members it names to instead of replacing them: a filtered export holds
   * only part of such a list (an event's recommendations that matched).
   */
  importAdds?: string[];
}

const RECORDED = ['recordedAt', 'recordedBy'];

const FORMATS: Record<RecordKind, RecordFormat> = {
  sources: {
    entity: Source,
    fields: ['slug', 'title', 'kind', 'publisher', 'publishedOn', 'url', 'archivedUrl', 'note'],
  },
  actors: { entity: Actor, fields: ['slug', 'name', 'kind'] },
  topics: { entity: Topic, fields: ['slug', 'name'] },
  recommendations: {
    entity: Recommendation,
    fields: [
      'slug',
      'kind',
      'title',
      'text',
      'textIsVerbatim',
      'textVia',
      'source',
      'issuedOn',
      'issuedPrecision',
      'pinpoint',
      'topics',
      'responsible',
      'weight',
    ],
  },
  statusChanges: {
    entity: StatusChange,
    // `status` is required unless the change is a pure retraction (statusChangeProblems says so by name).
    fields: [
      'slug',
      'recommendation',
      'status',
      'effectiveOn',
      'effectivePrecision',
      'dateInferred',
      'assessor',
      ...EVIDENCE,
      'note',
      'retracts',
      ...RECORDED,
    ],
    appendOnly: true,
    evidence: 'object',
    filledIn: RECORDED,
  },
  deadlines: {
    entity: Deadline,
    fields: [
      'slug',
      'recommendation',
      'label',
      'labelIsVerbatim',
      'labelAttribution',
      'due',
      'precision',
      'dateInferred',
      'setBy',
      'setOn',
      'source',
      'authority',
      'state',
      'metOn',
      'fulfilledOn',
      'settledOn',
      'extendedBy',
      ...EVIDENCE,
      'note',
    ],
    appendOnly: true,
    evidence: 'nullable',
  },
  findings: {
    entity: Finding,
    fields: [
      'slug',
      'recommendation',
      'assessor',
      'report',
      'periodStart',
      'periodEnd',
      'filedOn',
      'level',
      'deadlineMet',
      'summary',
      ...RECORDED,
    ],
    appendOnly: true,
    filledIn: RECORDED,
  },
  links: { entity: Link, fields: ['from', 'to', 'type', 'note'], key: ['from', 'type', 'to'] },
  events: {
    entity: TimelineEvent,
    fields: ['slug', 'occurredOn', 'dateInferred', 'title', 'description', 'source', 'recommendations'],
    importAdds: ['recommendations'],
  },
  reviews: {
    entity: Review,
    fields: ['slug', 'recommendation', 'reviewedOn', 'reviewer', ...EVIDENCE, 'note', ...RECORDED],
    appendOnly: true,
    evidence: 'nullable',
    filledIn: RECORDED,
  },
};

/**
 * How a refusal to delete names the rows that refer to a record through this field, when not just
 * by their kind ("recommendations (as responsible)").
 */
const REFERRING_AS: Record<string, string> = {
  textVia: 'text read in it',
  'evidence.source': 'as evidence',
  'evidence.via': 'evidence read in it',
  responsible: 'as responsible',
  assessor: 'as assessor',
  setBy: 'as setter',
  reviewer: 'as reviewer',
  from: 'from it',
  to: 'to it',
  retracts: 'retracting it',
  extendedBy: 'extended by it',
};

interface BaseField {
  /** Path in the record: `title`, `evidence.source`. */
  path: string;
  /** The CSV column: the path without dots, camel-cased (`evidenceSource`). */
  csv: string;
  /** Must be given (not null) when the record is created. */
  required: boolean;
}
export interface ScalarField extends BaseField {
  type: 'string' | 'boolean' | 'number';
  column: string;
  /** The value when a new record leaves it out or gives null. */
  default?: string | number | boolean;
}
export interface RefField extends BaseField {
  type: 'ref';
  column: string;
  ref: RefTable;
}
export interface ListField extends BaseField {
  type: 'list';
  ref: RefTable;
  /** The join table and its two columns (this record's id, the other's id). */
  join: { table: string; own: string; other: string };
  importAdds: boolean;
}
export type FieldSpec = ScalarField | RefField | ListField;

export interface RecordSpec {
  kind: RecordKind;
  /** The table, which is also the audit entity name. */
  table: string;
  /** For messages: "source", "status change". */
  label: string;
  key: string[];
  fields: FieldSpec[];
  versioned: boolean;
  timestamps: boolean;
  appendOnly: boolean;
  evidence?: 'object' | 'nullable';
  /** Rows elsewhere that point at this entity: deleting it is refused while any exist. */
  referencedBy: Array<{ table: string; column: string; label: string }>;
  /** Join rows that belong to this entity and go with it. */
  owns: Array<{ table: string; column: string }>;
}

const csvName = (path: string) => path.replace(/\.([a-z])/g, (_m, c: string) => c.toUpperCase());
/** "statusChanges" → "status changes". */
const kindLabel = (kind: RecordKind) => kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

function scalarType(column: ColumnMetadata): ScalarField['type'] {
  if (column.type === 'boolean') return 'boolean';
  if (column.type === 'real' || column.type === 'integer' || column.type === Number) return 'number';
  return 'string';
}

function fieldOf(metadata: EntityMetadata, format: RecordFormat, path: string): FieldSpec {
  const base = { path, csv: csvName(path) };
  const filledIn = format.filledIn?.includes(path) ?? false;
  const relation: RelationMetadata | undefined = metadata.findRelationWithPropertyPath(path);
  if (relation?.isManyToMany) {
    return {
      ...base,
      type: 'list',
      required: false,
      ref: relation.inverseEntityMetadata.tableName as RefTable,
      join: {
        table: relation.junctionEntityMetadata!.tableName,
        own: relation.junctionEntityMetadata!.ownerColumns[0].databaseName,
        other: relation.junctionEntityMetadata!.inverseColumns[0].databaseName,
      },
      importAdds: format.importAdds?.includes(path) ?? false,
    };
  }
  if (relation) {
    return {
      ...base,
      type: 'ref',
      required: !relation.isNullable,
      column: relation.joinColumns[0].databaseName,
      ref: relation.inverseEntityMetadata.tableName as RefTable,
    };
  }
  const column = metadata.findColumnWithPropertyPath(path);
  if (!column) throw new Error(`${metadata.name} has no property ${path} (record-specs.ts)`);
  const def = typeof column.default === 'function' ? undefined : (column.default as ScalarField['default']);
  return {
    ...base,
    type: scalarType(column),
    column: column.databaseName,
    required: !column.isNullable && def === undefined && !filledIn,
    ...(def === undefined ? {} : { default: def }),
  };
}

function describeKinds(dataSource: DataSource): Record<RecordKind, RecordSpec> {
  const metadataOf = (kind: RecordKind) => dataSource.getMetadata(FORMATS[kind].entity);
  const specs = {} as Record<RecordKind, RecordSpec>;
  for (const kind of RECORD_KINDS) {
    const format = FORMATS[kind];
    const metadata = metadataOf(kind);
    const fields = format.fields.map((path) => fieldOf(metadata, format, path));
    specs[kind] = {
      kind,
      table: metadata.tableName,
      label: tableLabel(metadata.tableName),
      key: format.key ?? ['slug'],
      fields,
      versioned: metadata.versionColumn !== undefined,
      timestamps: metadata.createDateColumn !== undefined,
      appendOnly: format.appendOnly ?? false,
      ...(format.evidence ? { evidence: format.evidence } : {}),
      referencedBy: [],
      owns: fields.flatMap((f) => (f.type === 'list' ? [{ table: f.join.table, column: f.join.own }] : [])),
    };
  }
  // Who refers to whom, from the references and lists of every kind.
  const byTable = new Map(RECORD_KINDS.map((k) => [specs[k].table, specs[k]]));
  for (const kind of RECORD_KINDS) {
    const spec = specs[kind];
    for (const f of spec.fields) {
      if (f.type === 'ref') {
        const as = REFERRING_AS[f.path];
        byTable.get(f.ref)!.referencedBy.push({
          table: spec.table,
          column: f.column,
          label: as ? `${kindLabel(kind)} (${as})` : kindLabel(kind),
        });
      } else if (f.type === 'list') {
        byTable.get(f.ref)!.referencedBy.push({ table: f.join.table, column: f.join.other, label: kindLabel(kind) });
      }
    }
  }
  return specs;
}

const described = new WeakMap<DataSource, Record<RecordKind, RecordSpec>>();

/** Every kind's description, from the entities' metadata in this (initialized) data source. */
export function recordSpecs(dataSource: DataSource): Record<RecordKind, RecordSpec> {
  let specs = described.get(dataSource);
  if (!specs) {
    specs = describeKinds(dataSource);
    described.set(dataSource, specs);
  }
  return specs;
}

/** A record in the file format: plain JSON values, references as slugs. */
export type DataRecord = Record<string, unknown>;

export function getPath(record: DataRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null) return null;
    if (value === undefined || typeof value !== 'object') return undefined;
    value = (value as DataRecord)[part];
  }
  return value;
}

export function setPath(record: DataRecord, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = record;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === null || typeof target[part] !== 'object') target[part] = {};
    target = target[part] as DataRecord;
  }
  target[parts[parts.length - 1]] = value;
}

/** The key of a record as one string: its slug, or `from type to` for a link. */
export function keyOf(spec: Pick<RecordSpec, 'key'>, record: DataRecord): string {
  return spec.key.map((k) => String(getPath(record, k))).join(' ');
}

/**
 * A record as it will be stored: null or missing values of fields with a default take it; with
 * `complete`, every other missing field becomes null (or [] for lists), as for a new record.
 */
export function normalize(spec: RecordSpec, record: DataRecord, complete: boolean): DataRecord {
  const out: DataRecord = structuredClone(record);
  for (const f of spec.fields) {
    const value = getPath(out, f.path);
    if (
      f.type !== 'list' &&
      f.type !== 'ref' &&
      f.default !== undefined &&
      (value === null || (value === undefined && complete))
    ) {
      setPath(out, f.path, f.default);
    } else if (f.type === 'list' && (value === null || (value === undefined && complete))) {
      setPath(out, f.path, []);
    } else if (value === undefined && complete) {
      setPath(out, f.path, null);
    }
  }
  return out;
}

/** Only the given paths of a record (nested paths kept nested). */
export function pick(record: DataRecord, paths: string[]): DataRecord {
  const out: DataRecord = {};
  for (const p of paths) setPath(out, p, getPath(record, p));
  return out;
}

/** Values compared the way they are stored: lists as sets, instants as ISO strings. */
function comparable(field: FieldSpec, value: unknown): unknown {
  if (value === undefined || value === null) return value ?? null;
  if (field.type === 'list' && Array.isArray(value)) return [...new Set(value.map(String))].sort();
  if (field.path === 'recordedAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  return value;
}

/** Paths whose value in `incoming` (only those it gives) differs from `current`. */
export function changedPaths(spec: RecordSpec, current: DataRecord, incoming: DataRecord): string[] {
  return spec.fields
    .filter((f) => getPath(incoming, f.path) !== undefined)
    .filter((f) => !isDeepStrictEqual(comparable(f, getPath(current, f.path)), comparable(f, getPath(incoming, f.path))))
    .map((f) => f.path);
}
