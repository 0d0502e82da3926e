/**
 * Every mutating (and admin-only) route × no key, a revoked key, an editor key and an admin key.
 * Without a valid key: 401 and nothing written. An editor on an admin route: 403 and nothing
 * written. Otherwise the write succeeds. Public reads stay open.
 */
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { snapshotDb } from '../support/db-snapshot';
import { bearer, TestKeys } from '../support/editors';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

type Who = 'no key' | 'revoked key' | 'editor' | 'admin';
interface Call {
  method: 'get' | 'post' | 'patch' | 'delete';
  url: string;
  body?: object;
  headers?: Record<string, string>;
}
interface RouteCase {
  route: string;
  role: 'editor' | 'admin';
  success: number;
  /** Sets up what the call needs (fresh each time, with `n` making slugs unique) and returns the call. */
  make: (n: number) => Promise<Call>;
}

let t: TestApp;
let http: Http;
let keys: TestKeys;
let counter = 0;

const setup = async (call: Call) => {
  const res = await http[call.method](call.url).set(bearer(keys.admin)).send(call.body);
  if (res.status >= 300) throw new Error(`setup ${call.method} ${call.url} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};
const source = (n: number) =>
  setup({ method: 'post', url: '/api/v1/sources', body: { slug: `s-${n}`, title: `Source ${n}`, kind: 'other' } });
const actor = (n: number) =>
  setup({ method: 'post', url: '/api/v1/actors', body: { slug: `a-${n}`, name: `Actor ${n}`, kind: 'other' } });
const recommendation = (n: number) =>
  setup({
    method: 'post',
    url: '/api/v1/recommendations',
    body: { slug: `r-${n}`, kind: 'demand', title: `Item ${n}`, text: 'Text.', source: 'report-a' },
  });
const event = (n: number) =>
  setup({
    method: 'post',
    url: '/api/v1/events',
    body: { slug: `e-${n}`, occurredOn: '2021-04-01', title: 'Event', source: 'report-a' },
  });
const link = async (n: number) => {
  await recommendation(n);
  await setup({ method: 'post', url: '/api/v1/links', body: { from: `r-${n}`, to: 'alpha', type: 'related' } });
};
const deadline = async (n: number) =>
  (
    await setup({
      method: 'post',
      url: '/api/v1/recommendations/alpha/deadlines',
      body: { slug: `d-${n}`, label: 'by May', due: '2021-05', precision: 'month', authority: 'law' },
    })
  ).body.id as number;
const ifMatch1 = { 'If-Match': '"1"' };

const ROUTES: RouteCase[] = [
  {
    route: 'POST /sources',
    role: 'editor',
    success: 201,
    make: async (n) => ({ method: 'post', url: '/api/v1/sources', body: { slug: `s-${n}`, title: 'S', kind: 'other' } }),
  },
  {
    route: 'PATCH /sources/{slug}',
    role: 'editor',
    success: 200,
    make: async (n) => (
      await source(n),
      { method: 'patch', url: `/api/v1/sources/s-${n}`, body: { title: 'T' }, headers: ifMatch1 }
    ),
  },
  {
    route: 'DELETE /sources/{slug}',
    role: 'admin',
    success: 204,
    make: async (n) => (await source(n), { method: 'delete', url: `/api/v1/sources/s-${n}` }),
  },
  {
    route: 'POST /actors',
    role: 'editor',
    success: 201,
    make: async (n) => ({ method: 'post', url: '/api/v1/actors', body: { slug: `a-${n}`, name: 'A', kind: 'agency' } }),
  },
  {
    route: 'PATCH /actors/{slug}',
    role: 'editor',
    success: 200,
    make: async (n) => (
      await actor(n),
      { method: 'patch', url: `/api/v1/actors/a-${n}`, body: { name: 'B' }, headers: ifMatch1 }
    ),
  },
  {
    route: 'DELETE /actors/{slug}',
    role: 'admin',
    success: 204,
    make: async (n) => (await actor(n), { method: 'delete', url: `/api/v1/actors/a-${n}` }),
  },
  {
    route: 'POST /topics',
    role: 'editor',
    success: 201,
    make: async (n) => ({ method: 'post', url: '/api/v1/topics', body: { slug: `t-${n}`, name: 'T' } }),
  },
  {
    route: 'DELETE /topics/{slug}',
    role: 'admin',
    success: 204,
    make: async (n) => (
      await setup({ method: 'post', url: '/api/v1/topics', body: { slug: `t-${n}`, name: 'T' } }),
      { method: 'delete', url: `/api/v1/topics/t-${n}` }
    ),
  },
  {
    route: 'POST /recommendations',
    role: 'editor',
    success: 201,
    make: async (n) => ({
      method: 'post',
      url: '/api/v1/recommendations',
      body: { slug: `r-${n}`, kind: 'demand', title: 'R', text: 'T', source: 'report-a' },
    }),
  },
  {
    route: 'PATCH /recommendations/{slug}',
    role: 'editor',
    success: 200,
    make: async (n) => (
      await recommendation(n),
      { method: 'patch', url: `/api/v1/recommendations/r-${n}`, body: { title: 'New' }, headers: ifMatch1 }
    ),
  },
  {
    route: 'DELETE /recommendations/{slug}',
    role: 'admin',
    success: 204,
    make: async (n) => (await recommendation(n), { method: 'delete', url: `/api/v1/recommendations/r-${n}` }),
  },
  {
    route: 'POST /events',
    role: 'editor',
    success: 201,
    make: async (n) => ({
      method: 'post',
      url: '/api/v1/events',
      body: { slug: `e-${n}`, occurredOn: '2021-04-01', title: 'E', source: 'report-a', recommendations: ['alpha'] },
    }),
  },
  {
    route: 'PATCH /events/{slug}',
    role: 'editor',
    success: 200,
    make: async (n) => (
      await event(n),
      { method: 'patch', url: `/api/v1/events/e-${n}`, body: { title: 'F' }, headers: ifMatch1 }
    ),
  },
  {
    route: 'DELETE /events/{slug}',
    role: 'admin',
    success: 204,
    make: async (n) => (await event(n), { method: 'delete', url: `/api/v1/events/e-${n}` }),
  },
  {
    route: 'POST /links',
    role: 'editor',
    success: 201,
    make: async (n) => (
      await recommendation(n),
      { method: 'post', url: '/api/v1/links', body: { from: `r-${n}`, to: 'alpha', type: 'implements' } }
    ),
  },
  {
    route: 'PATCH /links/{from}/{type}/{to}',
    role: 'editor',
    success: 200,
    make: async (n) => (
      await link(n),
      { method: 'patch', url: `/api/v1/links/r-${n}/related/alpha`, body: { note: 'N' }, headers: ifMatch1 }
    ),
  },
  {
    route: 'DELETE /links/{from}/{type}/{to}',
    role: 'admin',
    success: 204,
    make: async (n) => (await link(n), { method: 'delete', url: `/api/v1/links/r-${n}/related/alpha` }),
  },
  {
    route: 'POST /recommendations/{slug}/status-changes',
    role: 'editor',
    success: 201,
    make: async () => ({
      method: 'post',
      url: '/api/v1/recommendations/alpha/status-changes',
      body: { status: 'in_progress', effectiveOn: '2021-01-01', source: 'report-a', excerpt: 'x' },
    }),
  },
  {
    route: 'POST /recommendations/{slug}/deadlines',
    role: 'editor',
    success: 201,
    make: async () => ({
      method: 'post',
      url: '/api/v1/recommendations/alpha/deadlines',
      body: { label: 'by 2030', due: '2030', precision: 'year', authority: 'law' },
    }),
  },
  {
    route: 'POST /deadlines/{id}/met',
    role: 'editor',
    success: 200,
    make: async (n) => ({
      method: 'post',
      url: `/api/v1/deadlines/${await deadline(n)}/met`,
      body: { metOn: '2021-05-20', source: 'report-b' },
    }),
  },
  {
    route: 'POST /deadlines/{id}/missed',
    role: 'editor',
    success: 200,
    make: async (n) => ({ method: 'post', url: `/api/v1/deadlines/${await deadline(n)}/missed`, body: {} }),
  },
  {
    route: 'POST /deadlines/{id}/extend',
    role: 'editor',
    success: 201,
    make: async (n) => ({
      method: 'post',
      url: `/api/v1/deadlines/${await deadline(n)}/extend`,
      body: { due: '2021-06', precision: 'month', label: 'by June', url: 'https://example.org/x' },
    }),
  },
  {
    route: 'POST /deadlines/{id}/withdraw',
    role: 'editor',
    success: 200,
    make: async (n) => ({
      method: 'post',
      url: `/api/v1/deadlines/${await deadline(n)}/withdraw`,
      body: { url: 'https://example.org/w' },
    }),
  },
  {
    route: 'POST /recommendations/{slug}/findings',
    role: 'editor',
    success: 201,
    make: async () => ({
      method: 'post',
      url: '/api/v1/recommendations/alpha/findings',
      body: {
        assessor: 'independent-monitoring-team',
        report: 'report-b',
        periodStart: '2021-01-01',
        periodEnd: '2021-06-30',
        summary: 'S',
      },
    }),
  },
  {
    route: 'POST /import',
    role: 'editor',
    success: 200,
    make: async (n) => ({ method: 'post', url: '/api/v1/import', body: { topics: [{ slug: `imp-${n}`, name: 'Imported' }] } }),
  },
  { route: 'GET /keys', role: 'admin', success: 200, make: async () => ({ method: 'get', url: '/api/v1/keys' }) },
  {
    route: 'POST /keys',
    role: 'admin',
    success: 201,
    make: async (n) => ({ method: 'post', url: '/api/v1/keys', body: { name: `k-${n}`, role: 'editor' } }),
  },
  {
    route: 'POST /keys/{name}/revoke',
    role: 'admin',
    success: 200,
    make: async (n) => (
      await t.app.get(ApiKeysService).create(`k-${n}`, 'editor'),
      { method: 'post', url: `/api/v1/keys/k-${n}/revoke` }
    ),
  },
  { route: 'GET /audit', role: 'admin', success: 200, make: async () => ({ method: 'get', url: '/api/v1/audit' }) },
];

const WHO: Who[] = ['no key', 'revoked key', 'editor', 'admin'];
const expected = (c: RouteCase, who: Who) =>
  who === 'no key' || who === 'revoked key' ? 401 : who === 'editor' && c.role === 'admin' ? 403 : c.success;

beforeAll(async () => {
  ({ t, http, keys } = await bootSeededApp([{ slug: 'alpha' }], { keys: 'matrix' }));
});
afterAll(() => t.close());

describe.each(ROUTES)('$route ($role)', (c) => {
  it.each(WHO)('with %s', async (who) => {
    const call = await c.make(++counter);
    const headers: Record<string, string> = { ...call.headers };
    if (who === 'revoked key') Object.assign(headers, bearer(keys.revoked));
    if (who === 'editor') Object.assign(headers, bearer(keys.editor));
    if (who === 'admin') Object.assign(headers, bearer(keys.admin));
    const status = expected(c, who);
    const before = status >= 400 ? await snapshotDb(t.app) : undefined;
    const res = await http[call.method](call.url).set(headers).send(call.body);
    expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status });
    if (before) {
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (status === 401) expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(await snapshotDb(t.app)).toEqual(before);
    }
  });
});

describe('what is not a valid key', () => {
  it.each([
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['a key without "Bearer"', `rt_${'A'.repeat(43)}`],
    ['an unknown key', 'Bearer rt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a malformed key', 'Bearer not-a-key'],
  ])('is refused with 401: %s', async (_name, header) => {
    const res = await http.post('/api/v1/topics').set('Authorization', header).send({ slug: 'never', name: 'Never' });
    expect(res.status).toBe(401);
  });

  it('leaves public reads open', async () => {
    for (const url of [
      '/api/v1/recommendations',
      '/api/v1/recommendations/alpha',
      '/api/v1/sources',
      '/api/v1/export.json',
      '/api/v1/events/e-13',
    ]) {
      const res = await http.get(url);
      expect([200, 404]).toContain(res.status);
      expect(res.status).not.toBe(401);
    }
  });
});
