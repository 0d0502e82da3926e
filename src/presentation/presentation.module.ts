import { Module } from '@nestjs/common';
import { SiteAssets } from './assets';
import { PageRenderer } from './renderer';

/**
 * How the site presents itself: the page layout and partials, the stylesheet and icons, and the
 * renderer that puts a module's Eta template inside them. Imported by every module that serves HTML
 * pages (the dashboard, the subscription pages). The wording helpers (format.ts) are plain functions.
 */
@Module({
  providers: [SiteAssets, PageRenderer],
  exports: [SiteAssets, PageRenderer],
})
export class PresentationModule {}
