import { MigrationInterface, QueryRunner } from 'typeorm';
import { RecommendationSearch1795222800000 } from './1795222800000-RecommendationSearch';

/** Fills the search documents from the rows (also used by the benchmark's generator, which bulk-inserts). */
const nl = `char(10)`;
export const FILL_RECOMMENDATION_SEARCH = `INSERT INTO "recommendation_search" (rowid, title, text, names, context)
       SELECT r.id, r.title, r.text,
         r.slug || ' ' || s.slug || ' ' || s.title || ' ' || COALESCE(s.publisher, '') || ' ' || COALESCE(tv.title, '') || ' '
           || COALESCE(a.slug, '') || ' ' || COALESCE(a.name, '')
           || COALESCE((SELECT ${nl} || group_concat(t.slug || ' ' || t.name, ${nl}) FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
                        WHERE rt.recommendation_id = r.id), ''),
         COALESCE((SELECT group_concat(d.label || ' ' || COALESCE(d.evidence_excerpt, ''), ${nl}) FROM deadline d WHERE d.recommendation_id = r.id), '')
           || ${nl} || COALESCE((SELECT group_concat(COALESCE(es.title, '') || ' ' || COALESCE(sc.evidence_excerpt, '') || ' ' || COALESCE(sc.note, ''), ${nl})
                FROM status_change sc LEFT JOIN source es ON es.id = sc.evidence_source_id
                WHERE sc.recommendation_id = r.id AND sc.retracted = 0), '')
           || ${nl} || COALESCE((SELECT group_concat(COALESCE(rv.evidence_excerpt, '') || ' ' || COALESCE(rv.note, ''), ${nl})
                FROM review rv WHERE rv.recommendation_id = r.id), '')
           || ${nl} || COALESCE((SELECT group_concat(f.summary, ${nl}) FROM finding f WHERE f.recommendation_id = r.id), '')
           || ${nl} || COALESCE((SELECT group_concat(e.title, ${nl}) FROM event_recommendation er JOIN event e ON e.id = er.event_id
                WHERE er.recommendation_id = r.id), '')
       FROM "recommendation" r JOIN source s ON s.id = r.source_id LEFT JOIN source tv ON tv.id = r.text_via_id
         LEFT JOIN actor a ON a.id = r.responsible_id`;

/**
 * Search that finds things: one search document per recommendation (title, text, the names around
 * it, and its context: deadline labels, evidence excerpts and notes, findings, events) in an FTS5
 * table with the porter stemmer over unicode61 and prefix indexes, ranked with bm25. The write paths
 * keep the documents (src/recommendations/search-documents.repository.ts), so no trigger is needed;
 * the trigram index over title and text it replaces is dropped with its triggers. This migration fills
 * the table from the existing rows. Hand-written: TypeORM does not model virtual tables, and
 * migration:check ignores them.
 */
export class RecommendationSearchDocuments1796200000000 implements MigrationInterface {
  name = 'RecommendationSearchDocuments1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['recommendation_fts_ai', 'recommendation_fts_ad', 'recommendation_fts_au']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS "${t}"`);
    }
    await queryRunner.query(`DROP TABLE IF EXISTS "recommendation_fts"`);
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "recommendation_search" USING fts5(title, text, names, context, tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')`,
    );
    await queryRunner.query(FILL_RECOMMENDATION_SEARCH);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recommendation_search"`);
    // Back to the trigram index and its triggers, exactly as the migration that made them.
    await new RecommendationSearch1795222800000().up(queryRunner);
  }
}
