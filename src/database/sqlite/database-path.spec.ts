import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError } from '../../config/environment';
import { prepareDatabasePath } from './database-path';

describe('prepareDatabasePath', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-dbpath-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the missing folders of a new file, and accepts an existing file', () => {
    const file = join(dir, 'a', 'b', 'tracker.sqlite');
    prepareDatabasePath(file);
    expect(existsSync(join(dir, 'a', 'b'))).toBe(true);
    writeFileSync(file, '');
    expect(() => prepareDatabasePath(file)).not.toThrow();
  });

  it('names DATABASE_PATH when it is a folder', () => {
    expect(() => prepareDatabasePath(dir)).toThrow(EnvironmentError);
    expect(() => prepareDatabasePath(dir)).toThrow(/DATABASE_PATH: .* is a folder; give the path of the SQLite file/);
  });

  it('names DATABASE_PATH when a file stands where its folder should be', () => {
    writeFileSync(join(dir, 'plain'), '');
    expect(() => prepareDatabasePath(join(dir, 'plain', 'sub', 'x.sqlite'))).toThrow(/DATABASE_PATH: .*plain is a file/);
  });

  // Node's recursive mkdir never returns for a folder under /proc; the start hung there for ever.
  (existsSync('/proc/self') ? it : it.skip)(
    'names DATABASE_PATH at once for a folder that cannot be created (Linux /proc)',
    () => {
      expect(() => prepareDatabasePath('/proc/nope/x.sqlite')).toThrow(
        /DATABASE_PATH: cannot create the folder \/proc\/nope for the SQLite file \(ENOENT\)/,
      );
    },
  );
});
