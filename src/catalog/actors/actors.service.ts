import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem';
import type { ActorDetailView, ActorListView, ActorView } from './actors.controller';

const COLUMNS = `a.slug AS "slug", a.name AS "name", a.kind AS "kind", a.version AS "version",
  (SELECT COUNT(*) FROM recommendation r WHERE r.responsible_id = a.id) AS "responsibleFor"`;

@Injectable()
export class ActorsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<ActorListView> {
    return { items: await this.dataSource.query(`SELECT ${COLUMNS} FROM actor a ORDER BY a.name`) };
  }

  async detail(slug: string): Promise<ActorDetailView> {
    const rows: Array<ActorView & { id?: number }> = await this.dataSource.query(
      `SELECT a.id AS "id", ${COLUMNS} FROM actor a WHERE a.slug = ?`,
      [slug],
    );
    const actor = rows[0];
    if (!actor) throw ProblemException.notFound('actor', slug);
    const id = actor.id;
    delete actor.id;
    const [items, deadlines, assessments, findings] = await Promise.all([
      this.dataSource.query(
        `SELECT slug AS "slug", title AS "title", headline_status AS "status" FROM recommendation WHERE responsible_id = ? ORDER BY slug LIMIT 500`,
        [id],
      ),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM deadline WHERE set_by_id = ?`, [id]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM status_change WHERE assessor_id = ? AND retracted = 0`, [id]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM finding WHERE assessor_id = ?`, [id]),
    ]);
    return {
      ...actor,
      responsibleItems: items,
      deadlinesSet: Number(deadlines[0].n),
      assessments: Number(assessments[0].n),
      findings: Number(findings[0].n),
    };
  }
}
