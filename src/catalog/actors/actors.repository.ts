import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PageWindow } from '../../common/pagination/keyset-page';
import { afterKey, windowLimit } from '../../database/keyset';

/** An actor as the catalog lists it, with how many recommendations it is responsible for. */
export interface ActorRow {
  slug: string;
  name: string;
  kind: string;
  version: number;
  responsibleFor: number;
}

/** An actor with what it is responsible for and how often it set deadlines, assessed and reported. */
export interface ActorDetailRow extends ActorRow {
  responsibleItems: Array<{ slug: string; title: string; status: string }>;
  deadlinesSet: number;
  assessments: number;
  findings: number;
}

const COLUMNS = `a.slug AS "slug", a.name AS "name", a.kind AS "kind", a.version AS "version",
  (SELECT COUNT(*) FROM recommendation r WHERE r.responsible_id = a.id) AS "responsibleFor"`;

/** The SQL behind the actor reads. */
@Injectable()
export class ActorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Actors by name, all of them or one window. */
  list(window?: PageWindow): Promise<ActorRow[]> {
    const after = afterKey(window, 'a.name', 'a.slug');
    const limit = windowLimit(window);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM actor a WHERE ${after.sql} ORDER BY a.name, a.slug ${limit.sql}`, [
      ...after.params,
      ...limit.params,
    ]);
  }

  /** The actor with this slug and its involvement (up to 500 items it is responsible for); undefined when there is none. */
  async detail(slug: string): Promise<ActorDetailRow | undefined> {
    const rows: Array<ActorRow & { id?: number }> = await this.dataSource.query(
      `SELECT a.id AS "id", ${COLUMNS} FROM actor a WHERE a.slug = ?`,
      [slug],
    );
    const actor = rows[0];
    if (!actor) return undefined;
    const id = actor.id;
    delete actor.id;
    const [items, deadlines, assessments, findings] = await Promise.all([
      this.dataSource.query(
        `SELECT slug AS "slug", title AS "title", headline_status AS "status" FROM recommendation WHERE responsible_id = ? ORDER BY slug LIMIT 500`,
        [id],
      ),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM deadline WHERE set_by_id = ?`, [id]),
      this.dataSource.query(`SELECT COUNT(*) AS n FROM status_change WHERE assessor_id = ? AND retracted = FALSE`, [id]),
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
