import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PageWindow } from '../common/pagination/keyset-page';
import { afterKey, windowLimit } from '../database/keyset';

/** An event as the queries select it, its source by slug and title. */
export interface EventRow {
  slug: string;
  occurredOn: string;
  title: string;
  description: string | null;
  dateInferred: string | null;
  sourceSlug: string;
  sourceTitle: string;
}

/** An event as the timeline shows it, its source as a reference. */
export function toEventView(e: EventRow) {
  return {
    slug: e.slug,
    occurredOn: e.occurredOn,
    title: e.title,
    description: e.description,
    dateInferred: e.dateInferred,
    source: { slug: e.sourceSlug, title: e.sourceTitle },
  };
}

/** An event on the timeline, with its source and the slugs of the recommendations it relates to. */
export type EventListRow = ReturnType<typeof toEventView> & { recommendations: string[] };

/** One event as its detail (and a write's answer) shows it, with its version. */
export interface EventDetailRow {
  slug: string;
  occurredOn: string;
  title: string;
  description: string | null;
  source: { slug: string; title: string };
  recommendations: string[];
  version: number;
}

export interface EventFilters {
  /** Only events related to this recommendation (id). */
  recommendationId?: number;
  /** Events on or after this date. */
  from?: string;
  /** Events on or before this date. */
  to?: string;
}

/** The SQL behind the event reads. */
@Injectable()
export class EventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The events matching the filters, oldest first. */
  async list(f: EventFilters, window?: PageWindow): Promise<EventListRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.recommendationId !== undefined) {
      where.push(`e.id IN (SELECT event_id FROM event_recommendation WHERE recommendation_id = ?)`);
      params.push(f.recommendationId);
    }
    if (f.from) {
      where.push(`e.occurred_on >= ?`);
      params.push(f.from);
    }
    if (f.to) {
      where.push(`e.occurred_on <= ?`);
      params.push(f.to);
    }
    const after = afterKey(window, 'e.occurred_on', 'e.slug');
    const limit = windowLimit(window);
    const rows: Array<EventRow & { id: number }> = await this.dataSource.query(
      `SELECT e.id AS "id", e.slug AS "slug", e.occurred_on AS "occurredOn", e.title AS "title", e.description AS "description",
           e.date_inferred AS "dateInferred", s.slug AS "sourceSlug", s.title AS "sourceTitle"
         FROM event e JOIN source s ON s.id = e.source_id WHERE ${[...where, after.sql].join(' AND ')}
         ORDER BY e.occurred_on, e.slug ${limit.sql}`,
      [...params, ...after.params, ...limit.params],
    );
    const links: Array<{ eventId: number; slug: string }> = rows.length
      ? await this.dataSource.query(
          `SELECT er.event_id AS "eventId", r.slug AS "slug" FROM event_recommendation er JOIN recommendation r ON r.id = er.recommendation_id
           WHERE er.event_id IN (${rows.map(() => '?').join(',')}) ORDER BY r.slug`,
          rows.map((r) => r.id),
        )
      : [];
    return rows.map((e) => ({ ...toEventView(e), recommendations: links.filter((l) => l.eventId === e.id).map((l) => l.slug) }));
  }

  /** The event with this slug; undefined when there is none. */
  async findBySlug(slug: string): Promise<EventDetailRow | undefined> {
    const rows: Array<Omit<EventRow, 'dateInferred'> & { id: number; version: number }> = await this.dataSource.query(
      `SELECT e.id AS "id", e.slug AS "slug", e.occurred_on AS "occurredOn", e.title AS "title", e.description AS "description",
         s.slug AS "sourceSlug", s.title AS "sourceTitle", e.version AS "version"
       FROM event e JOIN source s ON s.id = e.source_id WHERE e.slug = ?`,
      [slug],
    );
    const e = rows[0];
    if (!e) return undefined;
    const recs: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT r.slug AS "slug" FROM event_recommendation er JOIN recommendation r ON r.id = er.recommendation_id WHERE er.event_id = ? ORDER BY r.slug`,
      [e.id],
    );
    return {
      slug: e.slug,
      occurredOn: e.occurredOn,
      title: e.title,
      description: e.description,
      source: { slug: e.sourceSlug, title: e.sourceTitle },
      recommendations: recs.map((r) => r.slug),
      version: Number(e.version),
    };
  }
}
