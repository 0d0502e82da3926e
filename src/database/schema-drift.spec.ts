import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMigration } from './schema-drift';

describe('writeMigration', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tracker-writer-'));
    mkdirSync(join(root, 'migrations', 'sqlite'), { recursive: true });
    writeFileSync(
      join(root, 'migrations', 'sqlite', 'index.ts'),
      "import { Initial1 } from './1-Initial';\n\nexport const SQLITE_MIGRATIONS: Array<new () => unknown> = [\n  Initial1,\n];\n",
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes each statement, keeps bound parameters (views, generated columns), escapes template literals, registers the class', () => {
    const file = writeMigration(
      root,
      'AddView',
      {
        up: [
          { query: 'CREATE TABLE "t" ("a" varchar DEFAULT (`x`))' },
          {
            query: 'INSERT INTO "typeorm_metadata"("type", "name", "value") VALUES (?, ?, ?)',
            parameters: ['VIEW', 'v', 'SELECT ${1}'],
          },
        ],
        down: [
          { query: 'DELETE FROM "typeorm_metadata" WHERE "type" = ? AND "name" = ?', parameters: ['VIEW', 'v'] },
          { query: 'DROP TABLE "t"' },
        ],
      },
      1700000000000,
    );
    expect(file).toBe(join(root, 'migrations', 'sqlite', '1700000000000-AddView.ts'));
    const body = readFileSync(file, 'utf8');
    expect(body).toContain("export class AddView1700000000000 implements MigrationInterface {\n  name = 'AddView1700000000000';");
    expect(body).toContain('    await queryRunner.query(`CREATE TABLE "t" ("a" varchar DEFAULT (\\`x\\`))`);');
    expect(body).toContain(
      '    await queryRunner.query(`INSERT INTO "typeorm_metadata"("type", "name", "value") VALUES (?, ?, ?)`, ["VIEW","v","SELECT ${1}"]);',
    );
    expect(body).toContain(
      '    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = ? AND "name" = ?`, ["VIEW","v"]);',
    );
    const index = readFileSync(join(root, 'migrations', 'sqlite', 'index.ts'), 'utf8');
    expect(index).toContain("import { AddView1700000000000 } from './1700000000000-AddView';");
    expect(index).toContain('= [\n  Initial1,\n  AddView1700000000000,\n];');
  });
});
