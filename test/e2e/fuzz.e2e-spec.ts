/**
 * Generated hostile input (fast-check, fixed seed, bounded runs) against every list query, the main
 * write endpoints, the import (JSON and CSV) and the subscription endpoints and pages: wrong types,
 * huge and empty strings, lone surrogates, NUL, RTL and zero-width characters, deep nesting, extra and
 * prototype-named fields, SQL, HTML, full-text search syntax, CSV formulas, header-injection strings
 * (in fields and in request headers), impossible and extreme dates, forged cursors, malformed JSON and
 * CSV, invalid UTF-8 and wrong content types. Properties: never a 5xx; on /api routes an error is always application/problem+json;
 * a refused write (any 4xx) leaves every table of the database exactly as it was.
 *
 * A failure prints fast-check's seed and shrunk counterexample; keep it below as a regression case.
 * `npm test` runs a bounded number per route; FUZZ_RUNS=n runs n per route (`npm run test:stress`).
 * The inputs tried per family are printed at the end.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { snapshotDb } from '../support/db-snapshot';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootApp, TestApp } from '../support/test-app';

const SEED = 20261130;
/** Runs per route; routes × RUNS inputs per family (see the counts printed at the end). */
const N = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const RUNS = { list: N ?? 50, write: N ?? 40, csv: N ?? 20, subscription: N ?? 30, encoding: N ?? 30, header: N ?? 10 };

// ---------------------------------------------------------------------------------------------
// Hostile values

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'שלום',
  '😀',
  'e\u0301',
  "' OR 1=1 --",
  '"; DROP TABLE recommendation; --',
  "1'); DELETE FROM audit_entry; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"foot*" NEAR(a b) AND -x ^y title:z (',
  '"',
  '*',
  '^',
  ':',
  '(',
  'NEAR',
  'AND',
  '-',
  'OR NOT',
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  '@SUM(A1)',
  '-2+3',
  '\r\nBcc: x@example.org',
  '9999-12-31',
  '10000-01-01',
  '0000-00-00',
  '0001-01-01',
  '2021-02-30',
  '2021-13-01',
  '-000001-01-01',
  '+275760-09-13T00:00:00Z',
  '2021-05-26T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '2021-Q5',
  '1e309',
  'NaN',
  '-1',
  '0',
  '99999999999999999999',
  'true',
  'null',
  '%00',
  '%',
  '../../etc/passwd',
  'a'.repeat(5000),
];

const hostileString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)) },
);

/** A JSON-able hostile value: wrong types, nested containers, strings. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      [],
      {},
      [null],
      { x: 1 },
    ),
  },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'slug', '__proto__', 'constructor'), hostileString) },
);

const FIELD_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'extra',
  'id',
  'version',
  'createdAt',
  '\u0000',
  '\ud800',
  '',
  'a.b',
  'rows[0]',
];

// ---------------------------------------------------------------------------------------------
// Encoding

/** Percent-encodes anything, lone surrogates included (as the bytes of their WTF-8 form). */
function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
  }
  return out;
}

/** JSON text for an object given as entries, so that `__proto__` stays an ordinary key. */
const objectText = (entries: Array<[string, unknown]>) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;

const MALFORMED_JSON = [
  '',
  '{',
  '}',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '[]',
  'null',
  '"text"',
  '1',
  'true',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":1}{"b":2}',
  '{"a":NaN}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
];

const deepText = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A body: the template mutated, a malformed or deeply nested text, or a wrong-shaped value. */
function hostileBody(template: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(template);
  const mutated = fc
    .record({
      replace: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: keys.length }),
      values: fc.array(hostileValue, { minLength: keys.length, maxLength: keys.length }),
      drop: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 2 }),
      extra: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), hostileValue), {
        maxLength: 2,
      }),
    })
    .map(({ replace, values, drop, extra }) => {
      const entries: Array<[string, unknown]> = keys
        .filter((k) => !drop.includes(k))
        .map((k, i) => [k, replace.includes(k) ? values[i] : template[k]]);
      return objectText([...entries, ...extra]);
    });
  const nested = fc
    .record({
      depth: fc.integer({ min: 20, max: 3000 }),
      kind: fc.constantFrom('array' as const, 'object' as const),
      at: fc.constantFrom(...keys),
    })
    .map(({ depth, kind, at }) =>
      objectText(keys.map((k) => [k, k === at ? '§' : template[k]])).replace('"§"', deepText(depth, kind)),
    );
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
  );
}

