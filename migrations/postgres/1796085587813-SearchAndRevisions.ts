import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: what the SQLite migrations do with FTS5 and triggers, in PostgreSQL's terms.
 * - Search: `q` on recommendations matches a substring of the title or text, ignoring case and
 *   accents (SQLite: an FTS5 trigram table with remove_diacritics). Here: pg_trgm and unaccent
 *   (both trusted extensions: a database owner may create them), an IMMUTABLE wrapper so the
 *   expressions can be indexed, and two trigram GIN indexes that an ILIKE on those expressions
 *   uses. They are expression indexes, which TypeORM's drift check leaves alone. Nothing to keep in
 *   step by hand: the indexes follow the table.
 * - deadline_revision, kept by triggers on `deadline` as on SQLite (DeadlineRevisions there): one
 *   row when a deadline is inserted, one each time its outcome changes, stamped with the row's
 *   updated_at; deleted with the deadline.
 */
const OUTCOME = [
  'state',
  'met_on',
  'settled_on',
  'fulfilled_on',
  'extended_by_id',
  'evidence_source_id',
  'evidence_via_id',
  'evidence_url',
  'evidence_excerpt',
  'evidence_pinpoint',
  'note',
  'version',
];
const cols = OUTCOME.join(', ');
const news = OUTCOME.map((c) => `NEW.${c}`).join(', ');
const changed = OUTCOME.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
// updated_at is a UTC `timestamp`; revisions hold ISO instants like every other recorded_at.
const stamp = `to_char(NEW.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export class SearchAndRevisions1796085587813 implements MigrationInterface {
  name = 'SearchAndRevisions1796085587813';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(
      `CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_recommendation_title_trgm" ON "recommendation" USING gin (f_unaccent(title) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_recommendation_text_trgm" ON "recommendation" USING gin (f_unaccent(text) gin_trgm_ops)`,
    );

    await queryRunner.query(
      `CREATE FUNCTION deadline_revision_record() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           DELETE FROM deadline_revision WHERE deadline_id = OLD.id;
           RETURN OLD;
         END IF;
         IF TG_OP = 'INSERT' OR ${changed} THEN
           INSERT INTO deadline_revision (deadline_id, recorded_at, ${cols}) VALUES (NEW.id, ${stamp}, ${news});
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deadline_revision_aiud" AFTER INSERT OR UPDATE OR DELETE ON "deadline"
       FOR EACH ROW EXECUTE FUNCTION deadline_revision_record()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "deadline_revision_aiud" ON "deadline"`);
    await queryRunner.query(`DROP FUNCTION deadline_revision_record()`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_text_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_title_trgm"`);
    await queryRunner.query(`DROP FUNCTION f_unaccent(text)`);
  }
}
