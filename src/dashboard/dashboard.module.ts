import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { StatsModule } from '../stats/stats.controller';
import { AssetsController, SiteFilesController } from './assets.controller';
import { DashboardAssets } from './dashboard-assets';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import { DashboardRenderer } from './dashboard-renderer';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DirectoryPagesService } from './directory-pages.service';
import { HtmlPageInterceptor } from './html-page';
import { OverviewService } from './overview.service';
import { RecommendationPagesService } from './recommendation-pages.service';

/**
 * The public web dashboard. Exports DashboardRenderer (render a template inside the site layout) and
 * DashboardExceptionFilter (HTML error pages), so other modules can add pages that look the same.
 */
@Module({
  imports: [RecommendationsModule, DeadlinesModule, StatsModule, CatalogModule],
  controllers: [DashboardController, AssetsController, SiteFilesController],
  providers: [
    DashboardAssets,
    DashboardRenderer,
    DashboardRepository,
    DashboardExceptionFilter,
    HtmlPageInterceptor,
    OverviewService,
    RecommendationPagesService,
    DirectoryPagesService,
  ],
  exports: [DashboardRenderer, DashboardExceptionFilter, HtmlPageInterceptor, DashboardAssets],
})
export class DashboardModule {}
