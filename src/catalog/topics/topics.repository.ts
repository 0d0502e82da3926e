import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PageWindow } from '../../common/pagination/keyset-page';
import { afterKey, windowLimit } from '../../database/keyset';

/** The SQL behind the topic reads. */
@Injectable()
export class TopicsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Topics by name (all of them or one window), with how many recommendations are filed under each. */
  async listWithCounts(window?: PageWindow): Promise<Array<{ slug: string; name: string; count: number }>> {
    const after = afterKey(window, 't.name', 't.slug');
    const limit = windowLimit(window);
    const rows: Array<{ slug: string; name: string; count: number }> = await this.dataSource.query(
      `SELECT t.slug AS "slug", t.name AS "name", (SELECT COUNT(*) FROM recommendation_topic rt WHERE rt.topic_id = t.id) AS "count"
       FROM topic t WHERE ${after.sql} ORDER BY t.name, t.slug ${limit.sql}`,
      [...after.params, ...limit.params],
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
