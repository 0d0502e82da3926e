import { changedPaths, getPath, keyOf, normalize, pick, RECORD_KINDS, setPath } from './record-specs';
import type { RecordSpec } from './record-specs';
import { useRecordSpecs } from '../../../test/support/record-specs';

describe('record descriptions', () => {
  const specs = useRecordSpecs();

  it('describe every kind of record with unique fields and CSV columns', () => {
    for (const kind of RECORD_KINDS) {
      const spec = specs[kind];
      expect(new Set(spec.fields.map((f) => f.path)).size).toBe(spec.fields.length);
      expect(new Set(spec.fields.map((f) => f.csv)).size).toBe(spec.fields.length);
      for (const k of spec.key) expect(spec.fields.some((f) => f.path === k)).toBe(true);
    }
    expect(specs.statusChanges.fields.find((f) => f.path === 'evidence.source')).toMatchObject({
      csv: 'evidenceSource',
      type: 'ref',
      column: 'evidence_source_id',
    });
    expect(specs.sources.fields.find((f) => f.path === 'archivedUrl')).toMatchObject({ column: 'archived_url' });
  });

  it('take tables, columns, references, lists and defaults from the entities', () => {
    const rec = specs.recommendations;
    expect(rec).toMatchObject({ table: 'recommendation', label: 'recommendation', versioned: true, timestamps: true });
    expect(rec.fields.find((f) => f.path === 'textVia')).toMatchObject({
      type: 'ref',
      ref: 'source',
      column: 'text_via_id',
      required: false,
    });
    expect(rec.fields.find((f) => f.path === 'topics')).toMatchObject({
      type: 'list',
      ref: 'topic',
      join: { table: 'recommendation_topic', own: 'recommendation_id', other: 'topic_id' },
      importAdds: false,
    });
    expect(rec.fields.find((f) => f.path === 'weight')).toMatchObject({ type: 'number', default: 1, required: false });
    expect(rec.owns).toEqual([{ table: 'recommendation_topic', column: 'recommendation_id' }]);
    expect(specs.events.fields.find((f) => f.path === 'recommendations')).toMatchObject({ importAdds: true });
    const sc = specs.statusChanges;
    expect(sc).toMatchObject({ label: 'status change', versioned: false, timestamps: false, appendOnly: true });
    const required = (spec: RecordSpec) => spec.fields.filter((f) => f.required).map((f) => f.path);
    expect(required(sc)).toEqual(['slug', 'recommendation', 'effectiveOn', 'assessor']);
    expect(required(specs.links)).toEqual(['from', 'to', 'type']);
  });

  it('list what refers to a record, from every reference and list', () => {
    expect(specs.topics.referencedBy).toEqual([{ table: 'recommendation_topic', column: 'topic_id', label: 'recommendations' }]);
    expect(specs.actors.referencedBy).toEqual([
      { table: 'recommendation', column: 'responsible_id', label: 'recommendations (as responsible)' },
      { table: 'status_change', column: 'assessor_id', label: 'status changes (as assessor)' },
      { table: 'deadline', column: 'set_by_id', label: 'deadlines (as setter)' },
      { table: 'finding', column: 'assessor_id', label: 'findings (as assessor)' },
      { table: 'review', column: 'reviewer_id', label: 'reviews (as reviewer)' },
    ]);
    expect(specs.deadlines.referencedBy).toEqual([
      { table: 'deadline', column: 'extended_by_id', label: 'deadlines (extended by it)' },
    ]);
    expect(specs.sources.referencedBy).toHaveLength(11);
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
    expect(keyOf(specs.links, { from: 'a', to: 'b', type: 'implements' })).toBe('a implements b');
    expect(keyOf(specs.sources, { slug: 'doj-2017' })).toBe('doj-2017');
  });

  it('fills defaults for a new record, and only nulls with defaults for an edit', () => {
    const spec = specs.recommendations;
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
    const spec = specs.recommendations;
    const current = { slug: 'x', title: 'T', topics: ['a', 'b'], weight: 1 };
    expect(changedPaths(spec, current, { topics: ['b', 'a', 'a'] })).toEqual([]);
    expect(changedPaths(spec, current, { title: 'U', weight: 1 })).toEqual(['title']);
    const sc = specs.statusChanges;
    expect(changedPaths(sc, { recordedAt: '2021-01-01T00:00:00.000Z' }, { recordedAt: '2021-01-01T00:00:00Z' })).toEqual([]);
    const dl = specs.deadlines;
    expect(
      changedPaths(dl, { evidence: null }, { evidence: { source: null, url: null, excerpt: null, pinpoint: null } }),
    ).toEqual([]);
    expect(changedPaths(dl, { evidence: null }, { evidence: { url: 'https://x.org' } })).toEqual(['evidence.url']);
  });
});
