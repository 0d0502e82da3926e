/**
 * The rows of the overview's progress tables (per topic and per source: most of the page's bytes),
 * each rendered once per content and kept: after a status change only the rows of its item's source
 * and topics differ, so the page is rendered again around the other rows' HTML (at 200 sources and
 * 20 topics the tables were about 1 ms of the page's 2.6 ms). Kept by content, not by data version,
 * so a kept row is always the one rendering it again would give.
 */
import { Injectable } from '@nestjs/common';
import { PageRenderer } from '../presentation/renderer';
import type { GroupProgressView } from '../stats/stats.service';
import { DASHBOARD_VIEWS } from './views';

/** Rows kept at most (twice the groups of a large tracker); the lot is dropped when full. */
const MAX_ROWS = 4_000;

@Injectable()
export class ProgressRows {
  private readonly rows = new Map<string, string>();

  constructor(private readonly pages: PageRenderer) {}

  /** The `<tr>` rows of one table (`filter`: what a row's link filters the list by; `caption`: the table's). */
  html(filter: 'topic' | 'source', caption: string, groups: readonly GroupProgressView[]): string {
    const html: string[] = [];
    for (const g of groups) {
      const key = JSON.stringify([filter, caption, g.slug, g.title, g.count, g.implemented, g.progress.ratio]);
      let row = this.rows.get(key);
      if (row === undefined) {
        row = this.pages.fragment('progress-row', { g, filter, caption }, { views: DASHBOARD_VIEWS });
        if (this.rows.size >= MAX_ROWS) this.rows.clear();
        this.rows.set(key, row);
      }
      html.push(row);
    }
    // One line each, as the rows rendered in the page's own loop were.
    return html.map((row) => `${row}\n`).join('');
  }
}
