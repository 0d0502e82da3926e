import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { dataSourceOptions, openDataSource } from './data-source-options';
import { DeadlineClockSync } from './deadline-clock-sync';
import { KnownAtTables } from './known-at';
import { ServerAddress } from './server-address';
import { WalCheckpointer } from './sqlite/wal-checkpointer';
import { Transactions } from './transactions';

/** The database connection (SQLite or PostgreSQL, data-source-options.ts); migrations run as it opens. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => dataSourceOptions(env),
      dataSourceFactory: (options) => openDataSource(options!),
    }),
  ],
  // The one transaction mechanism (transactions.ts): every write path opens its unit of work there.
  // WalCheckpointer: SQLite's WAL checkpoints in a worker thread, off the event loop.
  providers: [DeadlineClockSync, KnownAtTables, ServerAddress, Transactions, WalCheckpointer],
  exports: [DeadlineClockSync, KnownAtTables, ServerAddress, Transactions, WalCheckpointer],
})
export class DatabaseModule {}
