import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { StatsModule } from '../stats/stats.controller';
import { AssetsController, SiteFilesController } from './assets.controller';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DirectoryPagesService } from './directory-pages.service';
import { HtmlPageInterceptor } from './html-page';
import { OverviewPage } from './overview-page';
import { OverviewService } from './overview.service';
import { PresentationModule } from '../presentation/presentation.module';
import { ProgressRows } from './progress-rows';
import { RecommendationPagesService } from './recommendation-pages.service';
import { ShareImageService } from './share-image.service';
import { ShareController, StoryPagesController } from './story.controller';
import { TopicPagesService } from './topic-pages.service';

/**
 * The public web dashboard. Its pages are rendered by the PresentationModule's PageRenderer, inside
 * the site layout. Exports DashboardExceptionFilter (HTML error pages) and HtmlPageInterceptor.
 */
@Module({
  imports: [PresentationModule, RecommendationsModule, DeadlinesModule, StatsModule, CatalogModule],
  controllers: [DashboardController, StoryPagesController, ShareController, AssetsController, SiteFilesController],
  providers: [
    DashboardRepository,
    DashboardExceptionFilter,
    HtmlPageInterceptor,
    OverviewService,
    OverviewPage,
    ProgressRows,
    RecommendationPagesService,
    DirectoryPagesService,
    TopicPagesService,
    ShareImageService,
  ],
  exports: [DashboardExceptionFilter, HtmlPageInterceptor],
})
export class DashboardModule {}
