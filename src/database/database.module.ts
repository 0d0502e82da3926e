import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { dataSourceOptions, openDataSource } from './data-source-options';
import { DeadlineClockSync } from './deadline-clock-sync';
import { KnownAtTables } from './known-at';
import { ServerAddress } from './server-address';
import { Transactions } from './transactions';
import { WalCheckpoints } from './sqlite/wal-checkpoints';

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
  // WalCheckpoints: the SQLite file's checkpoints on a worker thread, off the event loop.
  providers: [DeadlineClockSync, KnownAtTables, ServerAddress, Transactions, WalCheckpoints],
  exports: [DeadlineClockSync, KnownAtTables, ServerAddress, Transactions],
})
export class DatabaseModule {}
