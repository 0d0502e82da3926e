/**
 * Per-table version counters, for caches that must notice the changes that matter to an answer and
 * only those (common/cache/read-cache.ts): table_version holds one row per table below, and a
 * trigger on each table adds one to its row in the writing transaction, so a counter moves exactly
 * when a write to that table commits, by this process or any other (the CLI, other instances).
 * Counters only grow, so their sum moves on any write at all.
 *
 * SQLite: row-level triggers (the only kind it has). PostgreSQL: statement-level triggers with
 * transition tables that bump only when the statement changed rows, so the dispatcher's claim
 * UPDATE or the pruner's DELETE that matched nothing leaves every version alone, and only once per
 * transaction (the row remembers the transaction that last bumped it). Measured on a throwaway
 * cluster (load average ~22 on 2 cores): one UPDATE of 100,000 rows 1.2 s with these triggers against
 * 4.8 s with row-level ones; 2,000 one-row UPDATEs in one transaction 0.15–0.20 s against 0.69 s when
 * every statement bumps (row-level once per transaction: 0.12–0.13 s).
 *
 * Tables derived in the same transaction from these (recommendation_list_row, the search documents)
 * have no counter of their own: they change only when one of their source tables does. A migration
 * that rebuilds a table on SQLite (which drops its triggers) recreates them with `sqliteTableVersionTriggers`;
 * a new table is added to VERSIONED_TABLES and given its triggers in its migration
 * (table-versions.spec checks both engines' schemas against this list).
 *
 * Besides the tables, one row versions part of a table (REFERENCE_VERSIONS): 'recommendation_ref'
 * moves when an item is inserted or deleted or its slug or title changes, and not on a status change
 * (which writes the item's headline columns), so an answer that shows items only by name (the
 * overview's deadline lists) declares it instead of 'recommendation' and survives status changes. A
 * migration that rebuilds recommendation on SQLite recreates its triggers too
 * (`sqliteRecommendationRefTriggers`).
 */

/** The public record: what any answer of the site or the API may show. */
export const RECORD_TABLES = [
  'actor',
  'source',
  'topic',
  'recommendation',
  'recommendation_topic',
  'status_change',
  'deadline',
  'deadline_revision',
  'link',
  'event',
  'event_recommendation',
  'finding',
  'review',
  'stat_tally',
] as const;

/** Bookkeeping no public answer shows: keys, the audit log, subscriptions and the outbox, clock sync. */
export const OPERATIONAL_TABLES = [
  'api_key',
  'audit_entry',
  'subscription',
  'subscription_token',
  'suppression',
  'notification',
  'notification_cursor',
  'notification_import_mark',
  'tracker_meta',
] as const;

/**
 * Versions of part of a table: 'recommendation_ref', the items' identity and names (insert, delete,
 * a change of slug or title). Not in VERSIONED_TABLES, which lists tables (and which the migrations
 * that made those rows and triggers read).
 */
export const REFERENCE_VERSIONS = ['recommendation_ref'] as const;

export type VersionedTable =
  (typeof RECORD_TABLES)[number] | (typeof OPERATIONAL_TABLES)[number] | (typeof REFERENCE_VERSIONS)[number];

export const VERSIONED_TABLES: readonly VersionedTable[] = [...RECORD_TABLES, ...OPERATIONAL_TABLES];

/** The columns of recommendation whose change moves 'recommendation_ref' (with any insert or delete). */
export const RECOMMENDATION_REF_COLUMNS = ['slug', 'title'] as const;

export const CREATE_TABLE_VERSION = `CREATE TABLE "table_version" ("name" varchar(40) PRIMARY KEY NOT NULL, "n" bigint NOT NULL DEFAULT 0)`;

/** One row per table, at 0. */
export function insertTableVersions(tables: readonly string[] = VERSIONED_TABLES): string {
  return `INSERT INTO "table_version" ("name", "n") VALUES ${tables.map((t) => `('${t}', 0)`).join(', ')}`;
}

