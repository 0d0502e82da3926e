import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { sqliteOptions } from './sqlite/data-source-options';
import { DeadlineClockSync } from './deadline-clock-sync';
import { KnownAtTables } from './known-at';
import { Transactions } from './transactions';

/** The database connection; migrations run as the connection opens. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => sqliteOptions(env.DATABASE_PATH, { migrationsRun: true }),
    }),
  ],
  // The one transaction mechanism (transactions.ts): every write path opens its unit of work there.
  providers: [DeadlineClockSync, KnownAtTables, Transactions],
  exports: [DeadlineClockSync, KnownAtTables, Transactions],
})
export class DatabaseModule {}
