/**
 * Bulk import: a JSON file in the export (and seed) format, or one CSV file per kind of record.
 * Rows are upserted by slug (links by from + type + to) in one transaction: all of it or nothing.
 * Every problem is collected and reported with the row and field it is in. A dry run does the
 * same work and rolls it back, so its report is exactly what a real run would do. Status changes,
 * deadlines and findings are never edited: a row that differs from what is recorded is an error.
 * An import never deletes: rows it leaves out stay, and an event's list of recommendations only
 * grows (a filtered export holds only part of it).
 */
import { HttpStatus, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { FieldError, ProblemException, VALIDATION_PROBLEM_TYPE } from '../common/problem/problem';
import { flattenValidationErrors } from '../common/validation/validation-pipe';
import { closesAt } from '../deadlines/rules/deadline-clock';
import type { DeadlinePrecision } from '../deadlines/rules/deadline-clock';
import {
  changedPaths,
  DataRecord,
  getPath,
  keyOf,
  normalize,
  pick,
  RECORD_KINDS,
  RecordKind,
  RecordSpec,
} from '../common/records/record-specs';
import { RecordsRepository, type StoredRecord } from '../common/records/records.repository';
import { type AuditEntry, auditForm, EditorContext, Writes, WriteScope } from '../common/writes/write-scope';
import {
  deadlineProblems,
  findingProblems,
  linkProblems,
  notInFuture,
  Problem,
  recordedAtProblems,
  statusChangeProblems,
} from '../common/writes/write-rules';
import { refreshDerived } from '../recommendations/recommendation-derived.repository';
import { listRowsQuoting } from '../recommendations/list-rows.repository';
import { searchDocumentsQuoting } from '../recommendations/search-documents.repository';
import { columnOf, csvEntityName, csvHeader, fromCsvRow } from './csv-format';
import { IMPORT_ROW_CLASSES } from './import-rows';
import { ImportNotifyMode, NotificationImportMark } from '../notifications/notification.entity';

/** Keys a JSON file may carry besides the record lists (an export's stamp and description). */
const IGNORED_KEYS = ['meta', 'generatedAt', 'filters'];
const MAX_REPORTED_ERRORS = 200;
const MAX_LISTED_CHANGES = 1000;

export interface ImportRow {
  record: DataRecord;
  /** Names a field of this row for an error: `recommendations[3].source` or `row 4, column source`. */
  where: (path: string) => string;
}

export type ImportInput = { format: 'json'; body: unknown } | { format: 'csv'; kind: RecordKind; text: string };

export interface ImportChange {
  entity: RecordKind;
  key: string;
  action: 'created' | 'updated';
  fields?: string[];
}

export interface ImportReport {
  dryRun: boolean;
  /** How the status changes and findings it created are announced to subscribers. */
  notify: ImportNotifyMode;
  created: Partial<Record<RecordKind, number>>;
  updated: Partial<Record<RecordKind, number>>;
  unchanged: Partial<Record<RecordKind, number>>;
  changes: ImportChange[];
  changesTruncated: boolean;
}

class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

function invalid(errors: FieldError[]): ProblemException {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  return new ProblemException({
    type: VALIDATION_PROBLEM_TYPE,
    title: 'The import did not validate; nothing was written.',
    status: HttpStatus.BAD_REQUEST,
    detail:
      `${errors.length} problem${errors.length === 1 ? '' : 's'}` +
      (errors.length > shown.length ? ` (the first ${shown.length} are listed)` : '') +
      `: ${shown
        .slice(0, 5)
        .map((e) => `${e.field}: ${e.reason}`)
        .join('; ')}${shown.length > 5 ? '; …' : ''}`,
    errors: shown,
  });
}

/** Rows ordered so that each comes after the row of the same file it refers to (retracts, extendedBy). */
function dependencyOrder(rows: ImportRow[], dependsOn: (r: DataRecord) => unknown): ImportRow[] {
  const bySlug = new Map(rows.map((r) => [r.record.slug, r]));
  const out: ImportRow[] = [];
  const state = new Map<ImportRow, 'visiting' | 'done'>();
  const visit = (row: ImportRow) => {
    if (state.get(row)) return; // done, or a cycle: the insert will name the missing reference
    state.set(row, 'visiting');
    const dep = bySlug.get(dependsOn(row.record) as string);
    if (dep && dep !== row) visit(dep);
    state.set(row, 'done');
    out.push(row);
  };
  rows.forEach(visit);
  return out;
}

/** An audit entry of an imported row, written with the others of its kind (ImportService.audit). */
interface PendingAudit extends AuditEntry {
  subject: { id: number; slug: string };
}

@Injectable()
export class ImportService {
  constructor(
    private readonly writes: Writes,
    private readonly records: RecordsRepository,
  ) {}

  /** Reads the upload into rows per kind; throws a 400 naming every malformed part. */
  parse(input: ImportInput): Map<RecordKind, ImportRow[]> {
    const rows = new Map<RecordKind, ImportRow[]>();
    const errors: FieldError[] = [];
    if (input.format === 'json') {
      const body = input.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw invalid([
          { field: '(body)', in: 'body', reason: `must be a JSON object with lists named ${RECORD_KINDS.join(', ')}` },
        ]);
      }
      for (const [key, list] of Object.entries(body as Record<string, unknown>)) {
        if (IGNORED_KEYS.includes(key)) continue;
        if (!(RECORD_KINDS as readonly string[]).includes(key)) {
          errors.push({ field: key, in: 'body', reason: `is not a kind of record; expected ${RECORD_KINDS.join(', ')}` });
          continue;
        }
        if (!Array.isArray(list)) {
          errors.push({ field: key, in: 'body', reason: 'must be a list of records' });
          continue;
        }
        const kind = key as RecordKind;
        rows.set(
          kind,
          list.map((record, i) => {
            const where = (path: string) => `${kind}[${i}]${path.startsWith('[') || path === '' ? '' : '.'}${path}`;
            if (record === null || typeof record !== 'object' || Array.isArray(record)) {
              errors.push({ field: `${kind}[${i}]`, in: 'body', reason: 'must be an object' });
              return { record: {}, where };
            }
            return { record: record as DataRecord, where };
          }),
        );
      }
    } else {
      const spec = this.records.spec(input.kind);
      let table: string[][];
      try {
        table = parse(input.text, { bom: true, skip_empty_lines: true, relax_quotes: false });
      } catch (error) {
        const e = error as { message?: string; lines?: number };
        throw invalid([
          { field: `row ${e.lines ?? '?'}`, in: 'body', reason: `is not valid CSV: ${e.message ?? String(error)}` },
        ]);
      }
      const [header, ...data] = table;
      if (!header)
        throw invalid([
          {
            field: 'row 1',
            in: 'body',
            reason: `the file is empty; the first row must name the columns: ${csvHeader(spec).join(', ')}`,
          },
        ]);
      const known = csvHeader(spec);
      header.forEach((column, i) => {
        if (!known.includes(column)) {
          errors.push({
            field: `row 1, column ${column || i + 1}`,
            in: 'body',
            reason: `is not a column of ${csvEntityName(input.kind)}; the columns are ${known.join(', ')}`,
          });
        } else if (header.indexOf(column) !== i) {
          errors.push({ field: `row 1, column ${column}`, in: 'body', reason: 'appears twice' });
        }
      });
      for (const f of spec.fields) {
        if (f.required && !header.includes(f.csv))
          errors.push({ field: `row 1`, in: 'body', reason: `the column ${f.csv} is required` });
      }
      if (errors.length) throw invalid(errors);
      rows.set(
        input.kind,
        data.map((cells, i) => {
          if (cells.length !== header.length) {
            errors.push({
              field: `row ${i + 2}`,
              in: 'body',
              reason: `has ${cells.length} cells; the header has ${header.length}`,
            });
          }
          return {
            record: fromCsvRow(spec, header, cells),
            where: (path: string) => `row ${i + 2}, column ${columnOf(spec, path)}`,
          };
        }),
      );
    }
    if (errors.length) throw invalid(errors);
    return rows;
  }

  /** Checks each row's shape, and that no key appears twice in a list; throws a 400 listing every problem. */
  validateRows(rows: Map<RecordKind, ImportRow[]>): void {
    const errors: FieldError[] = [];
    for (const [kind, list] of rows) {
      const spec = this.records.spec(kind);
      const seen = new Set<string>();
      for (const row of list) {
        const instance = plainToInstance(IMPORT_ROW_CLASSES[kind], row.record);
        // Synchronous: every validator of the row classes is (common/validation/fields.ts).
        const problems = validateSync(instance, {
          whitelist: true,
          forbidNonWhitelisted: true,
          validationError: { target: false, value: false },
        });
        for (const e of flattenValidationErrors(problems, 'body')) errors.push({ ...e, field: row.where(e.field) });
        if (problems.length === 0) {
          const key = keyOf(spec, row.record);
          if (seen.has(key))
            errors.push({ field: row.where(spec.key[0]), in: 'body', reason: `"${key}" appears more than once in ${kind}` });
          seen.add(key);
        }
      }
    }
    if (errors.length) throw invalid(errors);
  }

  /**
   * Imports a file in one transaction, all or nothing. By default a record that exists (by its key)
   * is updated where the file differs; with `keepExisting` it is left as it is (the seed: applied
   * again, it only adds what is missing and never overwrites an editor's later work).
   */
  async run(
    input: ImportInput,
    dryRun: boolean,
    editor: EditorContext,
    opts: { keepExisting?: boolean; notify?: ImportNotifyMode } = {},
  ): Promise<ImportReport> {
    const rows = this.parse(input);
    this.validateRows(rows);
    try {
      return await this.writes.run(editor, async (w) => {
        const notify = opts.notify ?? DEFAULT_IMPORT_NOTIFY;
        const report: ImportReport = {
          dryRun,
          notify,
          created: {},
          updated: {},
          unchanged: {},
          changes: [],
          changesTruncated: false,
        };
        const touched = new Set<number>();
        const announced: Record<'status_change' | 'finding', number[]> = { status_change: [], finding: [] };
        for (const kind of RECORD_KINDS) {
          const list = rows.get(kind);
          if (!list) continue;
          report.created[kind] = report.updated[kind] = report.unchanged[kind] = 0;
          const ordered =
            kind === 'statusChanges'
              ? dependencyOrder(list, (r) => r.retracts)
              : kind === 'deadlines'
                ? dependencyOrder(list, (r) => r.extendedBy)
                : list;
          const spec = this.records.spec(kind);
          // What is stored already, read in bulk; each key appears once in a list (validateRows).
          const stored = await this.records.byKeys(
            w.em,
            spec,
            list.map((r) => keyOf(spec, r.record)),
          );
          const audits: PendingAudit[] = [];
          for (const row of ordered) {
            const before = stored ? stored.get(keyOf(spec, row.record)) : await this.records.byKey(w.em, spec, row.record);
            await this.upsert(w, spec, row, before, report, touched, opts.keepExisting ?? false, announced, audits);
          }
          await this.audit(w, spec, audits);
        }
        await markForNotifications(w, announced, notify);
        await refreshDerived(w.em, [...touched]);
        if (w.errors.length) throw invalid(w.errors);
        const changed = report.changes.length + (report.changesTruncated ? 1 : 0);
        if (changed > 0) {
          await w.record('import', { table: 'import' }, { id: null, slug: null }, null, {
            format: input.format,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
          });
        }
        if (dryRun) throw new DryRunDone(report);
        return report;
      });
    } catch (error) {
      if (error instanceof DryRunDone) return error.report;
      throw error;
    }
  }

  /** The import's defaults and equivalences, applied the same way before comparing and before inserting. */
  private prepare(spec: RecordSpec, record: DataRecord, w: WriteScope, complete: boolean): DataRecord {
    const r = normalize(spec, record, false);
    // Never null once stored: an empty value means "the default", so such a file imports twice the same way.
    for (const path of ['recordedAt', 'recordedBy']) if (r[path] === null) delete r[path];
    const out = complete ? normalize(spec, r, true) : r;
    if (spec.kind === 'deadlines' && out.settledOn === null && typeof out.metOn === 'string') out.settledOn = out.metOn;
    if (complete && (spec.kind === 'statusChanges' || spec.kind === 'findings' || spec.kind === 'reviews')) {
      out.recordedAt = typeof r.recordedAt === 'string' ? new Date(r.recordedAt).toISOString() : w.now.toISOString();
      out.recordedBy = r.recordedBy ?? `import:${w.editor.keyName}`;
    }
    return out;
  }

  private async upsert(
    w: WriteScope,
    spec: RecordSpec,
    row: ImportRow,
    stored: StoredRecord | undefined,
    report: ImportReport,
    touched: Set<number>,
    keepExisting: boolean,
    announced: Record<'status_change' | 'finding', number[]>,
    audits: PendingAudit[],
  ) {
    const kind = spec.kind;
    const report_ = (path: string, reason: string) => w.errors.push({ field: row.where(path), in: 'body', reason });
    const key = keyOf(spec, row.record);
    const note = (change: ImportChange) => {
      if (report.changes.length < MAX_LISTED_CHANGES) report.changes.push(change);
      else report.changesTruncated = true;
    };

    if (stored && keepExisting) {
      report.unchanged[kind]! += 1;
      return;
    }
    if (stored) {
      const incoming = this.prepare(spec, row.record, w, false);
      for (const f of spec.fields) {
        if (f.type === 'list' && f.importAdds && Array.isArray(incoming[f.path])) {
          incoming[f.path] = [...new Set([...(stored.record[f.path] as string[]), ...(incoming[f.path] as string[])])];
        }
      }
      const changed = changedPaths(spec, stored.record, incoming);
      if (changed.length === 0) {
        report.unchanged[kind]! += 1;
        return;
      }
      if (spec.appendOnly) {
        const how =
          kind === 'statusChanges'
            ? 'status changes are never edited; retract it with a new status change instead'
            : kind === 'deadlines'
              ? 'deadlines are never edited; settle or extend it through the API instead'
              : kind === 'reviews'
                ? 'reviews are never edited; record a new one instead'
                : 'findings are never edited';
        for (const path of changed) {
          report_(path, `differs from what is recorded (${JSON.stringify(getPath(stored.record, path))}): ${how}`);
        }
        return;
      }
      const version = await this.records.update(
        w.em,
        spec,
        stored.id,
        stored.version,
        pick(incoming, changed),
        {},
        w.refs,
        report_,
        w.now,
      );
      if (version === null || version === 'stale') return;
      for (const rid of await searchDocumentsQuoting(w.em, kind, stored.id)) touched.add(rid);
      for (const rid of await listRowsQuoting(w.em, kind, stored.id)) touched.add(rid);
      audits.push({ action: 'update', subject: { id: stored.id, slug: key }, before: auditForm(stored), after: null });
      report.updated[kind]! += 1;
      note({ entity: kind, key, action: 'updated', fields: changed });
      return;
    }

    const record = this.prepare(spec, row.record, w, true);
    const problems: Problem[] = [];
    const extra: Record<string, unknown> = {};
    if (kind === 'statusChanges') {
      problems.push(...statusChangeProblems(record, w.today), ...recordedAtProblems(record.recordedAt, w.now));
      problems.push(...(await this.retractionProblems(w, record)));
      extra.retracted = 0;
    } else if (kind === 'deadlines') {
      problems.push(...deadlineProblems(record, w.today), ...(await this.extensionProblems(w, record)));
      if (problems.length === 0) {
        extra.closes_at = closesAt(
          record.due as string,
          record.precision as DeadlinePrecision,
          this.writes.timeZone,
        ).toISOString();
      }
    } else if (kind === 'reviews') {
      problems.push(...notInFuture('reviewedOn', record.reviewedOn, w.today), ...recordedAtProblems(record.recordedAt, w.now));
    } else if (kind === 'findings') {
      problems.push(...findingProblems(record), ...recordedAtProblems(record.recordedAt, w.now));
    } else if (kind === 'links') {
      problems.push(...linkProblems(record));
    }
    for (const p of problems) report_(p.path, p.reason);
    if (problems.length) return;
    const id = await this.records.insert(w.em, spec, record, extra, w.refs, report_, w.now);
    if (id === null) return;
    if (kind === 'recommendations') touched.add(id);
    if (kind === 'statusChanges') announced.status_change.push(id);
    if (kind === 'findings') announced.finding.push(id);
    if (kind === 'statusChanges' || kind === 'deadlines' || kind === 'reviews') {
      const rid = await w.refs.id('recommendation', record.recommendation as string);
      if (rid !== undefined) touched.add(rid);
    }
    if (kind === 'findings' || kind === 'events')
      for (const rid of await searchDocumentsQuoting(w.em, kind, id)) touched.add(rid);
    audits.push({ action: 'create', subject: { id, slug: key }, before: null, after: null });
    report.created[kind]! += 1;
    note({ entity: kind, key, action: 'created' });
  }

  /**
   * Audits what the rows of one kind created and updated, in the order of the rows, under
   * `import:<key>`: each entry's `after` is the stored record, read back 500 at a time.
   */
  private async audit(w: WriteScope, spec: RecordSpec, audits: PendingAudit[]): Promise<void> {
    const stored = new Map<number, StoredRecord>();
    for (let i = 0; i < audits.length; i += 500) {
      const ids = audits.slice(i, i + 500).map((a) => a.subject.id);
      for (const r of await this.records.whereIn(w.em, spec, 'id', ids)) stored.set(r.id, r);
    }
    for (const a of audits) a.after = auditForm(stored.get(a.subject.id));
    await w.recordMany(spec, audits, `import:${w.editor.keyName}`);
  }

  /** A retraction must name an earlier-recorded change of the same recommendation. */
  private async retractionProblems(w: WriteScope, record: DataRecord): Promise<Problem[]> {
    if (typeof record.retracts !== 'string') return [];
    const target = await this.records.byKey(w.em, this.records.spec('statusChanges'), { slug: record.retracts });
    if (!target) return []; // the insert names the unknown slug
    if (target.record.recommendation !== record.recommendation) {
      return [
        {
          path: 'retracts',
          reason: `"${record.retracts}" is a status change of another recommendation (${String(target.record.recommendation)})`,
        },
      ];
    }
    if (String(target.record.recordedAt) > String(record.recordedAt)) {
      return [
        {
          path: 'retracts',
          reason: `"${record.retracts}" was recorded after this change; only an earlier change can be retracted`,
        },
      ];
    }
    return [];
  }

  /** An extended deadline points at its replacement, a deadline of the same recommendation. */
  private async extensionProblems(w: WriteScope, record: DataRecord): Promise<Problem[]> {
    if (typeof record.extendedBy !== 'string') return [];
    const target = await this.records.byKey(w.em, this.records.spec('deadlines'), { slug: record.extendedBy });
    if (target && target.record.recommendation !== record.recommendation) {
      return [{ path: 'extendedBy', reason: `"${record.extendedBy}" is a deadline of another recommendation` }];
    }
    return [];
  }
}

/**
 * The honest default for an import's status changes and findings: subscribers are told, once, in the
 * next daily digest (each entry worded as news or as an addition to the history, from the data), never
 * as one email per row; `none` for a backfill nobody should hear about, `each` for an import of news.
 */
export const DEFAULT_IMPORT_NOTIFY: ImportNotifyMode = 'digest';

/** Records how the notification scan is to announce what this import created (nothing to record for `each`). */
async function markForNotifications(
  w: WriteScope,
  created: Record<'status_change' | 'finding', number[]>,
  mode: ImportNotifyMode,
): Promise<void> {
  if (mode === 'each') return;
  const marks = (['status_change', 'finding'] as const).flatMap((recordTable) =>
    created[recordTable].map((recordId) => ({ recordTable, recordId, mode })),
  );
  // Bounded chunks: one INSERT's bound parameters stay far below SQLite's and PostgreSQL's limits.
  for (let i = 0; i < marks.length; i += 500) await w.em.insert(NotificationImportMark, marks.slice(i, i + 500));
}
