/**
 * `npm install` on a fresh clone leaves package-lock.json as committed (reader test finding 3: the
 * install moved node_modules/string_decoder, which a merge had put in code-unit order). npm writes
 * the packages sorted by localeCompare in the 'en' locale (@isaacs/string-locale-compare in
 * @npmcli/arborist) and the root entry from package.json; a lock file that differs in either is
 * rewritten by the next install.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (file: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', file), 'utf8'));
const lock = read('package-lock.json') as { packages: Record<string, Record<string, unknown>> };
const pkg = read('package.json') as Record<string, unknown>;

describe('package-lock.json', () => {
  it("lists the packages in npm's own order", () => {
    const paths = Object.keys(lock.packages);
    expect(paths).toEqual([...paths].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('has the root entry npm derives from package.json', () => {
    const root = lock.packages[''];
    for (const field of ['name', 'version', 'dependencies', 'devDependencies', 'engines'] as const) {
      expect({ field, value: root[field] }).toEqual({ field, value: pkg[field] });
    }
  });
});
