import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The SQL behind the topic reads. */
@Injectable()
export class TopicsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every topic by name, with how many recommendations are filed under it. */
  async listWithCounts(): Promise<Array<{ slug: string; name: string; count: number }>> {
    const rows: Array<{ slug: string; name: string; count: number }> = await this.dataSource.query(
      `SELECT t.slug AS "slug", t.name AS "name", (SELECT COUNT(*) FROM recommendation_topic rt WHERE rt.topic_id = t.id) AS "count"
       FROM topic t ORDER BY t.name`,
    );
    return rows.map((t) => ({ ...t, count: Number(t.count) }));
  }

  /** The topic with this slug; undefined when there is none. */
  async findBySlug(slug: string): Promise<{ slug: string; name: string } | undefined> {
    const rows: Array<{ slug: string; name: string }> = await this.dataSource.query(
      `SELECT slug AS "slug", name AS "name" FROM topic WHERE slug = ?`,
      [slug],
    );
    return rows[0];
  }
}
