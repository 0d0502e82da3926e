/**
 * Deadline close instants are stored for indexing, and they depend on TRACKER_TIME_ZONE. When the
 * zone changes between runs, every stored instant is recomputed at start so the index stays true.
 */
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { inTransaction } from './transactions';
import { refreshListRows } from '../recommendations/list-rows.repository';
import { closesAt } from '../deadlines/rules/deadline-clock';
import type { DeadlinePrecision } from '../deadlines/rules/deadline-clock';

const ZONE_KEY = 'deadline_time_zone';

@Injectable()
export class DeadlineClockSync implements OnModuleInit {
  private readonly logger = new Logger(DeadlineClockSync.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sync();
  }

  async sync(): Promise<void> {
    const zone = this.env.TRACKER_TIME_ZONE;
    const rows: Array<{ value: string }> = await this.dataSource.query(`SELECT value FROM tracker_meta WHERE key = ?`, [
      ZONE_KEY,
    ]);
    if (rows[0]?.value === zone) return;
    await inTransaction(this.dataSource, async (em) => {
      const deadlines: Array<{ id: number; due: string; precision: DeadlinePrecision }> = await em.query(
        `SELECT id, due, precision FROM deadline`,
      );
      for (const d of deadlines) {
        await em.query(`UPDATE deadline SET closes_at = ? WHERE id = ?`, [
          closesAt(d.due, d.precision, zone).toISOString(),
          d.id,
        ]);
      }
      await em.query(
        `UPDATE recommendation SET next_close_at = (SELECT MIN(d.closes_at) FROM deadline d WHERE d.recommendation_id = recommendation.id AND d.state = 'open')`,
      );
      // The list rows show the open deadlines' close instants.
      const open: Array<{ rid: number }> = await em.query(
        `SELECT DISTINCT recommendation_id AS "rid" FROM deadline WHERE state = 'open'`,
      );
      await refreshListRows(
        em,
        open.map((r) => Number(r.rid)),
      );
      await em.query(
        `INSERT INTO tracker_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        [ZONE_KEY, zone],
      );
      if (deadlines.length > 0) this.logger.log(`Recomputed ${deadlines.length} deadline close times for ${zone}`);
    });
  }
}
