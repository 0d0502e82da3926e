/**
 * The Chicago foot-pursuit story, read through the public API exactly as a journalist would.
 */
import request from 'supertest';
import { bootApp, TestApp } from '../support/test-app';

describe('the seeded Chicago foot-pursuit story', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    t = await bootApp();
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  async function mayorsMayDeadline(asOf?: string) {
    const res = await http.get('/api/v1/recommendations/mayor-2021-foot-pursuit-policy').query(asOf ? { asOf } : {});
    expect(res.status).toBe(200);
    const deadline = res.body.deadlines.find((d: { due: string }) => d.due === '2021-05');
    expect(deadline).toBeDefined();
    return deadline;
  }

  it("keeps the mayor's promise in her words, with month precision, closing at the end of May in Chicago", async () => {
    const d = await mayorsMayDeadline();
    expect(d.label).toBe('sometime in May');
    expect(d.precision).toBe('month');
    expect(d.closesAt).toBe('2021-06-01T05:00:00.000Z');
    expect(d.setBy.slug).toBe('mayor-of-chicago');
    expect(d.source).not.toBeNull();
  });

  it('was not overdue as of 2021-05-31, nor while it was still open earlier in May', async () => {
    const onLastDay = await mayorsMayDeadline('2021-05-31');
    expect(onLastDay.overdue).toBe(false);
    const midMay = await mayorsMayDeadline('2021-05-20');
    expect(midMay.state).toBe('open');
    expect(midMay.overdue).toBe(false);
    // At the end of May 20 the local days left are May 21 … May 31.
    expect(midMay.daysRemaining).toBe(11);
    expect(midMay.metOn).toBeNull();
  });

  it('did not exist before the mayor made the promise', async () => {
    const res = await http.get('/api/v1/deadlines').query({ setBy: 'mayor-of-chicago', asOf: '2021-04-01', limit: 200 });
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { due: string }) => d.due)).not.toContain('2021-05');
  });

  it('shows the foot-pursuit policy as interim on 2021-07-01, and how it got there', async () => {
    const res = await http.get('/api/v1/recommendations/doj-2017-foot-pursuit-policy').query({ asOf: '2021-07-01' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('interim');
    const statuses = res.body.history.map((h: { status: string }) => h.status);
    expect(statuses[0]).toBe('not_started');
    expect(statuses).toContain('interim');
    for (const h of res.body.history) {
      expect(h.evidence.source ?? h.evidence.url).toBeTruthy();
      expect(h.effectiveOn <= '2021-07-01').toBe(true);
    }
    const list = await http.get('/api/v1/recommendations').query({ asOf: '2021-07-01', status: 'interim', limit: 200 });
    expect(list.body.items.map((i: { slug: string }) => i.slug)).toContain('doj-2017-foot-pursuit-policy');
  });

  it('tells the current status apart from the 2021 one, with its full history', async () => {
    const res = await http.get('/api/v1/recommendations/doj-2017-foot-pursuit-policy');
    expect(res.body.status).not.toBe('interim');
    expect(res.body.history.length).toBeGreaterThan(
      (await http.get('/api/v1/recommendations/doj-2017-foot-pursuit-policy').query({ asOf: '2021-07-01' })).body.history.length,
    );
    expect(res.body.assessments[0]).toMatchObject({ isHeadline: true, assessor: { slug: 'tracker-editors' } });
    expect(res.body.textIsVerbatim).toBe(false);
  });

  it('records the missed consent-decree deadline of September 3, 2021 with how late it is', async () => {
    const res = await http.get('/api/v1/deadlines').query({ state: 'missed', limit: 200 });
    const sept3 = res.body.items.find((d: { due: string }) => d.due === '2021-09-03');
    expect(sept3).toMatchObject({ precision: 'day', closesAt: '2021-09-04T05:00:00.000Z', state: 'missed', overdue: false });
    expect(sept3.daysLate).toBeGreaterThan(365 * 5);
  });

  it('carries monitor findings with a regression flag, links in both directions, and dated events', async () => {
    const withFindings = await http.get('/api/v1/recommendations').query({ assessor: 'tracker-editors', limit: 200 });
    let sawFinding = false;
    let sawLink = false;
    for (const item of withFindings.body.items) {
      const detail = (await http.get(`/api/v1/recommendations/${item.slug}`)).body;
      for (const f of detail.findings) {
        sawFinding = true;
        expect(typeof f.regression).toBe('boolean');
        expect(f.report.slug).toBeTruthy();
      }
      for (const l of detail.links) {
        sawLink = true;
        expect(['outgoing', 'incoming']).toContain(l.direction);
        expect(l.status).toBeTruthy();
      }
    }
    expect(sawFinding).toBe(true);
    expect(sawLink).toBe(true);
    const events = await http.get('/api/v1/events');
    const titles = events.body.items.map((e: { title: string }) => e.title).join('\n');
    expect(titles).toMatch(/Adam Toledo/);
    expect(titles).toMatch(/Anthony Alvarez/);
    for (const e of events.body.items) expect(e.source.slug).toBeTruthy();
  });

  it('ties every status change and deadline to a source that exists', async () => {
    const sources = new Set((await http.get('/api/v1/sources')).body.items.map((s: { slug: string }) => s.slug));
    const all = (await http.get('/api/v1/recommendations').query({ limit: 200 })).body.items;
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const item of all) {
      const d = (await http.get(`/api/v1/recommendations/${item.slug}`)).body;
      expect(sources.has(d.source.slug)).toBe(true);
      for (const h of d.history) expect(h.evidence.source === null || sources.has(h.evidence.source.slug)).toBe(true);
      for (const dl of d.deadlines) expect(dl.source === null || sources.has(dl.source.slug)).toBe(true);
    }
  });

  it('summarises the tracker in /stats with counts that add up', async () => {
    const res = await http.get('/api/v1/stats');
    expect(res.status).toBe(200);
    const total = Object.values(res.body.byStatus as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(res.body.total);
    expect(Object.values(res.body.byKind as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(total);
    expect(res.body.progress.ratio).toBeGreaterThanOrEqual(0);
    expect(res.body.progress.ratio).toBeLessThanOrEqual(1);
    expect(res.body.progress.remaining).toBe(total - res.body.byStatus.implemented);
    expect(new Date(res.body.generatedAt).toString()).not.toBe('Invalid Date');
  });

  it('serves the OpenAPI document describing every public route', async () => {
    const res = await http.get('/docs-json');
    expect(res.status).toBe(200);
    for (const path of [
      '/api/v1/recommendations',
      '/api/v1/recommendations/{slug}',
      '/api/v1/deadlines',
      '/api/v1/sources',
      '/api/v1/sources/{slug}',
      '/api/v1/actors',
      '/api/v1/actors/{slug}',
      '/api/v1/topics',
      '/api/v1/events',
      '/api/v1/stats',
    ]) {
      expect(res.body.paths[path]?.get?.responses?.['200']).toBeDefined();
    }
    const listParams = res.body.paths['/api/v1/recommendations'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining([
        'status',
        'kind',
        'topic',
        'source',
        'responsible',
        'assessor',
        'overdue',
        'dueWithin',
        'stale',
        'q',
        'asOf',
        'limit',
        'cursor',
      ]),
    );
    expect((await http.get('/docs')).status).toBe(200);
  });
});
