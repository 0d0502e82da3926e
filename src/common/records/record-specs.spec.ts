import { changedPaths, getPath, keyOf, normalize, pick, RECORD_KINDS, RECORD_SPECS, setPath } from './record-specs';

describe('record descriptions', () => {
  it('describe every kind of record with unique fields and CSV columns', () => {
    for (const kind of RECORD_KINDS) {
      const spec = RECORD_SPECS[kind];
      expect(new Set(spec.fields.map((f) => f.path)).size).toBe(spec.fields.length);
      expect(new Set(spec.fields.map((f) => f.csv)).size).toBe(spec.fields.length);
      for (const k of spec.key) expect(spec.fields.some((f) => f.path === k)).toBe(true);
    }
    expect(RECORD_SPECS.statusChanges.fields.find((f) => f.path === 'evidence.source')).toMatchObject({
      csv: 'evidenceSource',
      type: 'ref',
      column: 'evidence_source_id',
    });
    expect(RECORD_SPECS.sources.fields.find((f) => f.path === 'archivedUrl')).toMatchObject({ column: 'archived_url' });
  });

  it('reads and writes nested paths', () => {
    const r: Record<string, unknown> = {};
    setPath(r, 'evidence.url', 'https://x.org');
    expect(r).toEqual({ evidence: { url: 'https://x.org' } });
    expect(getPath(r, 'evidence.url')).toBe('https://x.org');
    expect(getPath({ evidence: null }, 'evidence.url')).toBeNull();
    expect(getPath({}, 'evidence.url')).toBeUndefined();
    expect(pick({ a: 1, evidence: { url: 'u', source: 's' } }, ['evidence.url'])).toEqual({ evidence: { url: 'u' } });
  });

  it('names links by their ends and type', () => {
    expect(keyOf(RECORD_SPECS.links, { from: 'a', to: 'b', type: 'implements' })).toBe('a implements b');
    expect(keyOf(RECORD_SPECS.sources, { slug: 'doj-2017' })).toBe('doj-2017');
  });

  it('fills defaults for a new record, and only nulls with defaults for an edit', () => {
    const spec = RECORD_SPECS.recommendations;
    expect(normalize(spec, { slug: 'x', textIsVerbatim: null }, true)).toMatchObject({
      textIsVerbatim: false,
      weight: 1,
      topics: [],
      responsible: null,
      pinpoint: null,
    });
    expect(normalize(spec, { weight: null }, false)).toEqual({ weight: 1 });
  });

  it('compares only the fields given, lists as sets and instants as instants', () => {
    const spec = RECORD_SPECS.recommendations;
    const current = { slug: 'x', title: 'T', topics: ['a', 'b'], weight: 1 };
    expect(changedPaths(spec, current, { topics: ['b', 'a', 'a'] })).toEqual([]);
    expect(changedPaths(spec, current, { title: 'U', weight: 1 })).toEqual(['title']);
    const sc = RECORD_SPECS.statusChanges;
    expect(changedPaths(sc, { recordedAt: '2021-01-01T00:00:00.000Z' }, { recordedAt: '2021-01-01T00:00:00Z' })).toEqual([]);
    const dl = RECORD_SPECS.deadlines;
    expect(
      changedPaths(dl, { evidence: null }, { evidence: { source: null, url: null, excerpt: null, pinpoint: null } }),
    ).toEqual([]);
    expect(changedPaths(dl, { evidence: null }, { evidence: { url: 'https://x.org' } })).toEqual(['evidence.url']);
  });
});
