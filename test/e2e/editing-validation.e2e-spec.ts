/**
 * Every way a write can be refused, each checked against the whole database: after a refused
 * request every table has the same rows (counts and checksum) as before. No input gives a 500.
 */
import { snapshotDb } from '../support/db-snapshot';
import { bearer, TestKeys } from '../support/editors';
import { addDays, localToday } from '../support/factories';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

interface Bad {
  name: string;
  method: 'post' | 'patch' | 'delete' | 'get';
  url: string;
  /** An object is sent as JSON; a string as it is, with `type`. */
  body?: unknown;
  type?: string;
  headers?: Record<string, string>;
  as?: 'editor' | 'admin';
  status: number;
  /** The fields the problem's `errors` must name (400s). */
  fields?: string[];
}

const today = localToday();
const evidence = { source: 'report-a', excerpt: 'As the report says.' };
const sc = (body: object) => ({ status: 'in_progress', effectiveOn: '2021-01-01', ...evidence, ...body });

let ids: { alphaChange: number; bravoChange: number; retracted: number; openDeadline: number; metDeadline: number };

type Lazy = { name: string; lazy: () => Omit<Bad, 'name'> };
/** A case that needs ids known only once the data is set up. */
const lazy = (name: string, make: () => Omit<Bad, 'name'>): Lazy => ({ name, lazy: make });

