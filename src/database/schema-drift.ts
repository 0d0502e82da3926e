/**
 * Compares the entities with what the committed migrations build. Used by `migration:check`
 * (CI fails on drift) and `migration:generate` (writes the difference as a new migration).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Dialect } from './data-source-options';
import { adaptColumnDefaults } from './postgres/column-defaults';
import { postgresOptions } from './postgres/data-source-options';
import { createThrowawayDatabase } from './postgres/throwaway-database';
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

/**
 * Applies every migration to a throwaway database and returns what the entities still need: a
 * SQLite file in a temp folder, or (given a PostgreSQL server's URL) a database created for the
 * check on that server and dropped after it.
 */
export async function schemaDiff(postgresUrl?: string): Promise<SchemaDiff> {
  return postgresUrl ? postgresDiff(postgresUrl) : sqliteDiff();
}

async function sqliteDiff(): Promise<SchemaDiff> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-drift-'));
  try {
    return await diffOf(new DataSource(sqliteOptions(join(dir, 'drift.sqlite'), { migrationsRun: true })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresDiff(serverUrl: string): Promise<SchemaDiff> {
  const db = await createThrowawayDatabase(serverUrl, 'tracker_drift');
  try {
    return await diffOf(new DataSource({ ...postgresOptions(db.url), migrationsRun: true }));
  } finally {
    await db.drop();
  }
}

async function diffOf(ds: DataSource): Promise<SchemaDiff> {
  try {
    await ds.initialize();
    if (ds.options.type === 'postgres') adaptColumnDefaults(ds);
    const log = await ds.driver.createSchemaBuilder().log();
    const keep = (q: { query: string; parameters?: unknown[] }): SchemaQuery =>
      q.parameters && q.parameters.length > 0 ? { query: q.query, parameters: q.parameters } : { query: q.query };
    return {
      up: log.upQueries.map(keep),
      down: log.downQueries.map(keep).reverse(),
    };
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}

/** Writes a migration class for the diff into migrations/<dialect> and registers it in the index. */
export function writeMigration(
  projectRoot: string,
  name: string,
  diff: SchemaDiff,
  now = Date.now(),
  dialect: Dialect = 'sqlite',
): string {
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${now}`;
  const fileName = `${now}-${name.replace(/[^A-Za-z0-9-]/g, '')}`;
  const dir = join(projectRoot, 'migrations', dialect);
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