/** The statements that add or drop the 'recommendation_ref' version on an engine (its row and triggers). */
export function recommendationRefVersion(engine: 'sqlite' | 'postgres'): { up: string[]; down: string[] } {
  const row = insertTableVersions(REFERENCE_VERSIONS);
  const dropRow = `DELETE FROM "table_version" WHERE "name" IN (${REFERENCE_VERSIONS.map((n) => `'${n}'`).join(', ')})`;
  return engine === 'sqlite'
    ? { up: [row, ...sqliteRecommendationRefTriggers()], down: [...SQLITE_DROP_RECOMMENDATION_REF_TRIGGERS, dropRow] }
    : {
        up: [row, POSTGRES_RECOMMENDATION_REF_FUNCTION, ...POSTGRES_RECOMMENDATION_REF_TRIGGERS],
        down: [...POSTGRES_DROP_RECOMMENDATION_REF, dropRow],
      };
}

/** The versions as (name, n) rows: one read of a table of a few dozen rows. */
export const SELECT_TABLE_VERSIONS = `SELECT "name", "n" FROM "table_version"`;

const EVENTS = [
  ['ai', 'INSERT'],
  ['au', 'UPDATE'],
  ['ad', 'DELETE'],
] as const;

/** SQLite: the three row-level triggers that bump `table`'s version. */
export function sqliteTableVersionTriggers(table: string): string[] {
  return EVENTS.map(
    ([suffix, event]) =>
      `CREATE TRIGGER "${table}_version_${suffix}" AFTER ${event} ON "${table}" BEGIN ` +
      `UPDATE "table_version" SET "n" = "n" + 1 WHERE "name" = '${table}'; END`,
  );
}

export function sqliteDropTableVersionTriggers(table: string): string[] {
  return EVENTS.map(([suffix]) => `DROP TRIGGER IF EXISTS "${table}_version_${suffix}"`);
}

/**
 * SQLite: the triggers that bump 'recommendation_ref': any insert or delete of an item, and an update
 * that changes its slug or title (or its id; `UPDATE OF` alone would fire whenever the columns are
 * assigned).
 */
export function sqliteRecommendationRefTriggers(): string[] {
  const cols = ['id', ...RECOMMENDATION_REF_COLUMNS];
  const bump = `BEGIN UPDATE "table_version" SET "n" = "n" + 1 WHERE "name" = 'recommendation_ref'; END`;
  return [
    `CREATE TRIGGER "recommendation_ref_version_ai" AFTER INSERT ON "recommendation" ${bump}`,
    `CREATE TRIGGER "recommendation_ref_version_au" AFTER UPDATE OF ${cols.map((c) => `"${c}"`).join(', ')} ON "recommendation" ` +
      `WHEN ${cols.map((c) => `OLD."${c}" IS NOT NEW."${c}"`).join(' OR ')} ${bump}`,
    `CREATE TRIGGER "recommendation_ref_version_ad" AFTER DELETE ON "recommendation" ${bump}`,
  ];
}

export const SQLITE_DROP_RECOMMENDATION_REF_TRIGGERS = EVENTS.map(
  ([suffix]) => `DROP TRIGGER IF EXISTS "recommendation_ref_version_${suffix}"`,
);

/**
 * PostgreSQL: the row '*' counts every write (the cache's cheap check that anything changed), and is
 * bumped first: every writing transaction locks it before any table's row, so two transactions
 * writing the same tables in different orders queue on it instead of deadlocking (as they queued on
 * the one data_version row before).
 */
export const POSTGRES_ANY_TABLE = '*';

/** PostgreSQL: the transaction that last bumped a row, so a transaction bumps each row once. */
export const POSTGRES_TABLE_VERSION_TX = `ALTER TABLE "table_version" ADD "tx" bigint`;

/**
 * PostgreSQL: the bump functions. A trigger with transition tables fires on one event only, so one
 * function reads the statement's new rows (INSERT, UPDATE), one its old rows (DELETE); TRUNCATE has
 * no transition table and always bumps. Each bumps '*' then the table it fired on, when the
 * statement changed at least one row and the row was not bumped yet in this transaction.
 */
