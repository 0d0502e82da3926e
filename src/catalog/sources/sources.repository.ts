import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PageWindow } from '../../common/pagination/keyset-page';
import { afterKey, windowLimit } from '../../database/keyset';

/** A source as the catalog lists it. */
export interface SourceRow {
  slug: string;
  title: string;
  kind: string;
  publisher: string | null;
  publishedOn: string | null;
  url: string | null;
  archivedUrl: string | null;
  note: string | null;
  version: number;
}

/** A source with the recommendations it made and how often it is cited. */
export interface SourceDetailRow extends SourceRow {
  recommendations: Array<{ slug: string; title: string; kind: string; status: string }>;
  evidenceCount: number;
  findingCount: number;
}

const COLUMNS = `slug AS "slug", title AS "title", kind AS "kind", publisher AS "publisher", published_on AS "publishedOn",
  url AS "url", archived_url AS "archivedUrl", note AS "note", version AS "version"`;

/** The SQL behind the source reads. */
@Injectable()
export class SourcesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Sources, newest first (undated last), all of them or one window. */
  list(window?: PageWindow): Promise<SourceRow[]> {
    const after = afterKey(window, `COALESCE(published_on, '')`, 'slug', true);
    const limit = windowLimit(window);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM source WHERE ${after.sql} ORDER BY COALESCE(published_on, '') DESC, slug ${limit.sql}`,
      [...after.params, ...limit.params],
    );
  }

  /** The source with this slug, its recommendations and citation counts; undefined when there is none. */
  async detail(slug: string): Promise<SourceDetailRow | undefined> {
    const rows: Array<SourceRow & { id?: number }> = await this.dataSource.query(
      `SELECT id AS "id", ${COLUMNS} FROM source WHERE slug = ?`,
      [slug],
    );
    const source = rows[0];
    if (!source) return undefined;
    const id = source.id;
    delete source.id;
    const [recommendations, evidence, findings] = await Promise.all([
      this.dataSource.query(
        `SELECT slug AS "slug", title AS "title", kind AS "kind", headline_status AS "status" FROM recommendation WHERE source_id = ? ORDER BY slug`,
        [id],
      ),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM status_change WHERE evidence_source_id = ?`, [id]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM finding WHERE report_id = ?`, [id]),
    ]);
    return { ...source, recommendations, evidenceCount: Number(evidence[0].n), findingCount: Number(findings[0].n) };
  }
}
