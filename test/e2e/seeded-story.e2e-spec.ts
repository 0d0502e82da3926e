/**
 * The Chicago foot-pursuit story, read through the public API exactly as a journalist would.
 */
import { XMLParser } from 'fast-xml-parser';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

describe('the seeded Chicago foot-pursuit story', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    ({ t, http } = await bootSeededApp());
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

  it('records the September 3, 2021 decree deadline as an extension, missed, and done 291 days late', async () => {
    const res = await http.get('/api/v1/deadlines').query({ state: 'missed', limit: 200 });
    const sept3 = res.body.items.find((d: { due: string }) => d.due === '2021-09-03');
    expect(sept3).toMatchObject({
      precision: 'day',
      closesAt: '2021-09-04T05:00:00.000Z',
      state: 'missed',
      overdue: false,
      fulfilledOn: '2022-06-21',
      // Sept 4, 2021 (the first day after) to June 21, 2022, counted as a late met date is.
      daysLate: 291,
      labelIsVerbatim: false,
      // Who set the extension is not in any source: it is left empty rather than guessed.
      setBy: null,
    });
    expect(sept3.labelAttribution).toMatch(/Block Club/);
    expect(sept3.setOn === null || sept3.setOn <= '2021-09-03').toBe(true);
    // It replaced the draft's January 1, 2021 date.
    expect(sept3.extends).not.toBeNull();
    const all = (await http.get('/api/v1/deadlines').query({ limit: 200 })).body.items;
    const original = all.find((d: { id: number }) => d.id === sept3.extends.id);
    expect(original).toMatchObject({ due: '2021-01-01', state: 'extended', extendedBy: { id: sept3.id } });
  });

  it('tells the consent decree as it was: a conditional clause that the monitor triggered on March 5, 2021', async () => {
    const res = await http.get('/api/v1/recommendations/cd-2019-foot-pursuit-policy');
    expect(res.body.text).toMatch(/if the monitor recommended/);
    expect(res.body.text).toMatch(/March 5, 2021/);
    // The monitor's own assessment (IMR-2, as reported) sits beside the editors' on the force-review requirement.
    const forceReview = await http.get('/api/v1/recommendations/cd-2019-foot-pursuit-force-review');
    const monitor = forceReview.body.assessments.find(
      (a: { assessor: { slug: string } }) => a.assessor.slug === 'independent-monitoring-team',
    );
    expect(monitor).toBeDefined();
    // The monitor's findings enter the record when their reports were filed, not at the end of their periods.
    const imr4 = res.body.findings.find((f: { slug: string }) => f.slug === 'cd-2019-foot-pursuit-policy-imr-4');
    expect(imr4).toMatchObject({ filedOn: '2021-10-08', periodEnd: '2021-06-30' });
    expect(imr4.deadlinesClosedInPeriod.map((d: { slug: string }) => d.slug)).not.toContain(
      'cd-2019-foot-pursuit-policy-2021-09-03',
    );
    const august = await http.get('/api/v1/recommendations/cd-2019-foot-pursuit-policy').query({ asOf: '2021-08-01' });
    expect(august.body.findings.map((f: { slug: string }) => f.slug)).not.toContain('cd-2019-foot-pursuit-policy-imr-4');
    const november = await http.get('/api/v1/recommendations/cd-2019-foot-pursuit-policy').query({ asOf: '2021-11-01' });
    expect(november.body.findings.map((f: { slug: string }) => f.slug)).toContain('cd-2019-foot-pursuit-policy-imr-4');
  });

  it("shows the mayor's 'sometime in May' as partly met: a policy in May, but not one put out for public comment", async () => {
    const d = await mayorsMayDeadline();
    expect(d).toMatchObject({ state: 'partly_met', metOn: '2021-05-26', metLate: false, overdue: false, labelIsVerbatim: true });
    expect(d.note).toMatch(/public comment/);
  });

  it('never counts a deadline whose outcome nobody established as overdue', async () => {
    const overdue = (await http.get('/api/v1/deadlines').query({ overdue: true, limit: 200 })).body.items;
    expect(overdue.filter((d: { state: string }) => d.state !== 'open')).toEqual([]);
    const unknown = (await http.get('/api/v1/deadlines').query({ state: 'unknown', limit: 200 })).body.items;
    expect(unknown.length).toBeGreaterThan(0);
    for (const d of unknown) expect(d).toMatchObject({ overdue: false, daysLate: null, daysRemaining: null });
    expect(unknown.map((d: { due: string }) => d.due)).toContain('2017-10');
    // Before its close, an outcome nobody established was simply an open deadline, in the list as in the item.
    const before = (await http.get('/api/v1/deadlines').query({ asOf: '2017-09-01', limit: 200 })).body.items.find(
      (d: { due: string }) => d.due === '2017-10',
    );
    expect(before).toMatchObject({ state: 'open', overdue: false, daysRemaining: 60 });
    const openThen = (await http.get('/api/v1/deadlines').query({ asOf: '2017-09-01', state: 'open', limit: 200 })).body.items;
    expect(openThen.map((d: { due: string }) => d.due)).toContain('2017-10');
    // The district council elections were held on February 28, 2023.
    const elections = (await http.get('/api/v1/deadlines').query({ limit: 200 })).body.items.find(
      (d: { due: string }) => d.due === '2023-02-28',
    );
    expect(elections).toMatchObject({ state: 'met', metOn: '2023-02-28', overdue: false });
    const stats = (await http.get('/api/v1/stats')).body;
    expect(stats.overdue.deadlines).toBe(overdue.length);
  });

  it('never shows a deadline as set after it fell due, and keeps paraphrase apart from quotes', async () => {
    const all = (await http.get('/api/v1/deadlines').query({ limit: 200 })).body.items;
    for (const d of all) {
      if (d.setOn !== null) expect(d.setOn <= d.closesAt.slice(0, 10)).toBe(true);
      if (!d.labelIsVerbatim) expect(d.labelAttribution).toBeTruthy();
    }
    const summer = all.find((d: { slug: string }) => d.slug === 'mayor-2021-foot-pursuit-policy-before-the-start-of-summer-2021');
    // Her recorded words were "before the summer"; "before the start of summer" was a journalist's.
    expect(summer.label).toBe('before the summer');
    expect(summer.dateInferred).toBeTruthy();
  });

  it('lists the items as they stood on July 1, 2021: the mayor promise in, the 2022 COPA items out', async () => {
    const res = await http.get('/api/v1/recommendations').query({ asOf: '2021-07-01', topic: 'foot-pursuits', limit: 200 });
    const slugs = res.body.items.map((i: { slug: string }) => i.slug);
    expect(slugs).toContain('mayor-2021-foot-pursuit-policy');
    expect(slugs).not.toContain('copa-2022-stillman-termination');
    const mayor = res.body.items.find((i: { slug: string }) => i.slug === 'mayor-2021-foot-pursuit-policy');
    expect(mayor.status).toBe('interim');
    const deadlines = (await http.get('/api/v1/deadlines').query({ asOf: '2021-07-01', limit: 200 })).body.items;
    const sept3 = deadlines.find((d: { due: string }) => d.due === '2021-09-03');
    expect(sept3).toMatchObject({ state: 'open', overdue: false });
  });

  it('names where every quote was read, and never calls a reprint the DOJ report', async () => {
    const sources = new Map<string, { url: string | null }>(
      (await http.get('/api/v1/sources').query({ limit: 200 })).body.items.map((s: { slug: string; url: string | null }) => [
        s.slug,
        s,
      ]),
    );
    const all = (await http.get('/api/v1/recommendations').query({ limit: 200 })).body.items;
    for (const item of all) {
      const d = (await http.get(`/api/v1/recommendations/${item.slug}`)).body;
      for (const h of d.history) {
        if (h.evidence.excerpt) expect(h.evidence.source ?? h.evidence.via ?? h.evidence.url).toBeTruthy();
        expect(String(h.evidence.url)).not.toMatch(/americanbluestheater/);
      }
      if (d.textIsVerbatim && d.textVia) expect(sources.has(d.textVia.slug)).toBe(true);
    }
    const doj = (await http.get('/api/v1/recommendations/doj-2017-foot-pursuit-policy')).body;
    const first = doj.history[0];
    expect(first.evidence.source.slug).toBe('doj-2017');
    // The DOJ's words were read as quoted in a news story, which says so.
    expect(first.evidence.via).not.toBeNull();
    const enforcement = (await http.get('/api/v1/recommendations/doj-2017-enforcement-data-analysis')).body;
    expect(enforcement.textIsVerbatim).toBe(true);
    expect(enforcement.textVia).not.toBeNull();
  });

  it('measures staleness from the last review, recorded only where the research re-checked an item', async () => {
    const all = (await http.get('/api/v1/recommendations').query({ limit: 200 })).body.items;
    let reviewed = 0;
    for (const item of all) {
      const d = (await http.get(`/api/v1/recommendations/${item.slug}`)).body;
      const last = d.reviews.length ? d.reviews[d.reviews.length - 1].reviewedOn : null;
      if (last) reviewed++;
      const expected = last !== null && (d.statusAsOf === null || last > d.statusAsOf) ? last : d.statusAsOf;
      expect(d.reviewedOn).toBe(expected);
      expect(item.reviewedOn).toBe(expected);
      for (const r of d.reviews) expect(r.note).toBeTruthy();
    }
    expect(reviewed).toBeGreaterThan(0);
    expect(reviewed).toBeLessThan(all.length);
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
    const events = await http.get('/api/v1/events').query({ limit: 200 });
    const titles = events.body.items.map((e: { title: string }) => e.title).join('\n');
    expect(titles).toMatch(/Adam Toledo/);
    expect(titles).toMatch(/Anthony Alvarez/);
    for (const e of events.body.items) expect(e.source.slug).toBeTruthy();
  });

  it('ties every status change and deadline to a source that exists', async () => {
    const sources = new Set(
      (await http.get('/api/v1/sources').query({ limit: 200 })).body.items.map((s: { slug: string }) => s.slug),
    );
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
  // Reader test finding 17: every seeded entry carried the install time, so a new subscriber saw
  // the 2017 findings as new today.
  it('dates the seeded entries of the Atom feed by their sourced dates, not the install time', async () => {
    const res = await http.get('/feeds/recommendations/doj-2017-foot-pursuit-policy.atom');
    expect(res.status).toBe(200);
    const entries = new XMLParser({ isArray: (name) => name === 'entry' }).parse(res.text).feed.entry as Array<{
      title: string;
      published: string;
      updated: string;
      summary: string;
    }>;
    const byDate = entries
      .map((e) => [e.title.replace(/^.*: /, ''), e.published, e.updated])
      .sort((a, b) => (a[1] < b[1] ? -1 : 1));
    // Midnight in Chicago on: the DOJ report (2017-01-13), CBS on 2021-04-28, the interim policy taking
    // effect on 2021-06-11 (CBS reported it on 2021-05-26, before it took effect), the Tribune on 2022-06-21.
    expect(byDate).toEqual([
      ['Not started', '2017-01-13T06:00:00.000Z', '2017-01-13T06:00:00.000Z'],
      ['In progress', '2021-04-28T05:00:00.000Z', '2021-04-28T05:00:00.000Z'],
      ['Interim measure in force', '2021-06-11T05:00:00.000Z', '2021-06-11T05:00:00.000Z'],
      ['Partially implemented', '2022-06-21T05:00:00.000Z', '2022-06-21T05:00:00.000Z'],
    ]);
    expect(entries.find((e) => e.published.startsWith('2017'))!.summary).toContain(
      "From the tracker's initial data set, dated by its evidence, published January 13, 2017.",
    );
    expect(entries.find((e) => e.published.startsWith('2021-06'))!.summary).toContain(
      'dated by when the status took effect (its evidence was published earlier, May 26, 2021)',
    );
  });
});
