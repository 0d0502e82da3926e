/**
 * Compares the entities with what the committed migrations build. Used by `migration:check`
 * (CI fails on drift) and `migration:generate` (writes the difference as a new migration).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sqliteOptions } from './sqlite/data-source-options';

/** One statement of a diff, with the bound parameters TypeORM gave it (views and generated columns have some). */
export interface SchemaQuery {
  query: string;
  parameters?: unknown[];
}

export interface SchemaDiff {
  up: SchemaQuery[];
  down: SchemaQuery[];
}

/** Applies every migration to a throwaway database and returns what the entities still need. */
export async function schemaDiff(): Promise<SchemaDiff> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-drift-'));
  const ds = new DataSource(sqliteOptions(join(dir, 'drift.sqlite'), { migrationsRun: true }));
  try {
    await ds.initialize();
    const log = await ds.driver.createSchemaBuilder().log();
    const keep = (q: { query: string; parameters?: unknown[] }): SchemaQuery =>
      q.parameters && q.parameters.length > 0 ? { query: q.query, parameters: q.parameters } : { query: q.query };
    return {
      up: log.upQueries.map(keep),
      down: log.downQueries.map(keep).reverse(),
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
  // Like TypeORM's own writer: a statement with bound parameters keeps them.
  const call = (q: SchemaQuery) =>
    `    await queryRunner.query(${lit(q.query)}${q.parameters ? `, ${JSON.stringify(q.parameters)}` : ''});`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(call).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map(call).join('\n')}
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
