/**
 * Every editable entity described once, in the seed/export file format: which fields a record has,
 * the column behind each, which fields are references to other entities by slug, and who refers to
 * the entity. The writes, the audit snapshots, the import, the JSON and CSV exports all read these
 * descriptions, so a field added here appears everywhere with the same name and meaning.
 */
import { isDeepStrictEqual } from 'node:util';

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

export const REF_LABELS: Record<RefTable, string> = {
  source: 'source',
  actor: 'actor',
  topic: 'topic',
  recommendation: 'recommendation',
  status_change: 'status change',
  deadline: 'deadline',
};

interface BaseField {
  /** Path in the record: `title`, `evidence.source`. */
  path: string;
  /** The CSV column: the path without dots, camel-cased (`evidenceSource`). */
  csv: string;
  /** Must be given (not null) when the record is created. */
  required: boolean;
  nullable: boolean;
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
  /**
   * An import adds the members it names to what is stored instead of replacing the list: a
   * filtered export holds only part of such a list (an event's recommendations that matched).
   */
  importAdds?: boolean;
}
export type FieldSpec = ScalarField | RefField | ListField;

export interface RecordSpec {
  kind: RecordKind;
  /** The table, which is also the audit entity name. */
  table: string;
  /** For messages: "source", "status change". */
  label: string;
  /** The natural key: a slug, or from+type+to for links. */
  key: string[];
  fields: FieldSpec[];
  versioned: boolean;
  timestamps: boolean;
  /** Never edited once recorded (corrected by retraction, extension or withdrawal instead). */
  appendOnly: boolean;
  /** How `evidence` reads when every part is empty: an object of nulls, or null. */
  evidence?: 'object' | 'nullable';
  /** Rows elsewhere that point at this entity: deleting it is refused while any exist. */
  referencedBy: Array<{ table: string; column: string; label: string }>;
  /** Join rows that belong to this entity and go with it. */
  owns: Array<{ table: string; column: string }>;
}

const csvName = (path: string) => path.replace(/\.([a-z])/g, (_m, c: string) => c.toUpperCase());
const col = (path: string) => csvName(path).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function s(path: string, opts: { column?: string; required?: boolean; nullable?: boolean } = {}): ScalarField {
  return {
    path,
    csv: csvName(path),
    type: 'string',
    column: opts.column ?? col(path),
    required: opts.required ?? !opts.nullable,
    nullable: opts.nullable ?? false,
  };
}
const text = (path: string, column?: string) => s(path, { column, required: true });
const optional = (path: string, column?: string) => s(path, { column, required: false, nullable: true });
/** Optional on input, never null once stored: `def` when left out (none: the writer fills it in). */
const withDefault = (path: string, type: ScalarField['type'], def?: ScalarField['default']): ScalarField => ({
  ...s(path, { required: false }),
  type,
  ...(def === undefined ? {} : { default: def }),
});
function ref(path: string, table: RefTable, column: string, nullable = false): RefField {
  return { path, csv: csvName(path), type: 'ref', column, ref: table, required: !nullable, nullable };
}
function list(path: string, table: RefTable, join: ListField['join'], importAdds = false): ListField {
  return { path, csv: csvName(path), type: 'list', ref: table, join, required: false, nullable: false, importAdds };
}
const evidence = (): FieldSpec[] => [
  ref('evidence.source', 'source', 'evidence_source_id', true),
  ref('evidence.via', 'source', 'evidence_via_id', true),
  optional('evidence.url', 'evidence_url'),
  optional('evidence.excerpt', 'evidence_excerpt'),
  optional('evidence.pinpoint', 'evidence_pinpoint'),
];

