/**
 * What an export needs besides the records themselves: the name of the headline assessor for the
 * list CSV. (What a filtered export covers is followed through the record descriptions, in
 * export.service.ts.)
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class ExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The name of the actor with this slug, if there is one. */
  async actorName(slug: string): Promise<string | undefined> {
    const rows: Array<{ name: string }> = await this.dataSource.query(`SELECT name FROM actor WHERE slug = ?`, [slug]);
    return rows[0]?.name;
  }
}
