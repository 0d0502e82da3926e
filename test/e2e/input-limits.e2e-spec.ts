/**
 * The input limits every body and query meets before validation (src/common/validation/input-guard.ts):
 * nesting depth, NUL and lone surrogates, prototype-named fields, full-text search syntax, and dates
 * bounded where they enter. Each case is one the November 2026 robustness test answered with a 500 or
 * a silent 2xx; each refused write leaves the database exactly as it was.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { snapshotDb } from '../support/db-snapshot';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootApp, TestApp } from '../support/test-app';

describe('input limits', () => {
  let t: TestApp;
  let keys: TestKeys;
  let http: ReturnType<typeof request>;
  let slug: string;

  beforeAll(async () => {
    t = await bootApp();
    keys = await createTestKeys(t.app);
    http = request(t.app.getHttpServer());
    slug = (await http.get('/api/v1/recommendations?limit=1')).body.items[0].slug;
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch', url: string, body: string, key = keys.admin) =>
    http[method](url).set(bearer(key)).set('Content-Type', 'application/json').send(body);

  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  /** Sends a write that must be refused with a 400 naming `named`, and checks nothing changed. */
  const refused = async (method: 'post' | 'patch', url: string, body: string, named: string[]) => {
    const before = await snapshotDb(t.app);
    const res = await send(method, url, body);
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 400,
      type: expect.stringContaining('application/problem+json'),
    });
    expect(fields(res)).toEqual(expect.arrayContaining(named));
    expect(await snapshotDb(t.app)).toEqual(before);
    return res;
  };

  describe('nesting', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

    it('refuses JSON nested 5,000 deep on the public subscribe with a 400 naming the body', async () => {
      const res = await refused('post', '/api/v1/subscriptions', `{"email":${deep(5000)}}`, ['(body)']);
      expect(res.body.errors[0].reason).toMatch(/more than 32 levels deep/);
    });

    it('refuses deep nesting inside import rows, on write routes and in PATCH bodies', async () => {
      await refused('post', '/api/v1/import', `{"sources":[{"slug":"x","title":${deep(1400)}}]}`, ['(body)']);
      await refused('post', '/api/v1/sources', `{"slug":"x","title":"t","kind":${deep(40)}}`, ['(body)']);
      await refused('patch', `/api/v1/recommendations/${slug}`, `{"title":${deep(33)}}`, ['(body)']);
    });

    it('still validates a body nested within the limit as usual', async () => {
      const res = await send('post', '/api/v1/sources', `{"slug":"x","title":"t","kind":${deep(20)}}`);
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['kind']);
    });
  });

  describe('text', () => {
    it('refuses a lone surrogate in an email address (was a 500) and names the field', async () => {
      const res = await refused('post', '/api/v1/subscriptions', '{"email":"x\\ud800y@example.org"}', ['email']);
      expect(res.body.errors[0].reason).toMatch(/lone surrogate/);
    });

    it('refuses NUL and lone surrogates in any body field, nested ones included', async () => {
      await refused('post', '/api/v1/sources', '{"slug":"nul-source","title":"a\\u0000b","kind":"news_report"}', ['title']);
      await refused('post', '/api/v1/import', '{"sources":[{"slug":"s","title":"ok"},{"slug":"t","title":"\\udfff"}]}', [
        'sources[1].title',
      ]);
      await refused('patch', `/api/v1/recommendations/${slug}`, '{"title":"\\ud83d"}', ['title']);
    });

    it.each([
      '/api/v1/recommendations',
      '/api/v1/recommendations.csv',
      '/feeds/changes.atom',
      '/api/v1/events',
      '/api/v1/deadlines',
      '/api/v1/sources',
    ])('refuses a NUL in a query parameter of %s with a problem naming it', async (path) => {
      const res = await http.get(`${path}?q=a%00b`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fields(res)).toContain('q');
    });

    it('shows the HTML 400 page for a NUL in a web page query', async () => {
      const res = await http.get('/recommendations?q=a%00b');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('must not contain a NUL character');
    });

    it('accepts RTL, zero-width and astral characters, and stores text in NFC', async () => {
      const res = await send(
        'post',
        '/api/v1/sources',
        JSON.stringify({ slug: 'nfc-source', title: 'Cafe\u0301 \u202e\u200b 😀 שלום', kind: 'news_report' }),
      );
      expect(res.status).toBe(201);
      expect(res.body.title).toBe('Café \u202e\u200b 😀 שלום');
    });
  });

  describe('unknown fields with prototype names', () => {
    it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])(
      'refuses a body field named %s, and names it',
      async (name) => {
        const res = await refused('post', '/api/v1/subscriptions', `{"email":"a@example.org","${name}":{"x":1}}`, [name]);
        expect(res.body.errors.find((e: { field: string }) => e.field === name).reason).toBe('is not a known field');
      },
    );

    it.each(['__proto__', 'constructor', 'prototype', 'valueOf'])(
      'refuses a query parameter named %s, and names it',
      async (name) => {
        const res = await http.get(`/api/v1/recommendations?${name}=1`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: name, in: 'query', reason: 'is not a known parameter' }]);
      },
    );

    it('refuses prototype names nested in import rows', async () => {
      await refused(
        'post',
        '/api/v1/import',
        '{"sources":[{"slug":"p","title":"t","kind":"news_report","constructor":{"prototype":{}}}]}',
        ['sources[0].constructor'],
      );
    });
  });

  describe('full-text search syntax', () => {
    const hostile = [
      '"',
      '""',
      'a"b',
      '*',
      'foot*',
      '^foot',
      'title:foot',
      '(foot',
      'foot)',
      'NEAR(foot pursuit)',
      'foot NEAR pursuit',
      'foot AND pursuit',
      'foot OR',
      'NOT foot',
      '-foot',
      'foot - pursuit',
      '{title}: foot',
      '+',
      "'; DROP TABLE recommendation; --",
      '\\',
      '%_',
    ];
    it.each(hostile)('searches for %j as plain text, never a 5xx', async (q) => {
      for (const path of ['/api/v1/recommendations', '/api/v1/recommendations.csv', '/recommendations', '/feeds/changes.atom']) {
        const res = await http.get(path).query({ q });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    it('finds text containing the syntax characters literally', async () => {
      const res = await http.get('/api/v1/recommendations').query({ q: 'foot pursuit' });
      expect(res.body.items.length).toBeGreaterThan(0);
      const quoted = await http.get('/api/v1/recommendations').query({ q: 'foot pursuit"' });
      expect(quoted.status).toBe(200);
    });
  });

  describe('cursors', () => {
    it.each(['/api/v1/recommendations', '/api/v1/deadlines'])(
      'refuses on %s a cursor forged with the old public checksum, naming cursor',
      async (path) => {
        const real: string = (await http.get(`${path}?limit=1`)).body.nextCursor;
        const { f } = JSON.parse(Buffer.from(real.split('.')[0], 'base64url').toString()) as { f: string };
        const body = Buffer.from(JSON.stringify({ k: path.includes('deadlines') ? ['0000', 0] : ['a'], f })).toString(
          'base64url',
        );
        const sum = createHash('sha256').update(`reform-tracker-cursor:${body}`).digest('base64url').slice(0, 16);
        const res = await http.get(`${path}?limit=1&cursor=${body}.${sum}`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: 'cursor', in: 'query', reason: 'is not a cursor this API issued' }]);
        expect((await http.get(`${path}?limit=1&cursor=${real}`)).status).toBe(200);
      },
    );
  });

  describe('dates bounded where they enter', () => {
    it.each([
      ['/api/v1/sources', '{"slug":"late","title":"t","kind":"news_report","publishedOn":"9999-12-31"}', 'publishedOn'],
      ['/api/v1/sources', '{"slug":"early","title":"t","kind":"news_report","publishedOn":"0001-01-01"}', 'publishedOn'],
      ['/api/v1/events', '{"slug":"late","title":"t","occurredOn":"9999-12-31","source":"SOURCE"}', 'occurredOn'],
    ])('refuses a calendar-end date on %s', async (url, body, field) => {
      const source = (await http.get('/api/v1/sources')).body.items[0].slug;
      await refused('post', url, body.replace('SOURCE', source), [field]);
    });

    it.each(['9999-12-31', '9999', '9999-Q4', '0999-12'])('refuses the deadline due %s', async (due) => {
      const precision = due.length === 10 ? 'day' : due.length === 4 ? 'year' : due.includes('Q') ? 'quarter' : 'month';
      await refused(
        'post',
        `/api/v1/recommendations/${slug}/deadlines`,
        JSON.stringify({ label: 'x', due, precision, authority: 'self_imposed' }),
        ['due'],
      );
    });

    it.each(['to=9999-12-31', 'from=9999-12-31', 'to=9999-12-31T23:59:59Z', 'from=0001-01-01'])(
      'refuses audit?%s with a 400 (was a 500)',
      async (query) => {
        const res = await http.get(`/api/v1/audit?${query}`).set(bearer(keys.admin));
        expect(res.status).toBe(400);
        expect(fields(res)).toEqual([query.split('=')[0]]);
      },
    );
  });
});
