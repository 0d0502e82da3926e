/**
 * The public address the server last started with, kept in the database: a CLI run beside it
 * (`notify:run-once` from a shell or cron) without PUBLIC_URL of its own links its emails there,
 * not to http://localhost:$PORT of its own environment.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment, publicUrl } from '../config/environment';
import { TrackerMeta } from './tracker-meta.entity';

const KEY = 'server_public_url';

@Injectable()
export class ServerAddress {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {}

  /** Records this server's public base URL (each start; the last one to start wins). */
  async recordThisServer(): Promise<void> {
    await this.dataSource.getRepository(TrackerMeta).upsert({ key: KEY, value: publicUrl(this.env) }, ['key']);
  }

  /** The base URL a server recorded, or null when none has run on this database. */
  async recorded(): Promise<string | null> {
    return (await this.dataSource.getRepository(TrackerMeta).findOneBy({ key: KEY }))?.value ?? null;
  }

  /**
   * For a CLI run: without PUBLIC_URL of its own, take the URL the server last started with on this
   * database (the environment is read when links are made, so they follow it).
   */
  async linkLikeTheServer(): Promise<void> {
    if (this.env.PUBLIC_URL) return;
    const recorded = await this.recorded();
    if (recorded) this.env.PUBLIC_URL = recorded;
  }
}
