import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { ActorsModule } from './actors/actors.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { LoggingModule } from './common/logging/logging';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EditingModule } from './editing/editing.module';
import { EventsModule } from './events/events.controller';
import { FeedsModule } from './feeds/feeds.module';
import { HealthModule } from './health/health.module';
import { ImportExportModule } from './import-export/import-export.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { SeedModule } from './seed/seed.module';
import { SourcesModule } from './sources/sources.module';
import { StatsModule } from './stats/stats.controller';
import { TopicsModule } from './topics/topics.controller';

@Module({})
export class AppModule {
  static forRoot(env: Environment, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule.forRoot(env, logStream),
        DatabaseModule,
        AuthModule,
        AuditModule,
        SeedModule,
        RecommendationsModule,
        DeadlinesModule,
        SourcesModule,
        ActorsModule,
        TopicsModule,
        EventsModule,
        StatsModule,
        HealthModule,
        NotificationsModule,
        FeedsModule,
        EditingModule,
        ImportExportModule,
        DashboardModule,
      ],
    };
  }
}
