/**
 * Share images (PNG, 1200 × 630) for link previews: an SVG card drawn by views/share-card.eta,
 * rasterised by resvg (@resvg/resvg-js, a prebuilt native module from the npm registry; nothing is
 * fetched at run time). Text uses the system's fonts (DejaVu Sans where installed). Each image is
 * made once per data version and local day (ReadCache), so a busy link costs one rendering.
 */
import { Injectable } from '@nestjs/common';
import { Resvg } from '@resvg/resvg-js';
import { ReadCache, CachedBody, RECORD_READS } from '../common/cache/read-cache';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { PageRenderer } from '../presentation/renderer';
import { CARD_HEIGHT, CARD_WIDTH, itemCard, ShareCard, siteCard, topicCard } from './share-card';
import { TopicPagesService } from './topic-pages.service';
import { DASHBOARD_VIEWS } from './views';

const SITE_NAME = 'Reform Tracker';

@Injectable()
export class ShareImageService {
  constructor(
    private readonly pages: PageRenderer,
    private readonly recommendations: RecommendationsService,
    private readonly topics: TopicPagesService,
    private readonly cache: ReadCache,
  ) {}

  /** The card of one item as it is today; 404 for an unknown slug (nothing is cached then). */
  async item(slug: string): Promise<CachedBody> {
    return this.cache.binary(`share item ${slug}`, RECORD_READS, async () =>
      this.png(itemCard(await this.recommendations.detail(slug), SITE_NAME)),
    );
  }

  /** The card of a topic's story as it is today; 404 for an unknown topic. */
  async topic(slug: string): Promise<CachedBody> {
    return this.cache.binary(`share topic ${slug}`, RECORD_READS, async () => {
      const page = await this.topics.topicPage(slug, {});
      return this.png(topicCard(page.topic, page.story, page.items.length, SITE_NAME));
    });
  }

  /** The site's card, for every page without its own. */
  site(): Promise<CachedBody> {
    return this.cache.binary('share site', RECORD_READS, async () => this.png(siteCard(SITE_NAME)));
  }

  /** The card's SVG (also what the tests read). */
  svg(card: ShareCard): string {
    return this.pages.render(
      'share-card',
      { title: card.titleLines.join(' '), card, width: CARD_WIDTH, height: CARD_HEIGHT },
      { views: DASHBOARD_VIEWS },
    );
  }

  private png(card: ShareCard): Buffer {
    const resvg = new Resvg(this.svg(card), {
      fitTo: { mode: 'original' },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    });
    return resvg.render().asPng();
  }
}
