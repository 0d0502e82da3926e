import { columnOf, CSV_ENTITY_NAMES, csvEntityName, csvHeader, fromCsvRow, toCsvRow } from './csv-format';
import { useRecordSpecs } from '../../test/support/record-specs';

describe('the CSV format', () => {
  const specs = useRecordSpecs();

  it('names the kinds in kebab-case', () => {
    expect(CSV_ENTITY_NAMES['status-changes']).toBe('statusChanges');
    expect(csvEntityName('statusChanges')).toBe('status-changes');
    expect(Object.keys(CSV_ENTITY_NAMES)).toHaveLength(10);
  });

  it('flattens nested fields into columns and reads them back', () => {
    const spec = specs.statusChanges;
    const header = csvHeader(spec);
    expect(header).toContain('evidenceSource');
    const record = {
      slug: 'a-2021',
      recommendation: 'a',
      status: 'interim',
      effectiveOn: '2021-06-11',
      effectivePrecision: 'day',
      dateInferred: null,
      assessor: 'tracker-editors',
      evidence: { source: 'doj-2017', via: null, url: null, excerpt: 'He said, "soon"', pinpoint: null },
      note: null,
      retracts: null,
      recordedAt: '2021-06-12T00:00:00.000Z',
      recordedBy: 'seed',
    };
    const row = toCsvRow(spec, record);
    expect(row[header.indexOf('evidenceUrl')]).toBe('');
    expect(fromCsvRow(spec, header, row)).toEqual(record);
  });

  it('reads lists, booleans and numbers, and keeps what it cannot read for validation to name', () => {
    const spec = specs.recommendations;
    const r = fromCsvRow(spec, ['slug', 'topics', 'textIsVerbatim', 'weight'], ['x', 'a;b c', 'true', '0.5']);
    expect(r).toEqual({ slug: 'x', topics: ['a', 'b', 'c'], textIsVerbatim: true, weight: 0.5 });
    expect(fromCsvRow(spec, ['textIsVerbatim', 'weight', 'topics'], ['yes', 'heavy', ''])).toEqual({
      textIsVerbatim: 'yes',
      weight: 'heavy',
      topics: [],
    });
    const cells = toCsvRow(spec, { topics: ['a', 'b'], textIsVerbatim: false, weight: 1 });
    const header = csvHeader(spec);
    expect(cells).toHaveLength(header.length);
    expect(cells[header.indexOf('textIsVerbatim')]).toBe('false');
    expect(cells[header.indexOf('topics')]).toBe('a;b');
    expect(cells[header.indexOf('weight')]).toBe('1');
    expect(cells.filter((c) => c !== '')).toEqual(['false', 'a;b', '1']);
  });

  it('names the column of a record path', () => {
    expect(columnOf(specs.statusChanges, 'evidence.source')).toBe('evidenceSource');
    expect(columnOf(specs.recommendations, 'topics[2]')).toBe('topics');
  });
});
