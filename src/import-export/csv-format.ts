// One CSV file per kind of record, with a header row. The columns are the fields of the JSON
// format, flattened (`evidence.source` is the column `evidenceSource`); lists are slugs separated
// by semicolons; an empty cell is null; true and false are booleans. Export writes exactly what
// import reads, so a CSV export imports back unchanged.

import { DataRecord, FieldSpec, getPath, RECORD_KINDS, RecordKind, RecordSpec, setPath } from '../common/records/record-specs';

/** The kinds as they are named in URLs and in `?entity=`: kebab-case. */
export const CSV_ENTITY_NAMES: Record<string, RecordKind> = Object.fromEntries(
  RECORD_KINDS.map((k) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), k]),
);
export const csvEntityName = (kind: RecordKind) => Object.keys(CSV_ENTITY_NAMES).find((n) => CSV_ENTITY_NAMES[n] === kind)!;

export function csvHeader(spec: RecordSpec): string[] {
  return spec.fields.map((f) => f.csv);
}

function cell(field: FieldSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'list') return (value as string[]).join(';');
  return String(value);
}

export function toCsvRow(spec: RecordSpec, record: DataRecord): string[] {
  return spec.fields.map((f) => cell(f, getPath(record, f.path)));
}

/** The value a cell stands for; anything unreadable stays a string so that validation names it. */
function value(field: FieldSpec, raw: string): unknown {
  if (field.type === 'list') return raw.trim() === '' ? [] : raw.split(/[;\s]+/).filter(Boolean);
  if (raw === '') return null;
  if (field.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (field.type === 'number') return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  return raw;
}

/** A record from one CSV row, with only the columns the file has. */
export function fromCsvRow(spec: RecordSpec, columns: string[], cells: string[]): DataRecord {
  const record: DataRecord = {};
  columns.forEach((column, i) => {
    const field = spec.fields.find((f) => f.csv === column);
    if (field) setPath(record, field.path, value(field, cells[i] ?? ''));
  });
  return record;
}

/** The CSV column of a record path (`evidence.source` → `evidenceSource`, `topics[2]` → `topics`). */
export function columnOf(spec: RecordSpec, path: string): string {
  const base = path.replace(/\[\d+\]$/, '');
  return spec.fields.find((f) => f.path === base)?.csv ?? base;
}
