/**
 * The record descriptions (record-specs.ts) for unit tests: they come from the entities' TypeORM
 * metadata, which an in-memory database with every entity provides without any migration.
 */
import { DataSource } from 'typeorm';
import { RecordKind, recordSpecs, RecordSpec } from '../../src/common/records/record-specs';
import { ENTITIES } from '../../src/database/entities';

export async function openRecordSpecs(): Promise<{ specs: Record<RecordKind, RecordSpec>; close: () => Promise<void> }> {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: ENTITIES });
  await dataSource.initialize();
  return { specs: recordSpecs(dataSource), close: () => dataSource.destroy() };
}

/** The record descriptions for the enclosing describe block: filled in before its tests, closed after them. */
export function useRecordSpecs(): Record<RecordKind, RecordSpec> {
  const specs = {} as Record<RecordKind, RecordSpec>;
  let close = (): Promise<void> => Promise.resolve();
  beforeAll(async () => {
    const opened = await openRecordSpecs();
    Object.assign(specs, opened.specs);
    close = opened.close;
  });
  afterAll(() => close());
  return specs;
}