// ---------------------------------------------------------------------------------------------
// Cursors: well-formed ones this API issued, edited ones, and ones forged with today's checksum.

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const oldChecksum = (body: string) =>
  createHash('sha256').update(`reform-tracker-cursor:${body}`).digest('base64url').slice(0, 16);
function forgedCursors(real: string | null): fc.Arbitrary<string> {
  const [body] = (real ?? 'e30.x').split('.');
  let f = 'x';
  try {
    f = (JSON.parse(Buffer.from(body, 'base64url').toString()) as { f: string }).f;
  } catch {
    /* no real cursor */
  }
  return fc.oneof(
    fc.constantFrom(
      real ?? 'x',
      `${real}x`,
      (real ?? '').slice(0, -3),
      `${real}.extra`,
      '.',
      'a.b',
      b64('{}') + '.' + oldChecksum(b64('{}')),
    ),
    fc.array(hostileValue, { maxLength: 3 }).map((k) => {
      const forged = b64(JSON.stringify({ k, f }));
      return `${forged}.${oldChecksum(forged)}`;
    }),
    hostileString,
  );
}

// ---------------------------------------------------------------------------------------------

const LIST_PARAMS = [
  'q',
  'status',
  'kind',
  'topic',
  'source',
  'responsible',
  'assessor',
  'overdue',
  'dueWithin',
  'stale',
  'asOf',
  'knownAt',
  'limit',
  'cursor',
  'state',
  'setBy',
  'recommendation',
  'from',
  'to',
  'entity',
  'slug',
  'key',
  'error',
  'email',
  'token',
  ...FIELD_NAMES,
];

interface Outcome {
  status: number;
  type: string;
}