const BAD: Array<Bad | Lazy> = [
  // Shape of the body
  { name: 'an empty body', method: 'post', url: '/api/v1/sources', body: {}, status: 400, fields: ['slug', 'title', 'kind'] },
  { name: 'a JSON array', method: 'post', url: '/api/v1/sources', body: [], status: 400, fields: ['(body)'] },
  {
    name: 'malformed JSON',
    method: 'post',
    url: '/api/v1/sources',
    body: '{"slug": "x",',
    type: 'application/json',
    status: 400,
  },
  { name: 'an empty JSON body', method: 'post', url: '/api/v1/sources', body: '', type: 'application/json', status: 400 },
  {
    name: 'an unsupported content type',
    method: 'post',
    url: '/api/v1/sources',
    body: '<source/>',
    type: 'application/xml',
    status: 415,
  },
  {
    name: 'a body over 1 MB',
    method: 'post',
    url: '/api/v1/sources',
    body: { slug: 'big', title: 'x'.repeat(1_100_000), kind: 'other' },
    status: 413,
  },
  {
    name: 'an unknown field',
    method: 'post',
    url: '/api/v1/sources',
    body: { slug: 'x', title: 'X', kind: 'other', colour: 'red' },
    status: 400,
    fields: ['colour'],
  },
  {
    name: 'bad slug, kind, date and URL',
    method: 'post',
    url: '/api/v1/sources',
    body: { slug: 'Not A Slug', title: ' ', kind: 'blog', publishedOn: '2021-02-30', url: 'javascript:alert(1)' },
    status: 400,
    fields: ['slug', 'title', 'kind', 'publishedOn', 'url'],
  },
  {
    name: 'a title longer than the column',
    method: 'post',
    url: '/api/v1/sources',
    body: { slug: 'long', title: 'x'.repeat(501), kind: 'other' },
    status: 400,
    fields: ['title'],
  },
  {
    name: 'a slug that exists',
    method: 'post',
    url: '/api/v1/sources',
    body: { slug: 'report-a', title: 'Again', kind: 'other' },
    status: 409,
  },
  {
    name: 'a source as a number',
    method: 'post',
    url: '/api/v1/actors',
    body: { slug: 'x', name: 42, kind: 'agency' },
    status: 400,
    fields: ['name'],
  },
  // References
  {
    name: 'a recommendation citing unknown things',
    method: 'post',
    url: '/api/v1/recommendations',
    body: { slug: 'new', kind: 'demand', title: 'T', text: 'T', source: 'nope', topics: ['nope'], responsible: 'nope' },
    status: 400,
    fields: ['source', 'topics[0]', 'responsible'],
  },
  {
    name: 'wrong types in a recommendation',
    method: 'post',
    url: '/api/v1/recommendations',
    body: {
      slug: 'new',
      kind: 'demand',
      title: 'T',
      text: 'T',
      source: 'report-a',
      weight: -1,
      textIsVerbatim: 'yes',
      topics: 'training',
    },
    status: 400,
    fields: ['textIsVerbatim', 'topics', 'weight'],
  },
  {
    name: 'an event about unknown items',
    method: 'post',
    url: '/api/v1/events',
    body: { slug: 'ev', occurredOn: '2021-01-01', title: 'E', source: 'report-a', recommendations: ['alpha', 'nope'] },
    status: 400,
    fields: ['recommendations[1]'],
  },
  {
    name: 'a link to itself',
    method: 'post',
    url: '/api/v1/links',
    body: { from: 'alpha', to: 'alpha', type: 'related' },
    status: 400,
    fields: ['to'],
  },
  {
    name: 'a link of an unknown type',
    method: 'post',
    url: '/api/v1/links',
    body: { from: 'alpha', to: 'bravo', type: 'likes' },
    status: 400,
    fields: ['type'],
  },
  {
    name: 'a link to an unknown item',
    method: 'post',
    url: '/api/v1/links',
    body: { from: 'alpha', to: 'nope', type: 'related' },
    status: 400,
    fields: ['to'],
  },
  // PATCH and concurrency
  { name: 'PATCH without If-Match', method: 'patch', url: '/api/v1/recommendations/alpha', body: { title: 'New' }, status: 428 },
  {
    name: 'PATCH with If-Match: *',
    method: 'patch',
    url: '/api/v1/recommendations/alpha',
    body: { title: 'New' },
    headers: { 'If-Match': '*' },
    status: 428,
  },
  {
    name: 'PATCH with a stale If-Match',
    method: 'patch',
    url: '/api/v1/recommendations/alpha',
    body: { title: 'New' },
    headers: { 'If-Match': '"9"' },
    status: 412,
  },
  {
    name: 'PATCH with a garbled If-Match',
    method: 'patch',
    url: '/api/v1/recommendations/alpha',
    body: { title: 'New' },
    headers: { 'If-Match': 'abc' },
    status: 412,
  },
  {
    name: 'PATCH of something that does not exist',
    method: 'patch',
    url: '/api/v1/recommendations/nope',
    body: { title: 'New' },
    headers: { 'If-Match': '"1"' },
    status: 404,
  },
  {
    name: 'PATCH setting a required field to null',
    method: 'patch',
    url: '/api/v1/recommendations/alpha',
    body: { title: null, kind: null },
    headers: { 'If-Match': '"1"' },
    status: 400,
    fields: ['kind', 'title'],
  },
  {
    name: 'PATCH changing the slug',
    method: 'patch',
    url: '/api/v1/recommendations/alpha',
    body: { slug: 'omega' },
    headers: { 'If-Match': '"1"' },
    status: 400,
    fields: ['slug'],
  },
  {
    name: 'PATCH to an unknown source',
    method: 'patch',
    url: '/api/v1/recommendations/alpha',
    body: { source: 'nope' },
    headers: { 'If-Match': '"1"' },
    status: 400,
    fields: ['source'],
  },
  // Status changes
  {
    name: 'a status change without evidence',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: { status: 'in_progress', effectiveOn: '2021-01-01' },
    status: 400,
    fields: ['source', 'excerpt'],
  },
  {
    name: 'a status change with a source but no excerpt or note',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: { status: 'in_progress', effectiveOn: '2021-01-01', source: 'report-a' },
    status: 400,
    fields: ['excerpt'],
  },
  {
    // The README's example once had "excerpt":"…", and it was stored as proof.
    name: 'a status change whose excerpt is only an ellipsis',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ excerpt: '…' }),
    status: 400,
    fields: ['excerpt'],
  },
  {
    name: 'a status change with a javascript: URL',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ source: null, url: 'javascript:alert(1)' }),
    status: 400,
    fields: ['url'],
  },
  {
    name: 'a status change in the future',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ effectiveOn: addDays(today, 1) }),
    status: 400,
    fields: ['effectiveOn'],
  },
  {
    name: 'a status change "not assessed"',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ status: 'not_assessed' }),
    status: 400,
    fields: ['status'],
  },
  {
    name: 'a month-precision date that is not a first of the month',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ effectiveOn: '2021-01-15', effectivePrecision: 'month' }),
    status: 400,
    fields: ['effectiveOn'],
  },
  {
    name: 'a status change by an unknown assessor citing an unknown source',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ assessor: 'nope', source: 'nope' }),
    status: 400,
    fields: ['assessor', 'source'],
  },
  {
    name: 'a status change of an unknown item',
    method: 'post',
    url: '/api/v1/recommendations/nope/status-changes',
    body: sc({}),
    status: 404,
  },
  {
    name: 'retracting an id that does not exist',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ retracts: 999999 }),
    status: 400,
    fields: ['retracts'],
  },
  {
    name: 'retracting an absurd id',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ retracts: 1e20 }),
    status: 400,
    fields: ['retracts'],
  },
  lazy("retracting another item's change", () => ({
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ retracts: ids.bravoChange }),
    status: 400,
    fields: ['retracts'],
  })),
  lazy('retracting a retracted change', () => ({
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ retracts: ids.retracted }),
    status: 409,
  })),
  {
    name: 'a status change with a taken slug',
    method: 'post',
    url: '/api/v1/recommendations/alpha/status-changes',
    body: sc({ slug: 'alpha-sc-0' }),
    status: 409,
  },
  // Deadlines
  {
    name: 'a deadline due on a month that does not exist',
    method: 'post',
    url: '/api/v1/recommendations/alpha/deadlines',
    body: { label: 'x', due: '2021-13', precision: 'month', authority: 'law' },
    status: 400,
    fields: ['due'],
  },
  {
    name: 'a deadline whose period ends on the last day of year 9999 (it could never close)',
    method: 'post',
    url: '/api/v1/recommendations/alpha/deadlines',
    body: { label: 'x', due: '9999', precision: 'year', authority: 'law' },
    status: 400,
    fields: ['due'],
  },
  {
    name: 'a deadline whose due does not match its precision',
    method: 'post',
    url: '/api/v1/recommendations/alpha/deadlines',
    body: { label: 'x', due: '2021-Q3', precision: 'month', authority: 'law' },
    status: 400,
    fields: ['due'],
  },
  {
    name: 'a deadline written in words',
    method: 'post',
    url: '/api/v1/recommendations/alpha/deadlines',
    body: { label: 'x', due: 'May 2021', precision: 'month', authority: 'treaty' },
    status: 400,
    fields: ['due', 'authority'],
  },
  {
    name: 'a deadline set in the future',
    method: 'post',
    url: '/api/v1/recommendations/alpha/deadlines',
    body: { label: 'x', due: '2031', precision: 'year', authority: 'law', setOn: addDays(today, 3) },
    status: 400,
    fields: ['setOn'],
  },
  lazy('a deadline met without evidence', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.openDeadline}/met`,
    body: { metOn: '2021-01-01' },
    status: 400,
    fields: ['source'],
  })),
  lazy('a deadline met in the future', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.openDeadline}/met`,
    body: { metOn: addDays(today, 1), source: 'report-a' },
    status: 400,
    fields: ['metOn'],
  })),
  lazy('a deadline met twice', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.metDeadline}/met`,
    body: { metOn: '2021-01-01', source: 'report-a' },
    status: 409,
  })),
  lazy('a met deadline marked missed', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.metDeadline}/missed`,
    body: {},
    status: 409,
  })),
  lazy('an extension with a bad due', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.openDeadline}/extend`,
    body: { label: 'x', due: '2021-02-30', precision: 'day', url: 'https://example.org' },
    status: 400,
    fields: ['due'],
  })),
  lazy('a withdrawal without evidence', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.openDeadline}/withdraw`,
    body: {},
    status: 400,
    fields: ['source'],
  })),
  lazy('a settlement with a stale If-Match', () => ({
    method: 'post',
    url: `/api/v1/deadlines/${ids.openDeadline}/missed`,
    body: {},
    headers: { 'If-Match': '"5"' },
    status: 412,
  })),
  { name: 'a settlement without a body', method: 'post', url: '/api/v1/deadlines/1/missed', status: 400 },
  { name: 'an unknown deadline', method: 'post', url: '/api/v1/deadlines/424242/missed', body: {}, status: 404 },
  { name: 'a deadline id with odd characters', method: 'post', url: '/api/v1/deadlines/%27x/missed', body: {}, status: 404 },
  // Refused before any lookup, on either database (PostgreSQL cannot hold U+0000 in text).
  {
    name: 'a deadline id with a NUL byte',
    method: 'post',
    url: '/api/v1/deadlines/%00%27/missed',
    body: {},
    status: 400,
    fields: ['id'],
  },
  // Findings
  {
    name: 'a finding whose period ends before it starts, at an unknown level',
    method: 'post',
    url: '/api/v1/recommendations/alpha/findings',
    body: {
      assessor: 'independent-monitoring-team',
      report: 'report-b',
      periodStart: '2021-06-30',
      periodEnd: '2021-01-01',
      level: 'great',
      summary: 'S',
    },
    status: 400,
    fields: ['level'],
  },
  {
    name: 'a finding whose period ends before it starts',
    method: 'post',
    url: '/api/v1/recommendations/alpha/findings',
    body: {
      assessor: 'independent-monitoring-team',
      report: 'report-b',
      periodStart: '2021-06-30',
      periodEnd: '2021-01-01',
      summary: 'S',
    },
    status: 400,
    fields: ['periodEnd'],
  },
  {
    name: 'a finding from an unknown report',
    method: 'post',
    url: '/api/v1/recommendations/alpha/findings',
    body: { assessor: 'city', report: 'nope', periodStart: '2021-01-01', periodEnd: '2021-06-30', summary: 'S' },
    status: 400,
    fields: ['report'],
  },
  // Deletions
  { name: 'deleting a source in use', method: 'delete', url: '/api/v1/sources/report-a', as: 'admin', status: 409 },
  { name: 'deleting an actor in use', method: 'delete', url: '/api/v1/actors/tracker-editors', as: 'admin', status: 409 },
  { name: 'deleting an item with history', method: 'delete', url: '/api/v1/recommendations/alpha', as: 'admin', status: 409 },
  { name: 'deleting a topic in use', method: 'delete', url: '/api/v1/topics/training', as: 'admin', status: 409 },
  {
    name: 'deleting with a stale If-Match',
    method: 'delete',
    url: '/api/v1/sources/unused',
    headers: { 'If-Match': '"3"' },
    as: 'admin',
    status: 412,
  },
  { name: 'deleting what does not exist', method: 'delete', url: '/api/v1/events/nope', as: 'admin', status: 404 },
  {
    name: 'deleting a status change',
    method: 'delete',
    url: '/api/v1/recommendations/alpha/status-changes',
    as: 'admin',
    status: 404,
  },
  // Import, keys, audit
  {
    name: 'an import with a bad row',
    method: 'post',
    url: '/api/v1/import',
    body: {
      topics: [
        { slug: 'fine', name: 'Fine' },
        { slug: 'Bad', name: 'Bad' },
      ],
    },
    status: 400,
    fields: ['topics[1].slug'],
  },
  {
    name: 'an import that is not an object',
    method: 'post',
    url: '/api/v1/import',
    body: '[1,2]',
    type: 'application/json',
    status: 400,
  },
  {
    name: 'a CSV import with an unclosed quote',
    method: 'post',
    url: '/api/v1/import?entity=topics',
    body: 'slug,name\nx,"unclosed\n',
    type: 'text/csv',
    status: 400,
  },
  {
    name: 'a CSV import of an unknown kind',
    method: 'post',
    url: '/api/v1/import?entity=widgets',
    body: 'slug\nx\n',
    type: 'text/csv',
    status: 400,
    fields: ['entity'],
  },
  {
    name: 'a key with a bad name',
    method: 'post',
    url: '/api/v1/keys',
    body: { name: ' bad name', role: 'root' },
    as: 'admin',
    status: 400,
    fields: ['name', 'role'],
  },
  {
    name: 'a key whose name is taken',
    method: 'post',
    url: '/api/v1/keys',
    body: { name: 'v-editor', role: 'editor' },
    as: 'admin',
    status: 409,
  },
  { name: 'revoking an unknown key', method: 'post', url: '/api/v1/keys/nobody/revoke', as: 'admin', status: 404 },
  {
    name: 'an audit query with a bad date',
    method: 'get',
    url: '/api/v1/audit?from=2021-13-01&cursor=abc',
    as: 'admin',
    status: 400,
    fields: ['from'],
  },
];

