/**
 * A bad setting stops the production build at once with one message naming the variable: the
 * server (`npm start`) and the CLI alike, before anything listens or opens the database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../support/spawned-app';

/**
 * The environment the scripts start with: this process's, without DATABASE_URL, since these settings
 * (DATABASE_PATH above all) are the embedded SQLite's, which `npm run test:postgres` would replace.
 */
const { DATABASE_URL: _postgres, ...inherited } = process.env;

/** Runs a script of the build; resolves with its exit code and stderr (killed after 30 s, code null). */
function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'dist', 'src', script), ...args],
      { cwd: ROOT, env: { ...inherited, LOG_LEVEL: 'warn', PORT: '0', ...env }, timeout: 30_000 },
      (error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

describe('a bad setting at start', () => {
  let dir: string;
  beforeAll(() => ensureBuilt(), 600_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-startup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('DATABASE_PATH set to a folder: the server exits 1 naming the variable, without retrying', async () => {
    const { code, stderr } = await run('main.js', [], { DATABASE_PATH: dir });
    expect(code).toBe(1);
    expect(stderr).toContain(`DATABASE_PATH: ${dir} is a folder`);
    expect(stderr).not.toMatch(/Retrying/);
  });

  it('DATABASE_PATH under a folder that cannot be made: the CLI exits 1 naming the variable', async () => {
    const { code, stderr } = await run('cli.js', ['keys:list'], { DATABASE_PATH: '/proc/nope/x.sqlite' });
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_PATH: cannot create the folder /proc/nope');
  });

  it('PORT=abc: one line naming PORT', async () => {
    const { code, stderr } = await run('main.js', [], { PORT: 'abc', DATABASE_PATH: join(dir, 't.sqlite') });
    expect(code).toBe(1);
    expect(stderr.match(/PORT must be/g)).toHaveLength(1);
  });
});
