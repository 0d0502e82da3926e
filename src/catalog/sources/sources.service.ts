import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem';
import type { SourceDetailView, SourceListView, SourceView } from './sources.controller';

const COLUMNS = `slug AS "slug", title AS "title", kind AS "kind", publisher AS "publisher", published_on AS "publishedOn",
  url AS "url", archived_url AS "archivedUrl", note AS "note", version AS "version"`;

@Injectable()
export class SourcesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<SourceListView> {
    return { items: await this.dataSource.query(`SELECT ${COLUMNS} FROM source ORDER BY published_on DESC, slug`) };
  }

  async detail(slug: string): Promise<SourceDetailView> {
    const rows: Array<SourceView & { id?: number }> = await this.dataSource.query(
      `SELECT id AS "id", ${COLUMNS} FROM source WHERE slug = ?`,
      [slug],
    );
    const source = rows[0];
    if (!source) throw ProblemException.notFound('source', slug);
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
