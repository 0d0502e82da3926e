import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A link with the slugs and titles of its two ends. */
export interface LinkRow {
  from: { slug: string; title: string };
  type: string;
  to: { slug: string; title: string };
  note: string | null;
  version: number;
}

/** The SQL behind the link reads. */
@Injectable()
export class LinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The link `from` → `to` of this type (slugs); undefined when there is none. */
  async find(from: string, type: string, to: string): Promise<LinkRow | undefined> {
    const rows: Array<{
      fromSlug: string;
      fromTitle: string;
      toSlug: string;
      toTitle: string;
      type: string;
      note: string | null;
      version: number;
    }> = await this.dataSource.query(
      `SELECT f.slug AS "fromSlug", f.title AS "fromTitle", t.slug AS "toSlug", t.title AS "toTitle", l.type AS "type", l.note AS "note",
           l.version AS "version"
         FROM link l JOIN recommendation f ON f.id = l.from_id JOIN recommendation t ON t.id = l.to_id
         WHERE f.slug = ? AND l.type = ? AND t.slug = ?`,
      [from, type, to],
    );
    const l = rows[0];
    if (!l) return undefined;
    return {
      from: { slug: l.fromSlug, title: l.fromTitle },
      type: l.type,
      to: { slug: l.toSlug, title: l.toTitle },
      note: l.note,
      version: Number(l.version),
    };
  }
}
