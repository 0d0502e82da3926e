import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's messages through Nest's Logger (so through pino in the server), instead of console.log.
 * A failed query is logged with its SQL and error, never its parameters: they hold e-mail addresses
 * and token hashes.
 */
export class NestTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`query failed: ${error instanceof Error ? error.message : error}: ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  // Like the former `logging: ['error']`: queries, schema building, migrations and TypeORM's own
  // notes are not logged (the CLI runs DataSources outside Nest, where nothing would filter them).
  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
