/**
 * The repositories' raw SQL, written once for both engines, run on PostgreSQL. It is written the
 * SQLite way: `?` placeholders, and results shaped like better-sqlite3's (the rows of a SELECT or of
 * a `… RETURNING`). On PostgreSQL the data source's `query()` (which EntityManager.query also goes
 * through; TypeORM's own query builders do not) turns `?` into `$1…$n` and always answers the rows:
 * TypeORM's plain pg result for UPDATE and DELETE is `[rows, rowCount]`, on which a
 * `rows.length` check (a stale If-Match) would always see 2 and let both racing editors win.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * `?` → `$n`, outside string literals, quoted identifiers and comments. SQL that already numbers its
 * parameters is left alone.
 */
export function positionalParameters(sql: string): string {
  if (!sql.includes('?') || /\$\d/.test(sql)) return sql;
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const quote = c === "'" || c === '"' ? c : null;
    if (quote) {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) break;
        if (sql[j] === quote) {
          if (sql[j + 1] === quote) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const j = end === -1 ? sql.length : end;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const j = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Installs the adapter on a PostgreSQL data source (see the file header). */
export function adaptRawQueries(dataSource: DataSource): void {
  const query = async (sql: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<unknown> => {
    if (queryRunner?.isReleased) throw new QueryRunnerProviderAlreadyReleasedError();
    const runner = queryRunner ?? dataSource.createQueryRunner();
    try {
      const result = await runner.query(positionalParameters(sql), parameters, true);
      return result.records ?? [];
    } finally {
      if (!queryRunner) await runner.release();
    }
  };
  Object.defineProperty(dataSource, 'query', { value: query, configurable: true, writable: true });
}
