import { readFileSync } from 'node:fs';
import { CHICAGO_SEED } from './seed.service';

/** Every key of the seed file written in camelCase (`publishedOn`, `archivedUrl`…): its field names. */
function fieldNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => fieldNames(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/[a-z][A-Z]/.test(k)) into.add(k);
      fieldNames(v, into);
    }
  }
  return into;
}

// Reader test finding 29: /sources/doj-2017 read "archivedUrl is a stored DocumentCloud text copy…".
// The notes are shown to readers; the seed file's own meta note (not shown) may name fields.
describe('the seed notes', () => {
  it('never name an internal field of the data (archivedUrl, publishedOn, setOn…)', () => {
    const seed = JSON.parse(readFileSync(CHICAGO_SEED, 'utf8')) as Record<string, unknown>;
    const fields = [...fieldNames(seed)];
    const named: string[] = [];
    for (const [section, rows] of Object.entries(seed)) {
      if (!Array.isArray(rows)) continue;
      for (const row of rows as Array<{ slug?: string; note?: string | null }>) {
        for (const field of fields) {
          if (row.note && new RegExp(`\\b${field}\\b`).test(row.note)) named.push(`${section} ${row.slug}: ${field}`);
        }
      }
    }
    expect(fields).toEqual(expect.arrayContaining(['archivedUrl', 'publishedOn', 'setOn']));
    expect(named).toEqual([]);
  });
});
