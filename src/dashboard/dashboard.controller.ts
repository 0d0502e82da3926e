/**
 * The public web dashboard: server-rendered HTML pages that work without JavaScript. Each route asks
 * a service for its data and renders one template; errors become HTML error pages.
 */
import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_DESCRIPTIONS, STATUS_LABELS, STATUSES } from '../recommendations/rules/status-vocabulary';
import { PROGRESS_CREDIT } from '../stats/rules/progress';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import type { RawQuery } from './dashboard-query';
import { DirectoryPagesService, readAt } from './directory-pages.service';
import { HtmlPages } from './html-page';
import { OverviewService } from './overview.service';
import { OverviewPage } from './overview-page';
import { RecommendationPagesService } from './recommendation-pages.service';
import { PageData, PageRenderer } from '../presentation/renderer';
import { DASHBOARD_VIEWS } from './views';

@Controller()
@HtmlPages()
@UseFilters(DashboardExceptionFilter)
export class DashboardController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly overview: OverviewService,
    private readonly recommendationPages: RecommendationPagesService,
    private readonly directory: DirectoryPagesService,
    private readonly overviewPage: OverviewPage,
  ) {}

  /** A dashboard template (src/dashboard/views) inside the site layout. */
  private render(template: string, data: PageData): string {
    return this.pages.render(template, data, { views: DASHBOARD_VIEWS });
  }

  /**
   * The overview is the same page for everyone: today's is cached by section (overview-page.ts).
   * With `asOf` it shows how things stood at the end of that date (not cached).
   */
  @Get()
  async home(@Query() query: RawQuery): Promise<string> {
    const { asOf } = await readAt({ asOf: query?.asOf });
    return this.overviewPage.html(asOf);
  }

  /** Every official's promise and promised deadline, with one tally (optionally as of a date). */
  @Get('promises')
  async promises(@Query() query: RawQuery): Promise<string> {
    const { asOf } = await readAt({ asOf: query?.asOf });
    const data = await this.overview.promisesPage(asOf);
    return this.render('promises', {
      title: asOf ? `Officials’ promises as of ${asOf}` : 'Officials’ promises',
      section: 'overview',
      description: 'Every promise an official made, with how each deadline ended, and the tally.',
      asOf: asOf ?? null,
      ...data,
    });
  }

  @Get('recommendations')
  async list(@Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const data = await this.recommendationPages.listPage(query);
    if (data.errors.length > 0) reply.status(400);
    return this.render('recommendations', {
      title: data.errors.length ? 'Recommendations: check the filters' : 'Recommendations',
      section: 'recommendations',
      alternates: data.errors.length
        ? []
        : [
            { href: data.links.atom, type: 'application/atom+xml', title: 'Status changes of these items (Atom)' },
            { href: data.links.json, type: 'application/json', title: 'These items (JSON)' },
          ],
      ...data,
    });
  }

  @Get('recommendations/:slug')
  async item(@Param('slug') slug: string, @Query() query: RawQuery): Promise<string> {
    const data = await this.recommendationPages.detailPage(slug, query);
    return this.render('recommendation', {
      title: data.item.title,
      section: 'recommendations',
      description: `${STATUS_LABELS[data.item.status]}: ${data.item.title}`,
      share: {
        image: `/share/recommendations/${encodeURIComponent(data.item.slug)}.png`,
        alt: `${data.item.title}: status and deadlines`,
        path: data.links.current,
      },
      alternates: [
        { href: data.links.atom, type: 'application/atom+xml', title: 'Status changes of this item (Atom)' },
        { href: data.links.json, type: 'application/json', title: 'This item (JSON)' },
      ],
      ...data,
    });
  }

  @Get('deadlines')
  async deadlines(@Query() query: RawQuery): Promise<string> {
    const data = await this.directory.deadlinesPage(query);
    return this.render('deadlines', {
      title: data.asOf ? `Deadlines as of ${data.asOf}` : 'Deadlines',
      section: 'deadlines',
      alternates: [{ href: data.feed.path, type: 'text/calendar', title: 'Deadlines (iCalendar)' }],
      ...data,
    });
  }

  @Get('sources')
  async sources(): Promise<string> {
    const { items } = await this.directory.sourceList();
    return this.render('sources', { title: 'Sources', section: 'sources', sources: items });
  }

  @Get('sources/:slug')
  async source(@Param('slug') slug: string): Promise<string> {
    const source = await this.directory.sourcePage(slug);
    return this.render('source', { title: source.title, section: 'sources', source });
  }

  @Get('actors')
  async actors(): Promise<string> {
    const { items } = await this.directory.actorList();
    return this.render('actors', { title: 'Who is involved', section: 'actors', actors: items });
  }

  @Get('actors/:slug')
  async actor(@Param('slug') slug: string): Promise<string> {
    const data = await this.directory.actorPage(slug);
    return this.render('actor', { title: data.actor.name, section: 'actors', ...data });
  }

  @Get('about')
  async about(): Promise<string> {
    const { items } = await this.directory.sourceList();
    const byKind = new Map<string, number>();
    for (const s of items) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1);
    return this.render('about', {
      title: 'About the data',
      section: 'about',
      statuses: STATUSES.map((s) => ({
        status: s,
        label: STATUS_LABELS[s],
        description: STATUS_DESCRIPTIONS[s],
        credit: PROGRESS_CREDIT[s],
      })),
      sourceCount: items.length,
      sourceKinds: [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([kind, count]) => ({ kind, count })),
    });
  }
}
