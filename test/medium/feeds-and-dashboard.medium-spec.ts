/**
 * The reads behind the feeds and the dashboard, through FeedsService and OverviewService on a real
 * database: FeedsRepository (latest changes by recording time, knownAt, json_each id lists, deadline
 * stamps) and DashboardRepository (recently changed items, freshness). The feeds are read back with
 * real parsers (fast-xml-parser, ical.js).
 */
import { XMLParser } from 'fast-xml-parser';
import { DataSource } from 'typeorm';
import { bootMedium, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import { CatalogWritesService } from '../../src/common/writes/record-writes.service';
import { etagFor } from '../../src/common/http/etag';
import { DashboardController } from '../../src/dashboard/dashboard.controller';
import { OverviewPage } from '../../src/dashboard/overview-page';
import { DeadlineWritesService } from '../../src/deadlines/deadline-commands.service';
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import { OverviewService } from '../../src/dashboard/overview.service';
import { ProgressRows } from '../../src/dashboard/progress-rows';
import { PageRenderer } from '../../src/presentation/renderer';
import { StatsService } from '../../src/stats/stats.service';
import { RecommendationsRepository } from '../../src/recommendations/recommendations.repository';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { FeedsService } from '../../src/feeds/feeds.service';
import { StatusChangeWritesService } from '../../src/recommendations/status-changes.service';

// ical.js is an ES module with a CommonJS build, which is what require() (and Jest) load.
/** The calendar's pieces joined: the document as it is sent. */
async function whole(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}

type IcalModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
const ICAL = require('ical.js') as IcalModule;

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';
const HOUR = 3_600_000;
const SELF = 'https://tracker.test/feeds/changes';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' });
/** The entry titles of an Atom feed, in feed order. */
const titles = (xml: string): string[] =>
  ((parser.parse(xml) as { feed: { entry?: Array<{ title: string | { '#text': string } }> } }).feed.entry ?? []).map((e) =>
    typeof e.title === 'string' ? e.title : e.title['#text'],
  );

/** The HTML of one section of the overview (from its heading to the next section). */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  const end = page.indexOf('<section', start);
  return page.slice(start, end === -1 ? undefined : end);
}