export const POSTGRES_TABLE_VERSION_FUNCTIONS: string[] = [
  ['table_version_bump_new', 'EXISTS (SELECT 1 FROM new_rows)'],
  ['table_version_bump_old', 'EXISTS (SELECT 1 FROM old_rows)'],
  ['table_version_bump', 'true'],
].map(
  ([name, changed]) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF ${changed} THEN
       UPDATE table_version SET n = n + 1, tx = txid_current()
         WHERE name = '${POSTGRES_ANY_TABLE}' AND tx IS DISTINCT FROM txid_current();
       UPDATE table_version SET n = n + 1, tx = txid_current()
         WHERE name = TG_TABLE_NAME AND tx IS DISTINCT FROM txid_current();
     END IF;
     RETURN NULL;
   END $$`,
);

export const POSTGRES_DROP_TABLE_VERSION_FUNCTIONS = [
  'table_version_bump_new',
  'table_version_bump_old',
  'table_version_bump',
].map((name) => `DROP FUNCTION ${name}()`);

/** PostgreSQL: the statement-level triggers of `table`. */
export function postgresTableVersionTriggers(table: string): string[] {
  const on = (suffix: string, event: string, rest: string) =>
    `CREATE TRIGGER "${table}_version_${suffix}" AFTER ${event} ON "${table}" ${rest}`;
  return [
    on('ai', 'INSERT', 'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION table_version_bump_new()'),
    on('au', 'UPDATE', 'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION table_version_bump_new()'),
    on('ad', 'DELETE', 'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION table_version_bump_old()'),
    on('at', 'TRUNCATE', 'FOR EACH STATEMENT EXECUTE FUNCTION table_version_bump()'),
  ];
}

/**
 * PostgreSQL: the function behind 'recommendation_ref''s statement-level triggers, bumping '*' then
 * that row as table_version_bump_* do, when the statement inserted or deleted an item or changed a
 * slug or title (old and new rows of an UPDATE matched by id; a trigger with transition tables cannot
 * name columns, so every UPDATE of recommendation runs this join over the rows it changed).
 */
export const POSTGRES_RECOMMENDATION_REF_FUNCTION = `CREATE FUNCTION recommendation_ref_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE changed boolean;
   BEGIN
     IF TG_OP = 'INSERT' THEN
       changed := EXISTS (SELECT 1 FROM new_rows);
     ELSIF TG_OP = 'DELETE' THEN
       changed := EXISTS (SELECT 1 FROM old_rows);
     ELSIF TG_OP = 'UPDATE' THEN
       -- A new row without an old one of its id: the id itself changed.
       changed := EXISTS (SELECT 1 FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
         WHERE o.id IS NULL OR ${RECOMMENDATION_REF_COLUMNS.map((c) => `o.${c} IS DISTINCT FROM n.${c}`).join(' OR ')});
     ELSE
       changed := true;
     END IF;
     IF changed THEN
       UPDATE table_version SET n = n + 1, tx = txid_current()
         WHERE name = '${POSTGRES_ANY_TABLE}' AND tx IS DISTINCT FROM txid_current();
       UPDATE table_version SET n = n + 1, tx = txid_current()
         WHERE name = 'recommendation_ref' AND tx IS DISTINCT FROM txid_current();
     END IF;
     RETURN NULL;
   END $$`;

/** PostgreSQL: the statement-level triggers that bump 'recommendation_ref'. */
export const POSTGRES_RECOMMENDATION_REF_TRIGGERS: string[] = [
  ['ai', 'INSERT', 'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['au', 'UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['ad', 'DELETE', 'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
  ['at', 'TRUNCATE', 'FOR EACH STATEMENT'],
].map(
  ([suffix, event, rest]) =>
    `CREATE TRIGGER "recommendation_ref_version_${suffix}" AFTER ${event} ON "recommendation" ${rest} ` +
    `EXECUTE FUNCTION recommendation_ref_version_bump()`,
);

export const POSTGRES_DROP_RECOMMENDATION_REF = [
  ...['ai', 'au', 'ad', 'at'].map((suffix) => `DROP TRIGGER "recommendation_ref_version_${suffix}" ON "recommendation"`),
  `DROP FUNCTION recommendation_ref_version_bump()`,
];

export function postgresDropTableVersionTriggers(table: string): string[] {
  return ['ai', 'au', 'ad', 'at'].map((suffix) => `DROP TRIGGER "${table}_version_${suffix}" ON "${table}"`);
}
