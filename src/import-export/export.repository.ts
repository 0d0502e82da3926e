/**
 * The SQL behind a filtered export's scope: what a set of recommendations refers to (sources,
 * actors, topics, events, and the sources of those events), read a chunk of ids at a time.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const CHUNK = 500;

/** The ids of the rows a set of recommendations refers to, by table. */
export interface ScopeRefs {
  source: Set<number>;
  actor: Set<number>;
  topic: Set<number>;
  event: Set<number>;
}

/** A list cut into runs of at most `size` (the ids one statement reads). */
export const chunks = <T>(list: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};
const marks = (list: unknown[]) => list.map(() => '?').join(',');

@Injectable()
export class ExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Everything these recommendations refer to, and the sources of the events among it. */
  async referencesOf(recIds: number[]): Promise<ScopeRefs> {
    const refs: ScopeRefs = { source: new Set(), actor: new Set(), topic: new Set(), event: new Set() };
    const collect = async (set: Set<number>, sql: string, ids: number[], times: number) => {
      const rows: Array<{ id: number | null }> = await this.dataSource.query(
        sql,
        Array.from({ length: times }, () => ids).flat(),
      );
      for (const r of rows) if (r.id !== null) set.add(Number(r.id));
    };
    for (const ids of chunks(recIds)) {
      const m = marks(ids);
      await collect(
        refs.event,
        `SELECT DISTINCT event_id AS id FROM event_recommendation WHERE recommendation_id IN (${m})`,
        ids,
        1,
      );
      await collect(
        refs.source,
        `SELECT source_id AS id FROM recommendation WHERE id IN (${m})
         UNION SELECT text_via_id FROM recommendation WHERE id IN (${m})
         UNION SELECT evidence_source_id FROM status_change WHERE recommendation_id IN (${m})
         UNION SELECT evidence_via_id FROM status_change WHERE recommendation_id IN (${m})
         UNION SELECT source_id FROM deadline WHERE recommendation_id IN (${m})
         UNION SELECT evidence_source_id FROM deadline WHERE recommendation_id IN (${m})
         UNION SELECT evidence_via_id FROM deadline WHERE recommendation_id IN (${m})
         UNION SELECT report_id FROM finding WHERE recommendation_id IN (${m})
         UNION SELECT evidence_source_id FROM review WHERE recommendation_id IN (${m})
         UNION SELECT evidence_via_id FROM review WHERE recommendation_id IN (${m})`,
        ids,
        10,
      );
      await collect(
        refs.actor,
        `SELECT responsible_id AS id FROM recommendation WHERE id IN (${m})
         UNION SELECT assessor_id FROM status_change WHERE recommendation_id IN (${m})
         UNION SELECT set_by_id FROM deadline WHERE recommendation_id IN (${m})
         UNION SELECT assessor_id FROM finding WHERE recommendation_id IN (${m})
         UNION SELECT reviewer_id FROM review WHERE recommendation_id IN (${m})`,
        ids,
        5,
      );
      await collect(refs.topic, `SELECT topic_id AS id FROM recommendation_topic WHERE recommendation_id IN (${m})`, ids, 1);
    }
    for (const ids of chunks([...refs.event])) {
      await collect(refs.source, `SELECT source_id AS id FROM event WHERE id IN (${marks(ids)})`, ids, 1);
    }
    return refs;
  }

  /** The name of the actor with this slug, if there is one. */
  async actorName(slug: string): Promise<string | undefined> {
    const rows: Array<{ name: string }> = await this.dataSource.query(`SELECT name FROM actor WHERE slug = ?`, [slug]);
    return rows[0]?.name;
  }
}