describe('feeds and dashboard reads (services and repositories on a real database)', () => {
  let t: MediumApp;
  let feeds: FeedsService;

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed([
      {
        slug: 'alpha',
        title: 'Alpha policy',
        topics: ['foot-pursuits'],
        statuses: [{ status: 'accepted', on: '2026-01-10' }],
        deadlines: [{ due: '2026-05-31' }, { due: '2026-07-01' }],
      },
      {
        slug: 'bravo',
        title: 'Bravo training',
        topics: ['training'],
        statuses: [{ status: 'in_progress', on: '2026-03-01' }],
        deadlines: [{ due: '2026-09', precision: 'month' }],
      },
    ]);
    feeds = t.get(FeedsService);
    // Recorded an hour after the seed, effective on 2026-06-10.
    t.clock.advance(HOUR);
    await t.recordStatus('bravo', 'implemented', '2026-06-10');
  });
  afterAll(() => t.close());

  describe('Atom', () => {
    it('lists status changes newest recorded first', async () => {
      const entries = titles(await feeds.changes({}, SELF));
      expect(entries).toHaveLength(3);
      expect(entries[0]).toContain('Bravo training');
      expect(entries[0]).toContain('Implemented');
    });

    it('filters by the list filters (the ids go to SQL as one JSON list)', async () => {
      const entries = titles(await feeds.changes({ topic: 'foot-pursuits' }, SELF));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toContain('Alpha policy');
      expect(titles(await feeds.changes({ status: ['rejected'] }, SELF))).toEqual([]);
    });

    it('reads as of a date (effective by then) and as known at an instant (recorded by then)', async () => {
      expect(titles(await feeds.changes({ asOf: '2026-06-09' }, SELF))).toHaveLength(2);
      expect(titles(await feeds.changes({ knownAt: new Date(Date.parse(T0) + HOUR / 2).toISOString() }, SELF))).toHaveLength(2);
    });

    it('gives one item’s feed, and a 404 for an unknown item', async () => {
      expect(titles(await feeds.recommendation('bravo', SELF))).toHaveLength(2);
      expect((await problemOf(feeds.recommendation('nope', SELF))).status).toBe(404);
    });
  });

  describe('iCalendar', () => {
    it('has one event per deadline on its last day, stamped with when the deadline last changed', async () => {
      const calendar = new ICAL.Component(ICAL.parse(await whole(feeds.calendar({}))));
      const events = calendar.getAllSubcomponents('vevent');
      expect(events.map((e) => String(e.getFirstPropertyValue('dtstart')))).toEqual(['2026-05-31', '2026-07-01', '2026-09-30']);
      for (const e of events) expect(e.getFirstPropertyValue('dtstamp')).toBeTruthy();
    });

    it('filters like the deadline list', async () => {
      const calendar = new ICAL.Component(ICAL.parse(await whole(feeds.calendar({ overdue: true }))));
      expect(calendar.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('dtstart')))).toEqual([
        '2026-05-31',
      ]);
    });
  });

  describe('overview', () => {
    it('shows the counts, overdue and upcoming deadlines, the latest headline changes and freshness', async () => {
      const overview = await t.get(OverviewService).overview();
      expect(overview.stats.byStatus).toMatchObject({ accepted: 1, implemented: 1 });
      expect(overview.overdue.items.map((d) => d.slug)).toEqual(['alpha-dl-0']);
      // Upcoming means within 90 days: bravo's September deadline is further.
      expect(overview.upcoming.items.map((d) => d.slug)).toEqual(['alpha-dl-1']);
      expect(overview.latest.map((c) => [c.slug, c.status, c.previous])).toEqual([
        ['bravo', 'implemented', 'in_progress'],
        ['alpha', 'accepted', null],
      ]);
      expect(overview.freshness).toMatchObject({
        lastRecordedAt: new Date(Date.parse(T0) + HOUR).toISOString(),
        latestStatusOn: '2026-06-10',
      });
    });

    it('as of a past date, counts and lists what stood then', async () => {
      const overview = await t.get(OverviewService).overview('2026-05-01');
      expect(overview.stats.byStatus).toMatchObject({ accepted: 1, in_progress: 1, implemented: 0 });
      expect(overview.overdue.items).toEqual([]);
      expect(overview.latest.map((c) => c.slug)).toEqual(['bravo', 'alpha']);
    });

    it('after a status change renders again only the progress rows it changed; the page has the rows rendered from scratch', async () => {
      const home = t.get(DashboardController);
      const pages = t.get(PageRenderer);
      await home.home({});
      await t.recordStatus('alpha', 'implemented', '2026-06-15');
      const rendered = jest.spyOn(pages, 'fragment');
      try {
        const page = await home.home({});
        // alpha's topic and source; bravo's topic (training) is kept.
        const rows = rendered.mock.calls.filter(([template]) => template === 'progress-row');
        expect(rows.map(([, data]) => [data.filter, (data.g as { slug: string }).slug])).toEqual([
          ['topic', 'foot-pursuits'],
          ['source', 'report-a'],
        ]);
        const { progressByTopic, progressBySource } = await t.get(StatsService).stats();
        const fresh = new ProgressRows(pages);
        expect(page).toContain(fresh.html('topic', 'Progress by topic', progressByTopic));
        expect(page).toContain(fresh.html('source', 'Progress by source', progressBySource));
        expect(page).toContain('href="/recommendations?topic=training"');
      } finally {
        rendered.mockRestore();
      }
    });

    it('lists today what is left as the list filtered by each status does: its first items by slug', async () => {
      await t.seed(
        ['left-g', 'left-b', 'left-f', 'left-a', 'left-e', 'left-c', 'left-d'].map((slug) => ({
          slug,
          statuses: [{ status: 'stalled', on: '2026-02-01' }],
        })),
      );
      const recommendations = t.get(RecommendationsService);
      const { byStatus } = await t.get(StatsService).stats();
      const left = await t.get(OverviewService).whatIsLeft(byStatus);
      expect(left.find((g) => g.status === 'stalled')?.items.map((i) => i.slug)).toEqual([
        'left-a',
        'left-b',
        'left-c',
        'left-d',
        'left-e',
      ]);
      for (const g of left) {
        const listed = await t
          .get(RecommendationsRepository)
          .list(await recommendations.resolveFilters({ status: [g.status] }, 5));
        expect(g.items).toEqual(listed.slice(0, 5).map((r) => ({ slug: r.slug, title: r.title })));
      }
    });

    it("today's page, kept by section, is the page computed and rendered in full after every kind of write; a status change keeps the deadline lists", async () => {
      const overview = t.get(OverviewPage);
      /** The page from data computed now (no cached section), rendered in full (no kept fragment). */
      const full = async () => overview.render(await t.get(OverviewService).overview(), false);
      const lists = jest.spyOn(t.get(DeadlinesService), 'list');
      const version = async (table: string, slug: string) =>
        etagFor(Number((await t.ctx.get(DataSource).query(`SELECT version FROM ${table} WHERE slug = '${slug}'`))[0].version));
      /** Today's page after `write`, checked against the full one; whether the deadline lists were read again. */
      const after = async (write: () => Promise<unknown>) => {
        await write();
        lists.mockClear();
        const page = await overview.html();
        const listsRead = lists.mock.calls.length > 0;
        expect(page).toBe(await full());
        return { page, listsRead };
      };
      try {
        const before = await overview.html();
        expect(before).toBe(await full());

        // A status change: the counts, what is left and the latest changes move; the deadline lists,
        // which show items by name, are kept.
        const status = await after(() => t.recordStatus('alpha', 'partially_implemented', '2026-06-15'));
        expect(status.listsRead).toBe(false);
        expect(status.page).not.toBe(before);
        expect(sectionOf(status.page, 'latest')).toContain('Partially implemented');
        expect(sectionOf(before, 'latest')).not.toContain('Partially implemented');
        expect(sectionOf(status.page, 'standing')).not.toBe(sectionOf(before, 'standing'));
        expect(sectionOf(status.page, 'overdue')).toBe(sectionOf(before, 'overdue'));

        // The latest changes read again only the changes of the item that has a new one; a
        // correction (a new row that retracts one, marking it retracted) is seen as a change too.
        const changesRead = jest.spyOn(t.get(RecommendationsRepository), 'statusChangesFor');
        const id = async (slug: string) =>
          Number((await t.ctx.get(DataSource).query(`SELECT id FROM recommendation WHERE slug = '${slug}'`))[0].id);
        try {
          const again = await after(() => t.recordStatus('bravo', 'in_progress', '2026-06-15'));
          // The first read is the kept page's; the page computed in full reads every shown item's after it.
          expect(changesRead.mock.calls[0][0]).toEqual([await id('bravo')]);
          expect(sectionOf(again.page, 'latest')).toContain('In progress');
          const { id: mistaken } = await t.recordStatus('alpha', 'rejected', '2026-06-15');
          changesRead.mockClear();
          const corrected = await after(() =>
            t.ctx
              .get(StatusChangeWritesService)
              .record(
                'alpha',
                { retracts: mistaken, note: 'Recorded on the wrong item.', source: 'report-a', excerpt: 'Report A.' },
                EDITOR,
              ),
          );
          expect(changesRead.mock.calls[0][0]).toEqual([await id('alpha')]);
          expect(sectionOf(corrected.page, 'latest')).not.toContain('Rejected');
        } finally {
          changesRead.mockRestore();
        }

        // A new title: both deadline lists show it.
        const renamed = await after(async () =>
          t.ctx
            .get(CatalogWritesService, { strict: false })
            .update(
              'recommendations',
              { slug: 'alpha' },
              { title: 'Alpha policy, renamed' },
              await version('recommendation', 'alpha'),
              EDITOR,
            ),
        );
        expect(renamed.listsRead).toBe(true);
        expect(sectionOf(renamed.page, 'overdue')).toContain('Alpha policy, renamed');
        expect(sectionOf(renamed.page, 'upcoming')).toContain('Alpha policy, renamed');

        // A new deadline: the upcoming list shows it.
        const added = await after(() =>
          t.ctx
            .get(DeadlineWritesService, { strict: false })
            .create(
              'bravo',
              { label: 'by mid-July', due: '2026-07-15', precision: 'day', authority: 'official_promise', source: 'report-a' },
              EDITOR,
            ),
        );
        expect(added.listsRead).toBe(true);
        expect(sectionOf(added.page, 'upcoming')).toContain('by mid-July');

        // A source's new title: the evidence of the latest changes names it.
        const source = await after(async () =>
          t.ctx
            .get(CatalogWritesService, { strict: false })
            .update('sources', { slug: 'report-a' }, { title: 'Report A, renamed' }, await version('source', 'report-a'), EDITOR),
        );
        expect(sectionOf(source.page, 'latest')).toContain('Report A, renamed');

        // A new local day: the days late and left move.
        const tomorrow = await after(async () => t.clock.advance(24 * HOUR));
        expect(sectionOf(tomorrow.page, 'overdue')).not.toBe(sectionOf(source.page, 'overdue'));
      } finally {
        lists.mockRestore();
      }
    });
  });
});
