import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { sqliteOptions } from './data-source-options';
import { DeadlineClockSync } from './deadline-clock-sync';

/** The database connection; migrations run as the connection opens. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => sqliteOptions(env.DATABASE_PATH, { migrationsRun: true }),
    }),
  ],
  providers: [DeadlineClockSync],
  exports: [DeadlineClockSync],
})
export class DatabaseModule {}
