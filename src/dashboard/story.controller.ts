/**
 * Stories and sharing: the topic story pages (/topics, /topics/{slug}), a story's timeline as a
 * standalone SVG, and the share images (PNG) the pages name in their Open Graph and Twitter tags.
 */
import { Controller, Get, Headers, NotFoundException, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CachedBody } from '../common/cache/read-cache';
import { ifNoneMatchHits } from '../common/http/etag';
import { PageRenderer } from '../presentation/renderer';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import type { RawQuery } from './dashboard-query';
import { HtmlPages } from './html-page';
import { ShareImageService } from './share-image.service';
import { TopicPagesService } from './topic-pages.service';
import { DASHBOARD_VIEWS } from './views';

@Controller('topics')
@HtmlPages()
@UseFilters(DashboardExceptionFilter)
export class StoryPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly topics: TopicPagesService,
  ) {}

  @Get()
  async index(): Promise<string> {
    const topics = await this.topics.topics();
    return this.pages.render(
      'topics',
      {
        title: 'Stories',
        section: 'topics',
        description: 'Each topic told on one page: where things stand, a timeline, the items.',
        topics,
      },
      { views: DASHBOARD_VIEWS },
    );
  }

  @Get(':slug')
  async topic(@Param('slug') slug: string, @Query() query: RawQuery): Promise<string> {
    const data = await this.topics.topicPage(slug, query);
    const standing = data.story.facts[0]?.text;
    return this.pages.render(
      'topic',
      {
        title: data.asOf ? `${data.topic.name} as of ${data.asOf}` : data.topic.name,
        section: 'topics',
        description: standing ?? `The story of ${data.topic.name}.`,
        share: { image: data.links.image, alt: `${data.topic.name}: progress and deadlines`, path: data.links.current },
        alternates: [
          { href: data.links.atom, type: 'application/atom+xml', title: 'Status changes of these items (Atom)' },
          { href: data.links.json, type: 'application/json', title: 'These items (JSON)' },
        ],
        ...data,
      },
      { views: DASHBOARD_VIEWS },
    );
  }
}

/** The standalone timeline SVG and the share images. */
@ApiExcludeController()
@Controller()
@UseFilters(DashboardExceptionFilter)
export class ShareController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly topics: TopicPagesService,
    private readonly images: ShareImageService,
  ) {}

  @Get('topics/:slug/timeline.svg')
  async timeline(
    @Param('slug') slug: string,
    @Query() query: RawQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const data = await this.topics.topicPage(slug, query);
    reply.header('Content-Type', 'image/svg+xml; charset=utf-8').header('Cache-Control', 'no-cache');
    const svg = this.pages.render(
      'topic-timeline',
      { title: `Timeline of ${data.topic.name}`, chart: data.chart, idPrefix: 'story' },
      { views: DASHBOARD_VIEWS },
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
  }

  @Get('share/site.png')
  async site(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    sendPng(await this.images.site(), ifNoneMatch, reply);
  }

  /** An item's (`/share/recommendations/<slug>.png`) or a topic's (`/share/topics/<slug>.png`) card. */
  @Get('share/:collection/:file')
  async card(
    @Param('collection') collection: string,
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const slug = /^(.+)\.png$/.exec(file)?.[1];
    let image: CachedBody;
    if (slug && collection === 'recommendations') image = await this.images.item(slug);
    else if (slug && collection === 'topics') image = await this.images.topic(slug);
    else throw new NotFoundException(`No share image at /share/${collection}/${file}.`);
    sendPng(image, ifNoneMatch, reply);
  }
}

function sendPng(image: CachedBody, ifNoneMatch: string | undefined, reply: FastifyReply): void {
  reply
    .header('Content-Type', 'image/png')
    .header('ETag', image.etag)
    .header('Cache-Control', 'public, max-age=0, must-revalidate');
  if (ifNoneMatchHits(ifNoneMatch, image.etag)) {
    reply.status(304).send();
    return;
  }
  reply.status(200).send(image.body);
}
