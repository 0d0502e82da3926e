import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { dataSourceOptions, openDataSource } from './data-source-options';
import { DeadlineClockSync } from './deadline-clock-sync';
import { KnownAtTables } from './known-at';
import { ServerAddress } from './server-address';
import { WalCheckpointer } from './sqlite/wal-checkpointer';
import { WriteWorker } from './sqlite/write-worker';
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
  // WalCheckpointer: SQLite's WAL checkpoints in a worker thread, off the event loop; WriteWorker:
  // large writes (the notification scan's) on a connection of their own in another.
  providers: [DeadlineClockSync, KnownAtTables, ServerAddress, Transactions, WalCheckpointer, WriteWorker],
  exports: [DeadlineClockSync, KnownAtTables, ServerAddress, Transactions, WalCheckpointer, WriteWorker],
})
export class DatabaseModule {}
