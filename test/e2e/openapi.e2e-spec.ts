/**
 * The API contract: /docs-json is a valid OpenAPI 3 document (checked with a maintained validator,
 * @seriousme/openapi-schema-validator, run in its own Node process because it is an ES module), and
 * it says what the schema alone cannot check: every path parameter declared, every success answer
 * with a schema, every list paged the same way, and the public reads listed before the operations
 * that need a key.
 */
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { bootApp, TestApp } from '../support/test-app';

type Operation = {
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Document = { openapi: string; tags: Array<{ name: string }>; paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Validates with the library in a child process; returns its verdict. */
function validate(document: unknown): { valid: boolean; errors?: unknown } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const result = await new Validator().validate(JSON.parse(input));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(document),
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  const operations: Array<{ method: string; path: string; op: Operation }> = [];

  beforeAll(async () => {
    t = await bootApp({ SEED_ON_START: 'false' });
    const res = await request(t.app.getHttpServer()).get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
    }
  });
  afterAll(() => t.close());

  it('validates as OpenAPI 3', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(validate(doc)).toEqual({ valid: true });
  });

  it('is checked by a validator that does refuse a broken document', () => {
    const broken = { ...doc, paths: { '/x': { get: { responses: 'none' } } } };
    expect(validate(broken).valid).toBe(false);
  });

  it('declares every path parameter of every operation', () => {
    const missing = operations.flatMap(({ method, path, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .filter((name) => !(op.parameters ?? []).some((p) => p.in === 'path' && p.name === name))
        .map((name) => `${method.toUpperCase()} ${path}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every operation a success answer, with a schema for every body it sends', () => {
    const problems = operations.flatMap(({ method, path, op }) => {
      const success = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
      if (success.length === 0) return [`${method.toUpperCase()} ${path}: no success answer`];
      return success
        .filter(([code, r]) => code !== '204' && !(r.content && Object.values(r.content).every((c) => c.schema)))
        .map(([code]) => `${method.toUpperCase()} ${path}: ${code} has no schema`);
    });
    expect(problems).toEqual([]);
  });

  it.each([
    '/api/v1/recommendations',
    '/api/v1/deadlines',
    '/api/v1/sources',
    '/api/v1/actors',
    '/api/v1/topics',
    '/api/v1/events',
  ])('documents %s as a page: limit and cursor in, items and nextCursor out', (path) => {
    const op = doc.paths[path].get;
    expect((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor']),
    );
    const schema = op.responses['200'].content!['application/json'].schema as { $ref: string };
    const name = schema.$ref.split('/').pop()!;
    const props = (doc as unknown as { components: { schemas: Record<string, { properties: object }> } }).components.schemas[name]
      .properties;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['items', 'nextCursor']));
  });

  it('lists the public reads before the operations that need a key', () => {
    const publicGet = (item: Record<string, Operation>) => item.get !== undefined && !(item.get.security?.length ?? 0);
    const order = Object.values(doc.paths).map(publicGet);
    expect(order.indexOf(false)).toBeGreaterThan(order.lastIndexOf(true));
    const tags = doc.tags.map((tg) => tg.name);
    expect(tags.slice(0, 3)).toEqual(['recommendations', 'deadlines', 'sources']);
    const adminOnly = tags.filter((tag) =>
      operations.filter(({ op }) => op.tags?.includes(tag)).every(({ op }) => (op.security?.length ?? 0) > 0),
    );
    expect(adminOnly).toEqual(expect.arrayContaining(['keys', 'audit']));
    const lastPublic = Math.max(...tags.map((tag, i) => (adminOnly.includes(tag) ? -1 : i)));
    for (const tag of adminOnly) expect(tags.indexOf(tag)).toBeGreaterThan(lastPublic);
    for (const { op } of operations) for (const tag of op.tags ?? []) expect(tags).toContain(tag);
  });
});