describe('fuzzing with hostile input', () => {
  let t: TestApp;
  let keys: TestKeys;
  let app: NestFastifyApplication;
  let slug: string;
  let sourceSlug: string;
  let openDeadlines: number[];
  const tried: Record<string, number> = {};

  const inject = async (
    method: string,
    url: string,
    payload?: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<Outcome> => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: method as 'GET', url, payload, headers });
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? '') };
  };

  /** The properties every answer keeps; writes also keep the database unchanged when refused. */
  const check = async (
    family: string,
    method: string,
    url: string,
    payload?: string | Buffer,
    headers: Record<string, string> = {},
  ) => {
    tried[family] = (tried[family] ?? 0) + 1;
    const write = method !== 'GET';
    const before = write ? await snapshotDb(app) : undefined;
    const out = await inject(method, url, payload, headers);
    const where = `${method} ${url.slice(0, 300)} ${payload?.toString().slice(0, 300) ?? ''} ${JSON.stringify(headers).slice(0, 300)}`;
    if (out.status >= 500) throw new Error(`${out.status} for ${where}`);
    if (url.startsWith('/api/') && out.status >= 400 && !out.type.startsWith('application/problem+json')) {
      throw new Error(`${out.status} as ${out.type} for ${where}`);
    }
    if (before && out.status >= 400) {
      const after = await snapshotDb(app);
      const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      if (changed.length) throw new Error(`refused with ${out.status} yet changed ${changed.join(', ')}: ${where}`);
    }
    return out;
  };

  beforeAll(async () => {
    // No background mail scan: a refused request must find the database as the previous one left it.
    t = await bootApp({ NOTIFY_INTERVAL_SECONDS: '0' });
    app = t.app;
    keys = await createTestKeys(app);
    const get = async (url: string) =>
      JSON.parse(
        (
          await app
            .getHttpAdapter()
            .getInstance()
            .inject({ method: 'GET', url, headers: bearer(keys.admin) })
        ).body,
      );
    slug = (await get('/api/v1/recommendations?limit=1')).items[0].slug;
    sourceSlug = (await get('/api/v1/sources')).items[0].slug;
    openDeadlines = (await get('/api/v1/deadlines?state=open&limit=20')).items.map((d: { id: number }) => d.id);
    for (const list of LISTS) {
      // A real cursor to edit and forge from, where the list pages (others answer 400 or HTML).
      list.cursor = await get(`${list.path}?limit=1`).then(
        (page: { nextCursor?: string | null }) => page.nextCursor ?? null,
        () => null,
      );
    }
  });
  afterAll(async () => {
    // The inputs tried per route family, for the record.
    process.stdout.write(`fuzz inputs tried: ${JSON.stringify(tried)}\n`);
    await t.close();
  });

  // ------------------------------------------------------------------ regressions the fuzzer found
  it('answers a 300 KB query string (log scrubbing was quadratic: 160 s, past the test timeout)', async () => {
    // No clock threshold here (speed belongs to the benchmark): the quadratic version outlasted Jest's timeout.
    const out = await check('list', 'GET', `/api/v1/recommendations?q=${'x'.repeat(300_000)}`);
    expect(out.status).toBe(400);
  });

  // ------------------------------------------------------------------ list queries
  const LISTS: Array<{ path: string; admin?: boolean; cursor?: string | null }> = [
    { path: '/api/v1/recommendations' },
    { path: '/api/v1/recommendations.csv' },
    { path: '/api/v1/deadlines' },
    { path: '/api/v1/events' },
    { path: '/api/v1/sources' },
    { path: '/api/v1/actors' },
    { path: '/api/v1/topics' },
    { path: '/api/v1/stats' },
    { path: '/api/v1/audit', admin: true },
    { path: '/api/v1/notifications', admin: true },
    { path: '/api/v1/admin/suppressions', admin: true },
    { path: '/api/v1/keys', admin: true },
    { path: '/api/v1/export.json' },
    { path: '/feeds/changes.atom' },
    { path: '/feeds/deadlines.ics' },
    { path: '/recommendations' },
    { path: '/deadlines' },
  ];

  const queryArb = (cursor: string | null) =>
    fc
      .array(
        fc.oneof(
          fc.tuple(fc.constantFrom(...LIST_PARAMS), hostileString),
          fc.tuple(fc.constant('cursor'), forgedCursors(cursor)),
          fc.tuple(fc.constantFrom('status', 'state', 'q'), fc.constantFrom('a,b', 'in_progress,,', ',')),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .chain((pairs) =>
        fc.constantFrom(
          pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&'),
          // raw, possibly broken percent-encoding
          pairs.map(([k, v]) => `${k}=${v.replace(/[#&\s]/g, '')}`).join('&'),
        ),
      );

  describe('list queries', () => {
    it.each(LISTS.map((l, i) => [l.path, i] as const))('GET %s: never a 5xx, errors as problem+json', async (_path, i) => {
      const list = LISTS[i];
      await fc.assert(
        fc.asyncProperty(queryArb(list.cursor ?? null), async (query) => {
          await check('list', 'GET', `${list.path}?${query}`, undefined, list.admin ? bearer(keys.admin) : {});
        }),
        { seed: SEED + i, numRuns: RUNS.list },
      );
    });
  });

  // ------------------------------------------------------------------ writes
  const WRITES: Array<{ name: string; url: () => string; body: () => Record<string, unknown>; family?: string }> = [
    {
      name: 'create recommendation',
      url: () => '/api/v1/recommendations',
      body: () => ({ slug: 'fuzz-rec', kind: 'recommendation', title: 'Fuzz', text: 'Text', source: sourceSlug, topics: [] }),
    },
    {
      name: 'status change',
      url: () => `/api/v1/recommendations/${slug}/status-changes`,
      body: () => ({ status: 'in_progress', effectiveOn: '2021-01-01', source: sourceSlug, excerpt: 'As it says.' }),
    },
    {
      name: 'create deadline',
      url: () => `/api/v1/recommendations/${slug}/deadlines`,
      body: () => ({ label: 'by May', due: '2021-05', precision: 'month', authority: 'official_promise' }),
    },
    {
      name: 'settle deadline (met)',
      url: () => `/api/v1/deadlines/${openDeadlines[0] ?? 1}/met`,
      body: () => ({ metOn: '2021-06-01', source: sourceSlug, excerpt: 'Done.' }),
    },
    {
      name: 'settle deadline (extend)',
      url: () => `/api/v1/deadlines/${openDeadlines[1] ?? 2}/extend`,
      body: () => ({ label: 'by December', due: '2021-12', precision: 'month', source: sourceSlug, excerpt: 'Later.' }),
    },
    {
      name: 'import JSON',
      family: 'import JSON',
      url: () => '/api/v1/import?dryRun=false',
      body: () => ({
        sources: [{ slug: 'fuzz-src', title: 'Fuzz', kind: 'news_report' }],
        events: [{ slug: 'fuzz-ev', occurredOn: '2021-01-01', title: 'E', source: 'fuzz-src' }],
      }),
    },
    {
      name: 'patch recommendation',
      url: () => `/api/v1/recommendations/${slug}`,
      body: () => ({ title: 'Renamed', weight: 2 }),
    },
  ];

  describe('writes', () => {
    it.each(WRITES.map((w, i) => [w.name, i] as const))('%s: never a 5xx; refused writes change nothing', async (_name, i) => {
      const w = WRITES[i];
      await fc.assert(
        fc.asyncProperty(
          hostileBody(w.body()),
          fc.constantFrom('admin', 'admin', 'admin', 'editor', 'none'),
          fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain'),
          async (body, who, type) => {
            const auth = who === 'none' ? {} : bearer(who === 'admin' ? keys.admin : keys.editor);
            await check(w.family ?? 'write', w.url().endsWith('recommendations/' + slug) ? 'PATCH' : 'POST', w.url(), body, {
              ...auth,
              'content-type': type,
            });
          },
        ),
        { seed: SEED + 100 + i, numRuns: RUNS.write },
      );
    });
  });

  // ------------------------------------------------------------------ import CSV
  const CSV_ENTITIES = ['sources', 'actors', 'topics', 'recommendations', 'status-changes', 'deadlines', 'events'];

  describe('import CSV', () => {
    const samples: Record<string, string[][]> = {};
    beforeAll(async () => {
      for (const entity of CSV_ENTITIES) {
        const res = await app
          .getHttpAdapter()
          .getInstance()
          .inject({ method: 'GET', url: `/api/v1/export/${entity}.csv`, headers: bearer(keys.admin) });
        // The header and two rows of the real export: the template the fuzzer mutates.
        samples[entity] = parseCsv(res.body, { relaxQuotes: true, bom: true }).slice(0, 3) as string[][];
      }
    });

    /** A CSV body: the export's rows with hostile cells, quoted or raw, with odd line endings, or malformed text. */
    const csvBody = (rows: string[][]) =>
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .record({
              cells: fc.array(fc.tuple(fc.nat(), fc.nat(), hostileString), { minLength: 1, maxLength: 4 }),
              extra: fc.array(hostileString, { maxLength: 2 }),
              eol: fc.constantFrom('\n', '\r\n', '\r'),
              quoted: fc.boolean(),
              bom: fc.boolean(),
            })
            .map(({ cells, extra, eol, quoted, bom }) => {
              const grid = rows.map((r) => [...r]);
              for (const [r, c, v] of cells) {
                const row = grid[1 + (r % Math.max(1, grid.length - 1))] ?? grid[0];
                if (row.length) row[c % row.length] = v;
              }
              if (extra.length) grid[grid.length - 1].push(...extra);
              const text = quoted
                ? stringifyCsv(grid, { record_delimiter: eol === '\r' ? 'unix' : eol === '\n' ? 'unix' : 'windows' })
                : grid.map((r) => r.join(',')).join(eol);
              return (bom ? '\ufeff' : '') + text;
            }),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '',
            '\n',
            'slug',
            '"unclosed,quote\nx,y',
            'a,b\n"x""y,z',
            `${rows[0]?.join(',') ?? 'slug'}\n${"=cmd|' /C calc'!A0,".repeat(3)}`,
            `${rows[0]?.join(',') ?? 'slug'}\n\u0000,\ud800`,
            'slug,slug,slug\na,b,c',
          ),
        },
      );

    it.each(CSV_ENTITIES.map((e, i) => [e, i] as const))(
      'POST /api/v1/import?entity=%s (CSV): never a 5xx; refused imports change nothing',
      async (entity, i) => {
        await fc.assert(
          fc.asyncProperty(
            csvBody(samples[entity]),
            fc.constantFrom(entity, entity, entity, 'sources', 'nope', '', '__proto__', 'status_changes'),
            fc.constantFrom('false', 'false', 'true', 'maybe'),
            fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'application/csv'),
            async (body, asEntity, dryRun, type) => {
              await check('import CSV', 'POST', `/api/v1/import?entity=${pct(asEntity)}&dryRun=${dryRun}`, body, {
                ...bearer(keys.editor),
                'content-type': type,
              });
            },
          ),
          { seed: SEED + 300 + i, numRuns: RUNS.csv },
        );
      },
    );
  });

  // ------------------------------------------------------------------ malformed bodies and encodings
  const INVALID_UTF8 = [
    [0xff],
    [0xfe, 0xff],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xc3],
    [0xe2, 0x82],
    [0x00],
  ].map((b) => Buffer.from(b));
  const CONTENT_TYPES = [
    'application/json',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json;;',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'multipart/form-data',
    'text/plain',
    'text/csv',
    'application/xml',
    'application/octet-stream',
    '*/*',
    'application/json, text/csv',
    '',
  ];

  describe('malformed bodies and encodings', () => {
    /** A body with invalid UTF-8 bytes spliced into valid text, or truncated mid-character. */
    const bytes = (template: string) =>
      fc.oneof(
        fc.tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8)).map(([at, bad]) => {
          const text = Buffer.from(template);
          const i = at % (text.length + 1);
          return Buffer.concat([text.subarray(0, i), bad, text.subarray(i)]);
        }),
        fc.nat().map((cut) => Buffer.from(`{"email":"ü${'é'.repeat(5)}`).subarray(0, 1 + (cut % 14))),
        fc.constantFrom(Buffer.from('\ufeff\ufeff{}'), Buffer.from('{}', 'utf16le'), Buffer.alloc(0)),
      );

    const routes = () => allRoutes();
    const allRoutes = () => [
      ...WRITES.map((w) => ({
        method: w.url().endsWith('recommendations/' + slug) ? 'PATCH' : 'POST',
        url: w.url(),
        body: w.body(),
      })),
      { method: 'POST', url: '/api/v1/subscriptions', body: { email: 'reader@example.org' } },
      { method: 'POST', url: '/subscribe', body: { email: 'reader@example.org' } },
      { method: 'POST', url: '/subscriptions/manage?token=x', body: { topics: 'a' } },
      { method: 'POST', url: '/api/v1/import?entity=sources', body: { slug: 'x' } },
    ];

    it('never a 5xx on any write route; errors on the API are problem+json; refused writes change nothing', async () => {
      const all = routes();
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: all.length - 1 }).chain((r) => fc.tuple(fc.constant(all[r]), bytes(JSON.stringify(all[r].body)))),
          fc.constantFrom(...CONTENT_TYPES),
          fc.constantFrom('admin', 'editor', 'none'),
          async ([route, payload], type, who) => {
            const auth = who === 'none' ? {} : bearer(who === 'admin' ? keys.admin : keys.editor);
            await check('encoding', route.method, route.url, payload, { ...auth, ...(type ? { 'content-type': type } : {}) });
          },
        ),
        { seed: SEED + 400, numRuns: RUNS.encoding * 5 },
      );
    });
  });

  // ------------------------------------------------------------------ request headers
  /** Only what HTTP lets a header carry (no CR, LF or NUL, one byte per character); the rest is the hostile string. */
  const headerSafe = (v: string) =>
    Buffer.from(v.split('\r').join(' ').split('\n').join(' ').split('\u0000').join(' ')).toString('latin1');
  const HEADERS = [
    'if-none-match',
    'accept',
    'accept-language',
    'accept-encoding',
    'x-request-id',
    'x-forwarded-for',
    'x-forwarded-proto',
    'origin',
    'referer',
    'authorization',
    'content-type',
    'range',
    'cookie',
  ];

  describe('hostile request headers', () => {
    it('never a 5xx on reads, pages, feeds and preflights', async () => {
      const targets = [
        ...LISTS.map((l) => ['GET', l.path] as const),
        ['OPTIONS', '/api/v1/recommendations'] as const,
        ['GET', '/health'] as const,
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...targets),
          fc.array(fc.tuple(fc.constantFrom(...HEADERS), hostileString.map(headerSafe)), { minLength: 1, maxLength: 4 }),
          async ([method, path], pairs) => {
            await check('header', method, path, undefined, Object.fromEntries(pairs));
          },
        ),
        { seed: SEED + 500, numRuns: RUNS.header * targets.length },
      );
    });
  });

  // ------------------------------------------------------------------ subscriptions
  const formText = (entries: Array<[string, unknown]>) => entries.map(([k, v]) => `${pct(k)}=${pct(String(v))}`).join('&');

  // Not yet on PostgreSQL: the notification repositories still use SQLite's synchronous statements
  // (issue 11 ports them next); test/postgres/run.sh leaves the notification suites out for the same reason.
  (process.env.DATABASE_URL ? describe.skip : describe)('subscriptions', () => {
    it('POST /api/v1/subscriptions: never a 5xx; refused ones change nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBody({
            email: 'reader@example.org',
            filter: { topics: ['foot-pursuits'] },
            triggers: ['status_change'],
            reminderDays: [7],
          }),
          async (body) => {
            await check('subscription', 'POST', '/api/v1/subscriptions', body, { 'content-type': 'application/json' });
          },
        ),
        { seed: SEED + 200, numRuns: RUNS.subscription },
      );
    });

    it('POST /subscribe (the form): never a 5xx; refused ones change nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom('email', 'topics', 'triggers', 'recommendation', ...FIELD_NAMES), hostileString), {
            maxLength: 4,
          }),
          async (entries) => {
            await check('subscription', 'POST', '/subscribe', formText(entries), {
              'content-type': 'application/x-www-form-urlencoded',
            });
          },
        ),
        { seed: SEED + 201, numRuns: RUNS.subscription },
      );
    });

    it.each([
      ['GET', '/subscribe'],
      ['GET', '/subscriptions/confirm'],
      ['POST', '/subscriptions/confirm'],
      ['GET', '/subscriptions/unsubscribe'],
      ['POST', '/subscriptions/unsubscribe'],
      ['POST', '/subscriptions/restore'],
      ['GET', '/subscriptions/manage'],
      ['POST', '/subscriptions/manage'],
    ])('%s %s with hostile tokens and forms: never a 5xx', async (method, path) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom('token', 'token', ...FIELD_NAMES), hostileString), { minLength: 1, maxLength: 3 }),
          fc.array(fc.tuple(fc.constantFrom('topics', 'triggers', 'List-Unsubscribe', ...FIELD_NAMES), hostileString), {
            maxLength: 3,
          }),
          async (query, form) => {
            const payload = method === 'POST' ? formText(form) : undefined;
            const headers: Record<string, string> =
              method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
            await check('subscription', method, `${path}?${formText(query)}`, payload, headers);
          },
        ),
        { seed: SEED + 210 + path.length, numRuns: RUNS.subscription },
      );
    });
  });
});
