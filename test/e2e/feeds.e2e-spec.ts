/**
 * The Atom and iCalendar feeds, read back with real parsers (fast-xml-parser, ical.js): structure,
 * stable ids, filters, escaping, and conditional GET with ETag / If-None-Match.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedsService } from '../../src/feeds/feeds.service';
import { bootNotifyApp, HOUR, NotifyApp } from '../support/notify-app';
import { bearer, createTestKeys } from '../support/editors';
import type { FactoryItem } from '../support/factories';

// ical.js is an ES module with a CommonJS build, which is what require() (and Jest) load.
type IcalModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
const ICAL = require('ical.js') as IcalModule;

const items: FactoryItem[] = [
  {
    slug: 'alpha',
    title: 'Adopt a foot pursuit policy & <train> on it',
    topics: ['foot-pursuits'],
    statuses: [
      { status: 'accepted', on: '2029-06-01' },
      { status: 'interim', on: '2030-01-15' },
    ],
    deadlines: [
      { due: '2030-05', precision: 'month' },
      { due: '2029-09-03', state: 'missed' },
    ],
  },
  {
    slug: 'bravo',
    title: 'Train every officer',
    topics: ['training'],
    statuses: [{ status: 'implemented', on: '2030-02-01', assessor: 'independent-monitoring-team' }],
    deadlines: [{ due: '2030-Q3', precision: 'quarter' }],
  },
  { slug: 'charlie', title: 'Never assessed' },
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'author', 'category'].includes(name),
});

interface AtomDoc {
  feed: {
    id: string;
    title: { '#text': string };
    updated: string;
    link: Array<{ '@rel': string; '@href': string }>;
    entry?: Array<{
      id: string;
      title: { '#text': string };
      updated: string;
      link: Array<{ '@rel': string; '@href': string }>;
      author: Array<{ name: string }>;
      category: Array<{ '@term': string; '@label': string }>;
      summary: { '#text': string };
      published?: string;
    }>;
  };
}

/** Requests an Atom feed of `t` and checks it is served as Atom. */
async function atomOf(t: NotifyApp, path: string, query: Record<string, string> = {}) {
  const res = await t.http.get(path).query(query);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(XMLValidator.validate(res.text)).toBe(true);
  return { res, doc: parser.parse(res.text) as AtomDoc };
}

/** The list filters applied to the changes feed, on the `items` record. */
async function expectListFilters(t: NotifyApp): Promise<void> {
  const atom = (path: string, query: Record<string, string> = {}) => atomOf(t, path, query);
  const byTopic = (await atom('/feeds/changes.atom', { topic: 'training' })).doc.feed.entry ?? [];
  expect(byTopic.map((e) => e.link[0]['@href'])).toEqual(['https://tracker.test/recommendations/bravo']);
  const byStatus = (await atom('/feeds/changes.atom', { status: 'interim' })).doc.feed.entry ?? [];
  expect(byStatus).toHaveLength(2);
  // bravo is assessed by the monitor only: its headline status is "not yet assessed", and it has one change.
  const unassessed = (await atom('/feeds/changes.atom', { status: 'not_assessed' })).doc.feed.entry ?? [];
  expect(unassessed.map((e) => e.author[0].name)).toEqual(['Independent Monitoring Team']);
  expect((await atom('/feeds/changes.atom', { q: 'no such words' })).doc.feed.entry).toBeUndefined();
  const asOf = (await atom('/feeds/changes.atom', { asOf: '2029-12-31' })).doc.feed.entry ?? [];
  expect(asOf.map((e) => e.category[0]['@term'])).toEqual(['accepted']);
  const bad = await t.http.get('/feeds/changes.atom').query({ status: 'done' });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('status');
  expect((await t.http.get('/feeds/changes.atom').query({ topic: 'nope' })).status).toBe(400);
}

