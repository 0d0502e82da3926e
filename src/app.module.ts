import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { CatalogModule } from './catalog/catalog.module';
import { ReadCacheModule } from './common/cache/read-cache.module';
import { RateLimitModule } from './common/http/rate-limits';
import { WritesModule } from './common/writes/writes.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { LoggingModule } from './common/logging/logging';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EventsModule } from './events/events.module';
import { FindingsModule } from './findings/findings.module';
import { LinksModule } from './links/links.module';
import { FeedsModule } from './feeds/feeds.module';
import { HealthModule } from './health/health.module';
import { ImportExportModule } from './import-export/import-export.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { SeedModule } from './seed/seed.module';
import { StatsModule } from './stats/stats.controller';

@Module({})
export class AppModule {
  static forRoot(env: Environment, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule.forRoot(env, logStream),
        DatabaseModule,
        RateLimitModule,
        ReadCacheModule,
        AuthModule,
        AuditModule,
        WritesModule,
        SeedModule,
        RecommendationsModule,
        DeadlinesModule,
        FindingsModule,
        CatalogModule,
        EventsModule,
        LinksModule,
        StatsModule,
        HealthModule,
        NotificationsModule,
        FeedsModule,
        ImportExportModule,
        DashboardModule,
      ],
    };
  }
}
