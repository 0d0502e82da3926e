/**
 * Compares the entities with what the committed migrations build. Used by `migration:check`
 * (CI fails on drift) and `migration:generate` (writes the difference as a new migration).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sqliteOptions } from './data-source-options';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/** Applies every migration to a throwaway database and returns what the entities still need. */
export async function schemaDiff(): Promise<SchemaDiff> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-drift-'));
  const ds = new DataSource(sqliteOptions(join(dir, 'drift.sqlite'), { migrationsRun: true }));
  try {
    await ds.initialize();
    const log = await ds.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a migration class for the diff into migrations/sqlite and registers it in the index. */
export function writeMigration(projectRoot: string, name: string, diff: SchemaDiff, now = Date.now()): string {
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${now}`;
  const fileName = `${now}-${name.replace(/[^A-Za-z0-9-]/g, '')}`;
  const dir = join(projectRoot, 'migrations', 'sqlite');
  const lit = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map((q) => `    await queryRunner.query(${lit(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map((q) => `    await queryRunner.query(${lit(q)});`).join('\n')}
  }
}
`;
  writeFileSync(join(dir, `${fileName}.ts`), body);
  const indexPath = join(dir, 'index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const importLine = `import { ${className} } from './${fileName}';\n`;
  const updated = index.replace('export const', `${importLine}\nexport const`).replace(/= \[([^\]]*)\];/, (_m, list: string) => {
    const items = list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    items.push(className);
    return `= [\n  ${items.join(',\n  ')},\n];`;
  });
  writeFileSync(indexPath, updated);
  return join(dir, `${fileName}.ts`);
}