describe('refused writes change nothing', () => {
  let t: TestApp;
  let http: Http;
  let keys: TestKeys;

  beforeAll(async () => {
    ({ t, http, keys } = await bootSeededApp(
      [
        { slug: 'alpha', topics: ['training'], statuses: [{ status: 'accepted', on: '2020-01-01' }] },
        { slug: 'bravo', statuses: [{ status: 'accepted', on: '2020-01-01' }] },
      ],
      { keys: 'v' },
    ));
    const admin = bearer(keys.admin);
    await http.post('/api/v1/sources').set(admin).send({ slug: 'unused', title: 'Unused', kind: 'other' }).expect(201);
    const alpha = (await http.get('/api/v1/recommendations/alpha')).body;
    const bravo = (await http.get('/api/v1/recommendations/bravo')).body;
    const mistake = (
      await http
        .post('/api/v1/recommendations/alpha/status-changes')
        .set(admin)
        .send(sc({ status: 'implemented' }))
        .expect(201)
    ).body;
    await http
      .post('/api/v1/recommendations/alpha/status-changes')
      .set(admin)
      .send(sc({ retracts: mistake.id }))
      .expect(201);
    const open = (
      await http
        .post('/api/v1/recommendations/alpha/deadlines')
        .set(admin)
        .send({ label: 'a', due: '2030', precision: 'year', authority: 'law' })
        .expect(201)
    ).body;
    const met = (
      await http
        .post('/api/v1/recommendations/alpha/deadlines')
        .set(admin)
        .send({ label: 'b', due: '2020', precision: 'year', authority: 'law', setOn: '2019-01-01' })
        .expect(201)
    ).body;
    await http.post(`/api/v1/deadlines/${met.id}/met`).set(admin).send({ metOn: '2020-06-01', source: 'report-a' }).expect(200);
    ids = {
      alphaChange: alpha.history[0].id,
      bravoChange: bravo.history[0].id,
      retracted: mistake.id,
      openDeadline: open.id,
      metDeadline: met.id,
    };
  });
  afterAll(() => t.close());

  it.each(BAD.map((b, i) => [b.name, i] as const))('%s', async (_name, i) => {
    const entry = BAD[i];
    const b: Bad = 'lazy' in entry ? { name: entry.name, ...entry.lazy() } : entry;
    const before = await snapshotDb(t.app);
    let req = http[b.method](b.url).set(bearer(b.as === 'admin' ? keys.admin : keys.editor));
    for (const [k, v] of Object.entries(b.headers ?? {})) req = req.set(k, v);
    if (b.type) req = req.set('Content-Type', b.type);
    const res = b.body === undefined ? await req : await req.send(b.body as object);
    expect({ case: b.name, status: res.status }).toEqual({ case: b.name, status: b.status });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: b.status, title: expect.any(String) });
    if (b.fields) {
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...b.fields].sort());
      for (const e of res.body.errors) expect(e.reason).toEqual(expect.any(String));
    }
    expect(await snapshotDb(t.app)).toEqual(before);
  });
});
