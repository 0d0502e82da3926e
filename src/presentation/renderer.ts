/**
 * Renders the site's HTML pages: Eta templates inside the one layout, with every interpolation
 * escaped. Each module keeps its templates in its own views folder (the dashboard's, the subscription
 * pages') and renders them through this service, so every page has the same layout, partials and
 * formatting helpers; see render(). createEta() is the one Eta configuration, also used by the emails.
 */
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { Environment, publicUrl } from '../config/environment';
import { STATUS_DESCRIPTIONS, STATUS_LABELS, STATUSES } from '../recommendations/rules/status-vocabulary';
import { SiteAssets } from './assets';
import * as format from './format';

/** The layout and partials every page shares (src/presentation/views, copied to dist by nest build). */
export const PRESENTATION_VIEWS = join(__dirname, 'views');

/** An Eta engine for the templates in `views`: cached, every `<%= %>` escaped, whitespace trimmed. */
export function createEta(views: string): Eta {
  return new Eta({ views, cache: true, autoEscape: true, rmWhitespace: true, defaultExtension: '.eta' });
}

export type NavSection = 'overview' | 'topics' | 'recommendations' | 'deadlines' | 'sources' | 'actors' | 'about' | 'subscribe';

/** What every page gives the layout. Anything else is passed to the template as `it.<name>`. */
export interface PageData {
  /** The page's own title; the layout appends the site name. */
  title: string;
  /** Which top-level navigation entry is current. */
  section?: NavSection;
  /** A one-line summary for search engines and link previews. */
  description?: string;
  /** Feeds for <link rel="alternate">: Atom, iCalendar, JSON. */
  alternates?: Array<{ href: string; type: string; title: string }>;
  /**
   * The page's link preview (Open Graph and Twitter card): its share image, the image's text
   * alternative, and the page's own path. Pages without one get the site's card.
   */
  share?: { image: string; alt: string; path?: string };
  [key: string]: unknown;
}

const NAV: Array<{ section: NavSection; href: string; label: string }> = [
  { section: 'overview', href: '/', label: 'Overview' },
  { section: 'topics', href: '/topics', label: 'Stories' },
  { section: 'recommendations', href: '/recommendations', label: 'Recommendations' },
  { section: 'deadlines', href: '/deadlines', label: 'Deadlines' },
  { section: 'sources', href: '/sources', label: 'Sources' },
  { section: 'about', href: '/about', label: 'About the data' },
];

@Injectable()
export class PageRenderer {
  private readonly engines = new Map<string, Eta>();
  private readonly shared: Array<[string, string]>;
  private readonly helpers: Record<string, unknown>;

  constructor(
    private readonly env: Environment,
    private readonly assets: SiteAssets,
  ) {
    // The layout and the partials are registered by name (@layout, @status, …) in every engine, so a
    // template from another module's views folder can use them too.
    this.shared = [['@layout', readFileSync(join(PRESENTATION_VIEWS, 'layout.eta'), 'utf8')]];
    for (const file of readdirSync(join(PRESENTATION_VIEWS, 'partials'))) {
      if (file.endsWith('.eta')) {
        this.shared.push([`@${basename(file, '.eta')}`, readFileSync(join(PRESENTATION_VIEWS, 'partials', file), 'utf8')]);
      }
    }
    const timeZone = env.TRACKER_TIME_ZONE;
    this.helpers = {
      ...format,
      closes: (closesAt: string, past?: boolean) => format.formatCloses(closesAt, timeZone, past),
      instant: (instant: string | Date) => format.formatInstant(instant, timeZone),
      qs: format.queryString,
      statuses: STATUSES,
      statusLabels: STATUS_LABELS,
      statusDescriptions: STATUS_DESCRIPTIONS,
      headlineAssessor: HEADLINE_ASSESSOR,
    };
  }

  /**
   * Renders `template` inside the layout and returns the whole HTML document.
   *
   * A template starts with `<% layout('@layout') %>`; what it outputs becomes the page's `<main>`
   * (or put it in `<% block('main', () => { %> … <% }) %>`). `data.title` is required. The template
   * reads its data as `it.*`, formatting helpers as `it.h.*` (`it.h.formatDate`, `it.h.statusLabel`,
   * `it.h.closes`…), and can include the partials (`<%~ include('@status', { status }) %>`).
   * Interpolate with `<%= %>`, which escapes; never put stored text through `<%~ %>`.
   *
   * @param template a path relative to `options.views` without `.eta` (`'overview'`, `'subscribe/confirm'`)
   * @param options.views the folder holding `template`, the calling module's own views:
   *   `render('confirm', data, { views: join(__dirname, 'views') })`.
   */
  render(template: string, data: PageData, options: { views: string }): string {
    return this.engine(options.views).render(template, {
      ...data,
      h: this.helpers,
      site: {
        name: 'Reform Tracker',
        publicUrl: publicUrl(this.env),
        timeZone: this.env.TRACKER_TIME_ZONE,
        staleAfterDays: this.env.STALE_AFTER_DAYS,
      },
      assets: { css: this.assets.href('dashboard.css'), icon: this.assets.href('favicon.svg') },
      nav: NAV.map((n) => ({ ...n, current: n.section === data.section })),
    });
  }

  /**
   * Renders a fragment of a page: `template` without the layout, with the same helpers (`it.h`). For
   * parts a page keeps from one rendering to the next (dashboard/progress-rows.ts).
   */
  fragment(template: string, data: Record<string, unknown>, options: { views: string }): string {
    return this.engine(options.views).render(template, { ...data, h: this.helpers });
  }

  private engine(views: string): Eta {
    let eta = this.engines.get(views);
    if (!eta) {
      eta = createEta(views);
      for (const [name, source] of this.shared) eta.loadTemplate(name, source);
      this.engines.set(views, eta);
    }
    return eta;
  }
}