export const RECORD_SPECS: Record<RecordKind, RecordSpec> = {
  sources: {
    kind: 'sources',
    table: 'source',
    label: 'source',
    key: ['slug'],
    fields: [
      text('slug'),
      text('title'),
      text('kind'),
      optional('publisher'),
      optional('publishedOn'),
      optional('url'),
      optional('archivedUrl'),
      optional('note'),
    ],
    versioned: true,
    timestamps: true,
    appendOnly: false,
    referencedBy: [
      { table: 'recommendation', column: 'source_id', label: 'recommendations' },
      { table: 'recommendation', column: 'text_via_id', label: 'recommendations (text read in it)' },
      { table: 'status_change', column: 'evidence_source_id', label: 'status changes (as evidence)' },
      { table: 'status_change', column: 'evidence_via_id', label: 'status changes (evidence read in it)' },
      { table: 'deadline', column: 'evidence_via_id', label: 'deadlines (evidence read in it)' },
      { table: 'review', column: 'evidence_source_id', label: 'reviews (as evidence)' },
      { table: 'review', column: 'evidence_via_id', label: 'reviews (evidence read in it)' },
      { table: 'deadline', column: 'source_id', label: 'deadlines' },
      { table: 'deadline', column: 'evidence_source_id', label: 'deadlines (as evidence)' },
      { table: 'finding', column: 'report_id', label: 'findings' },
      { table: 'event', column: 'source_id', label: 'events' },
    ],
    owns: [],
  },
  actors: {
    kind: 'actors',
    table: 'actor',
    label: 'actor',
    key: ['slug'],
    fields: [text('slug'), text('name'), text('kind')],
    versioned: true,
    timestamps: true,
    appendOnly: false,
    referencedBy: [
      { table: 'recommendation', column: 'responsible_id', label: 'recommendations (as responsible)' },
      { table: 'status_change', column: 'assessor_id', label: 'status changes (as assessor)' },
      { table: 'deadline', column: 'set_by_id', label: 'deadlines (as setter)' },
      { table: 'finding', column: 'assessor_id', label: 'findings (as assessor)' },
      { table: 'review', column: 'reviewer_id', label: 'reviews (as reviewer)' },
    ],
    owns: [],
  },
  topics: {
    kind: 'topics',
    table: 'topic',
    label: 'topic',
    key: ['slug'],
    fields: [text('slug'), text('name')],
    versioned: false,
    timestamps: false,
    appendOnly: false,
    referencedBy: [{ table: 'recommendation_topic', column: 'topic_id', label: 'recommendations' }],
    owns: [],
  },
  recommendations: {
    kind: 'recommendations',
    table: 'recommendation',
    label: 'recommendation',
    key: ['slug'],
    fields: [
      text('slug'),
      text('kind'),
      text('title'),
      text('text'),
      withDefault('textIsVerbatim', 'boolean', false),
      ref('textVia', 'source', 'text_via_id', true),
      ref('source', 'source', 'source_id'),
      optional('issuedOn'),
      withDefault('issuedPrecision', 'string', 'day'),
      optional('pinpoint'),
      list('topics', 'topic', { table: 'recommendation_topic', own: 'recommendation_id', other: 'topic_id' }),
      ref('responsible', 'actor', 'responsible_id', true),
      withDefault('weight', 'number', 1),
    ],
    versioned: true,
    timestamps: true,
    appendOnly: false,
    referencedBy: [
      { table: 'status_change', column: 'recommendation_id', label: 'status changes' },
      { table: 'deadline', column: 'recommendation_id', label: 'deadlines' },
      { table: 'finding', column: 'recommendation_id', label: 'findings' },
      { table: 'link', column: 'from_id', label: 'links (from it)' },
      { table: 'link', column: 'to_id', label: 'links (to it)' },
      { table: 'event_recommendation', column: 'recommendation_id', label: 'events' },
      { table: 'review', column: 'recommendation_id', label: 'reviews' },
    ],
    owns: [{ table: 'recommendation_topic', column: 'recommendation_id' }],
  },
  statusChanges: {
    kind: 'statusChanges',
    table: 'status_change',
    label: 'status change',
    key: ['slug'],
    fields: [
      text('slug'),
      ref('recommendation', 'recommendation', 'recommendation_id'),
      // Required unless the change is a pure retraction (statusChangeProblems says so by name).
      optional('status'),
      text('effectiveOn'),
      withDefault('effectivePrecision', 'string', 'day'),
      optional('dateInferred'),
      ref('assessor', 'actor', 'assessor_id'),
      ...evidence(),
      optional('note'),
      ref('retracts', 'status_change', 'retracts_id', true),
      withDefault('recordedAt', 'string'),
      withDefault('recordedBy', 'string'),
    ],
    versioned: false,
    timestamps: false,
    appendOnly: true,
    evidence: 'object',
    referencedBy: [{ table: 'status_change', column: 'retracts_id', label: 'status changes (retracting it)' }],
    owns: [],
  },
  deadlines: {
    kind: 'deadlines',
    table: 'deadline',
    label: 'deadline',
    key: ['slug'],
    fields: [
      text('slug'),
      ref('recommendation', 'recommendation', 'recommendation_id'),
      text('label'),
      withDefault('labelIsVerbatim', 'boolean', false),
      optional('labelAttribution'),
      text('due'),
      text('precision'),
      optional('dateInferred'),
      ref('setBy', 'actor', 'set_by_id', true),
      optional('setOn'),
      ref('source', 'source', 'source_id', true),
      text('authority'),
      withDefault('state', 'string', 'open'),
      optional('metOn'),
      optional('fulfilledOn'),
      optional('settledOn'),
      ref('extendedBy', 'deadline', 'extended_by_id', true),
      ...evidence(),
      optional('note'),
    ],
    versioned: true,
    timestamps: true,
    appendOnly: true,
    evidence: 'nullable',
    referencedBy: [{ table: 'deadline', column: 'extended_by_id', label: 'deadlines (extended by it)' }],
    owns: [],
  },
  findings: {
    kind: 'findings',
    table: 'finding',
    label: 'finding',
    key: ['slug'],
    fields: [
      text('slug'),
      ref('recommendation', 'recommendation', 'recommendation_id'),
      ref('assessor', 'actor', 'assessor_id'),
      ref('report', 'source', 'report_id'),
      text('periodStart'),
      text('periodEnd'),
      optional('filedOn'),
      optional('level'),
      { ...optional('deadlineMet'), type: 'boolean' },
      text('summary'),
      withDefault('recordedAt', 'string'),
      withDefault('recordedBy', 'string'),
    ],
    versioned: false,
    timestamps: false,
    appendOnly: true,
    referencedBy: [],
    owns: [],
  },
  links: {
    kind: 'links',
    table: 'link',
    label: 'link',
    key: ['from', 'type', 'to'],
    fields: [ref('from', 'recommendation', 'from_id'), ref('to', 'recommendation', 'to_id'), text('type'), optional('note')],
    versioned: true,
    timestamps: false,
    appendOnly: false,
    referencedBy: [],
    owns: [],
  },
  events: {
    kind: 'events',
    table: 'event',
    label: 'event',
    key: ['slug'],
    fields: [
      text('slug'),
      text('occurredOn'),
      optional('dateInferred'),
      text('title'),
      optional('description'),
      ref('source', 'source', 'source_id'),
      list(
        'recommendations',
        'recommendation',
        { table: 'event_recommendation', own: 'event_id', other: 'recommendation_id' },
        true,
      ),
    ],
    versioned: true,
    timestamps: true,
    appendOnly: false,
    referencedBy: [],
    owns: [{ table: 'event_recommendation', column: 'event_id' }],
  },
  reviews: {
    kind: 'reviews',
    table: 'review',
    label: 'review',
    key: ['slug'],
    fields: [
      text('slug'),
      ref('recommendation', 'recommendation', 'recommendation_id'),
      text('reviewedOn'),
      ref('reviewer', 'actor', 'reviewer_id'),
      ...evidence(),
      optional('note'),
      withDefault('recordedAt', 'string'),
      withDefault('recordedBy', 'string'),
    ],
    versioned: false,
    timestamps: false,
    appendOnly: true,
    evidence: 'nullable',
    referencedBy: [],
    owns: [],
  },
};

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
export function keyOf(spec: RecordSpec, record: DataRecord): string {
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
