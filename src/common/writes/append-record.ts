/**
 * The end of every append-only write (a status change, a review, a finding): stamp who recorded it
 * and when, insert it (an unknown reference is a 400 naming the field), bring the derived data up
 * to date, and audit the stored row as created. One transaction: the caller's WriteScope.
 */
import type { DataRecord, RecordSpec } from '../records/record-specs';
import type { OnFieldError, RecordsRepository } from '../records/records.repository';
import type { EntityManager } from 'typeorm';
import { auditForm, type WriteScope } from './write-scope';

export interface AppendOptions {
  /** What the new row changes elsewhere: the item's derived status, its search document… */
  derive: (em: EntityManager) => Promise<unknown>;
  /** Raw columns the record does not carry (`retracted` of a status change). */
  columns?: Record<string, unknown>;
  /** Added to the audit form of the stored row. */
  audit?: Record<string, unknown>;
}

/** Appends `record` (without recordedAt / recordedBy: they are stamped here); returns the new id and slug. */
export async function appendRecord(
  w: WriteScope,
  records: RecordsRepository,
  spec: RecordSpec,
  record: DataRecord,
  report: OnFieldError,
  options: AppendOptions,
): Promise<{ id: number; slug: string }> {
  const stamped = { ...record, recordedAt: w.now.toISOString(), recordedBy: w.editor.keyName };
  const id = await records.insert(w.em, spec, stamped, options.columns ?? {}, w.refs, report, w.now);
  w.failIfErrors();
  await options.derive(w.em);
  const after = await records.byId(w.em, spec, id!);
  const slug = record.slug as string;
  await w.record('create', spec, { id: id!, slug }, null, auditForm(after, options.audit));
  return { id: id!, slug };
}