describe('feeds', () => {
  let t: NotifyApp;

  beforeAll(async () => {
    t = await bootNotifyApp(items);
  });
  afterAll(() => t.close());

  const atom = (path: string, query: Record<string, string> = {}) => atomOf(t, path, query);

  it('has one Atom entry per status change, newest first, with stable ids and evidence links', async () => {
    const { doc } = await atom('/feeds/changes.atom');
    const entries = doc.feed.entry ?? [];
    expect(entries).toHaveLength(3);
    expect(doc.feed.id).toBe('tag:tracker.test,2017:feeds/changes');
    expect(doc.feed.link.find((l) => l['@rel'] === 'self')?.['@href']).toBe('https://tracker.test/feeds/changes.atom');
    for (const e of entries) {
      expect(e.id).toMatch(/^tag:tracker\.test,2017:status-change\/\d+$/);
      expect(new Date(e.updated).toISOString()).toBe(e.updated);
      expect(e.link.find((l) => l['@rel'] === 'alternate')?.['@href']).toMatch(
        /^https:\/\/tracker\.test\/recommendations\/(alpha|bravo)$/,
      );
      // The factory's evidence source has a URL: it is the entry's evidence link.
      expect(e.link.find((l) => l['@rel'] === 'related')?.['@href']).toBe('https://example.org/a');
    }
    const ids = entries.map((e) => Number(e.id.split('/').pop()));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const interim = entries.find((e) => e.category[0]['@term'] === 'interim')!;
    // Escaped in the XML, intact once parsed.
    expect(interim.title['#text']).toBe('Adopt a foot pursuit policy & <train> on it: Interim measure in force');
    expect(interim.author[0].name).toBe('Reform Tracker editors');
    // "Reform Tracker editors" is plural: no "editors says" (reader test 17).
    expect(interim.summary['#text']).toContain(
      'As of January 15, 2030, the status of “Adopt a foot pursuit policy & <train> on it” is “Interim measure in force”, according to Reform Tracker editors.',
    );
    expect(interim.summary['#text']).toContain('Evidence: Report A');
    // These entries come in through the seed, so each is dated by its sourced date (seeded-story's
    // Atom test); the feed itself changed when they were recorded, which is no earlier.
    expect(Date.parse(doc.feed.updated)).toBeGreaterThanOrEqual(Math.max(...entries.map((e) => Date.parse(e.updated))));
    expect(interim.updated).toBe('2030-01-15T06:00:00.000Z');

    // The same entry keeps its id in a filtered feed and in the item's own feed.
    const { doc: own } = await atom('/feeds/recommendations/alpha.atom');
    expect(own.feed.entry!.map((e) => e.id)).toContain(interim.id);
  });

  it('applies the recommendation list filters', () => expectListFilters(t));

  it('serves one item’s feed, and 404 for an unknown item', async () => {
    const { doc } = await atom('/feeds/recommendations/bravo.atom');
    expect(doc.feed.id).toBe('tag:tracker.test,2017:feeds/recommendations/bravo');
    expect(doc.feed.entry).toHaveLength(1);
    expect(doc.feed.entry![0].author[0].name).toBe('Independent Monitoring Team');
    expect((await atom('/feeds/recommendations/charlie.atom')).doc.feed.entry).toBeUndefined();
    expect((await t.http.get('/feeds/recommendations/nope.atom')).status).toBe(404);
    expect((await t.http.get('/feeds/recommendations/alpha.rss')).status).toBe(404);
  });

  it('answers 304 to If-None-Match with the current ETag, and a new ETag once something changes', async () => {
    const first = await t.http.get('/feeds/changes.atom');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await t.http.get('/feeds/changes.atom').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await t.http.get('/feeds/changes.atom').set('If-None-Match', `"other", W/${etag}`)).status).toBe(304);
    expect((await t.http.get('/feeds/changes.atom').set('If-None-Match', '"other"')).status).toBe(200);

    t.clock.advance(HOUR);
    await t.seed([{ slug: 'charlie', statuses: [{ status: 'in_progress', on: '2030-02-20' }] }]);
    const changed = await t.http.get('/feeds/changes.atom').set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('has one VEVENT per deadline with a stable UID, the wording, the last day, the state and a link', async () => {
    const res = await t.http.get('/feeds/deadlines.ics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Reform Tracker//deadlines//EN');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(3);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const uid of byUid.keys()) expect(uid).toMatch(/^deadline-\d+@tracker\.test$/);

    const may = events.find((e) => e.summary.includes('“by 2030-05”'))!;
    expect(may.summary).toBe('Adopt a foot pursuit policy & <train> on it: “by 2030-05” (May 2030)');
    expect(may.startDate.isDate).toBe(true);
    expect(may.startDate.toString()).toBe('2030-05-31');
    expect(may.endDate.toString()).toBe('2030-06-01');
    expect(may.description).toContain('Deadline, in the original words: “by 2030-05”');
    expect(may.description).toContain('Closes 12:00 a.m. June 1, 2030 (America/Chicago)');
    expect(may.description).toContain('State: Open');
    expect(may.component.getFirstPropertyValue('url')).toBe('https://tracker.test/recommendations/alpha');
    expect(may.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(may.component.getFirstPropertyValue('x-reform-tracker-closes-at')).toBe('2030-06-01T05:00:00.000Z');

    const missed = events.find((e) => e.summary.includes('2029-09-03'))!;
    expect(missed.startDate.toString()).toBe('2029-09-03');
    expect(missed.description).toMatch(/State: Missed/);
    expect(missed.component.getFirstPropertyValue('categories')).toBe('missed');

    const quarter = events.find((e) => e.summary.includes('2030-Q3'))!;
    expect(quarter.startDate.toString()).toBe('2030-09-30');

    // Stable: the same UIDs on the next request, and 304 when nothing changed.
    const second = await t.http.get('/feeds/deadlines.ics').set('If-None-Match', res.headers.etag);
    expect(second.status).toBe(304);
  });

  it('applies the deadline filters to the calendar', async () => {
    const res = await t.http.get('/feeds/deadlines.ics').query({ state: 'missed' });
    const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect((await t.http.get('/feeds/deadlines.ics').query({ state: 'late' })).status).toBe(400);
  });
  it('moves a retracted entry’s updated to when the retraction was recorded, so readers that have it see the change', async () => {
    const editor = (await createTestKeys(t.app, 'feeds')).editor;
    const mistake = await t.http
      .post('/api/v1/recommendations/charlie/status-changes')
      .set(bearer(editor))
      .send({ status: 'implemented', effectiveOn: '2030-03-01', url: 'https://example.org/c', note: 'Misread the report.' });
    expect(mistake.status).toBe(201);
    const before = (await atom('/feeds/recommendations/charlie.atom')).doc.feed.entry!;
    const recordedAt = before.find((e) => e.id.endsWith(`/${mistake.body.id}`))!.updated;
    t.clock.advance(HOUR);
    const fix = await t.http
      .post('/api/v1/recommendations/charlie/status-changes')
      .set(bearer(editor))
      .send({ retracts: mistake.body.id, note: 'Withdrawn: the report describes a plan.', url: 'https://example.org/c' });
    expect(fix.status).toBe(201);
    const { doc } = await atom('/feeds/recommendations/charlie.atom');
    const retraction = doc.feed.entry!.find((e) => e.id.endsWith(`/${fix.body.id}`))!;
    const retracted = doc.feed.entry!.find((e) => e.id.endsWith(`/${mistake.body.id}`))!;
    expect(retracted.title['#text']).toMatch(/^\[Retracted\] /);
    expect(retracted.updated).toBe(retraction.updated);
    expect(Date.parse(retracted.updated) - Date.parse(recordedAt)).toBe(HOUR);
    // Its published time stays when it was first recorded.
    expect(retracted.published).toBe(recordedAt);
    expect(doc.feed.updated).toBe(retraction.updated);
  });
});

describe('feeds: filters that select more items than are read by id', () => {
  let t: NotifyApp;

  beforeAll(async () => {
    t = await bootNotifyApp(items);
    const feeds = t.app.get(FeedsService);
    // Every filter that selects an item walks the status changes, one per statement (each step of the key).
    feeds.idPage = 0;
    feeds.changePage = 1;
  });
  afterAll(() => t.close());

  it('walks the changes newest first and keeps those of the selected items: the same entries', () => expectListFilters(t));
});
