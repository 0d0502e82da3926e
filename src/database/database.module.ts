import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Environment } from '../config/environment';
import { sqliteOptions } from './data-source-options';
import { DeadlineClockSync } from './deadline-clock-sync';
import { KnownAtTables } from './known-at';
import { serializeTransactions } from './serialized-transactions';

/** The database connection; migrations run as the connection opens. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => sqliteOptions(env.DATABASE_PATH, { migrationsRun: true }),
      // One connection serves every request: transactions must queue, not nest (see serialized-transactions.ts).
      dataSourceFactory: async (options) => serializeTransactions(new DataSource(options as DataSourceOptions)),
    }),
  ],
  providers: [DeadlineClockSync, KnownAtTables],
  exports: [DeadlineClockSync, KnownAtTables],
})
export class DatabaseModule {}
