/**
 * Editors' writes through the real API: creating and editing with ETags, status changes with
 * evidence and their retraction, deadlines met, missed, extended and withdrawn, findings,
 * deletions, and the audit log that records all of it.
 */
import { bearer, TestKeys } from '../support/editors';
import { addDays, localToday } from '../support/factories';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

const today = localToday();

describe('editing through the API', () => {
  let t: TestApp;
  let http: Http;
  let keys: TestKeys;

  beforeAll(async () => {
    ({ t, http, keys } = await bootSeededApp(
      [
        {
          slug: 'alpha',
          statuses: [{ status: 'in_progress', on: '2021-01-01' }],
          deadlines: [{ due: '2030-05', precision: 'month' }],
        },
        { slug: 'bravo' },
      ],
      { keys: 'ed' },
    ));
  });
  afterAll(() => t.close());

  const editor = () => bearer(keys.editor);
  const admin = () => bearer(keys.admin);
  const detail = async (slug: string) => (await http.get(`/api/v1/recommendations/${slug}`).expect(200)).body;

  describe('a status change with evidence, as the README shows it', () => {
    it('is recorded, changes the headline, shows in the public history and in the audit log', async () => {
      const res = await http
        .post('/api/v1/recommendations/alpha/status-changes')
        .set(editor())
        .set('X-Request-Id', 'readme-walkthrough-1')
        .send({ status: 'implemented', effectiveOn: '2022-06-21', source: 'report-a', excerpt: 'The policy took effect.' });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe('/api/v1/recommendations/alpha');
      expect(res.body).toMatchObject({
        status: 'implemented',
        effectiveOn: '2022-06-21',
        assessor: { slug: 'tracker-editors' },
        evidence: { source: { slug: 'report-a' }, excerpt: 'The policy took effect.' },
        retracted: false,
        recommendation: { slug: 'alpha', status: 'implemented', statusAsOf: '2022-06-21' },
      });

      const item = await detail('alpha');
      expect(item.status).toBe('implemented');
      expect(item.history.map((h: { status: string }) => h.status)).toEqual(['in_progress', 'implemented']);
      const list = await http.get('/api/v1/recommendations').query({ status: 'implemented' }).expect(200);
      expect(list.body.items.map((i: { slug: string }) => i.slug)).toEqual(['alpha']);

      const audit = await http.get('/api/v1/audit').query({ entity: 'status_change' }).set(admin()).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        key: 'ed-editor',
        action: 'create',
        entity: 'status_change',
        entityId: res.body.id,
        requestId: 'readme-walkthrough-1',
        before: null,
        after: { recommendation: 'alpha', status: 'implemented', recordedBy: 'ed-editor' },
      });
    });

    it('is corrected by a retraction: the headline goes back and both entries stay in the history', async () => {
      const wrong = (
        await http
          .post('/api/v1/recommendations/bravo/status-changes')
          .set(editor())
          .send({ status: 'accepted', effectiveOn: '2020-01-01', url: 'https://example.org/a', note: 'Agreed in the 2020 plan.' })
          .expect(201)
      ).body;
      const mistake = (
        await http
          .post('/api/v1/recommendations/bravo/status-changes')
          .set(editor())
          .send({ status: 'implemented', effectiveOn: '2021-01-01', url: 'https://example.org/b', note: 'Misread the report.' })
          .expect(201)
      ).body;
      expect(mistake.recommendation.status).toBe('implemented');

      const fix = await http.post('/api/v1/recommendations/bravo/status-changes').set(editor()).send({
        status: 'accepted',
        effectiveOn: '2021-01-01',
        retracts: mistake.id,
        url: 'https://example.org/b',
        note: 'The report describes a plan, not an implementation.',
      });
      expect(fix.status).toBe(201);
      expect(fix.body).toMatchObject({ retracts: mistake.id, recommendation: { status: 'accepted' } });

      const item = await detail('bravo');
      expect(item.status).toBe('accepted');
      const byId = new Map(item.history.map((h: { id: number }) => [h.id, h]));
      expect(byId.get(mistake.id)).toMatchObject({ status: 'implemented', retracted: true, retractedBy: fix.body.id });
      expect(byId.get(fix.body.id)).toMatchObject({ retracted: false, retracts: mistake.id });
      expect(byId.get(wrong.id)).toMatchObject({ retracted: false });
      expect(item.history).toHaveLength(3);

      const again = await http.post('/api/v1/recommendations/bravo/status-changes').set(editor()).send({
        status: 'accepted',
        effectiveOn: '2021-01-01',
        retracts: mistake.id,
        url: 'https://example.org/b',
        note: 'again',
      });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already retracted/);

      const audit = await http
        .get('/api/v1/audit')
        .query({ entity: 'status_change', slug: mistake.slug })
        .set(admin())
        .expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['retract', 'create']);
      expect(audit.body.items[0].before.retracted).toBe(false);
      expect(audit.body.items[0].after.retracted).toBe(true);
    });

    it("refuses to retract another item's change, and a change of the future", async () => {
      const alpha = await detail('alpha');
      const res = await http.post('/api/v1/recommendations/bravo/status-changes').set(editor()).send({
        status: 'accepted',
        effectiveOn: '2021-01-01',
        retracts: alpha.history[0].id,
        url: 'https://example.org',
        note: 'x',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'retracts', in: 'body' })]);
      const future = await http
        .post('/api/v1/recommendations/bravo/status-changes')
        .set(editor())
        .send({ status: 'accepted', effectiveOn: addDays(today, 1), url: 'https://example.org', note: 'x' });
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([
        expect.objectContaining({ field: 'effectiveOn', reason: expect.stringMatching(/future/) }),
      ]);
    });
  });

  describe('editing with ETags', () => {
    it('creates a source with Location and ETag, and serves the ETag on GET', async () => {
      const res = await http
        .post('/api/v1/sources')
        .set(editor())
        .send({ slug: 'imr-9', title: 'Independent Monitoring Report 9', kind: 'monitor_report', publishedOn: '2024-05-01' });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe('/api/v1/sources/imr-9');
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ slug: 'imr-9', version: 1, publisher: null, url: null });
      const get = await http.get('/api/v1/sources/imr-9').expect(200);
      expect(get.headers.etag).toBe('"1"');
      expect((await http.post('/api/v1/sources').set(editor()).send({ slug: 'imr-9', title: 'x', kind: 'other' })).status).toBe(
        409,
      );
    });

    it('needs If-Match to PATCH (428), refuses a stale one (412) and bumps the version', async () => {
      const noTag = await http.patch('/api/v1/sources/imr-9').set(editor()).send({ title: 'IMR-9' });
      expect(noTag.status).toBe(428);
      expect(noTag.headers['content-type']).toMatch(/application\/problem\+json/);
      const stale = await http.patch('/api/v1/sources/imr-9').set(editor()).set('If-Match', '"7"').send({ title: 'IMR-9' });
      expect(stale.status).toBe(412);
      const ok = await http
        .patch('/api/v1/sources/imr-9')
        .set(editor())
        .set('If-Match', '"1"')
        .send({ title: 'IMR-9', url: 'https://example.org/imr9' });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.body).toMatchObject({ title: 'IMR-9', url: 'https://example.org/imr9', version: 2 });
      const old = await http.patch('/api/v1/sources/imr-9').set(editor()).set('If-Match', '"1"').send({ title: 'Overwrite' });
      expect(old.status).toBe(412);
      expect((await http.get('/api/v1/sources/imr-9')).body.title).toBe('IMR-9');

      const same = await http.patch('/api/v1/sources/imr-9').set(editor()).set('If-Match', 'W/"2"').send({ title: 'IMR-9' });
      expect(same.status).toBe(200);
      expect(same.headers.etag).toBe('"2"');

      const audit = await http.get('/api/v1/audit').query({ entity: 'source', slug: 'imr-9' }).set(admin()).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      expect(audit.body.items[0].before).toMatchObject({ title: 'Independent Monitoring Report 9', url: null, version: 1 });
      expect(audit.body.items[0].after).toMatchObject({ title: 'IMR-9', url: 'https://example.org/imr9', version: 2 });
    });

    it('lets exactly one of two racing editors win', async () => {
      const [a, b] = await Promise.all([
        http.patch('/api/v1/sources/imr-9').set(editor()).set('If-Match', '"2"').send({ note: 'editor A' }),
        http.patch('/api/v1/sources/imr-9').set(admin()).set('If-Match', '"2"').send({ note: 'editor B' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const winner = a.status === 200 ? 'editor A' : 'editor B';
      const now = await http.get('/api/v1/sources/imr-9');
      expect(now.body).toMatchObject({ note: winner, version: 3 });
    });

    it('edits a recommendation, its topics and responsible actor', async () => {
      const created = await http
        .post('/api/v1/recommendations')
        .set(editor())
        .send({
          slug: 'charlie',
          kind: 'commitment',
          title: 'Publish pursuit data',
          text: 'Publish it.',
          source: 'imr-9',
          topics: ['training'],
        });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({
        slug: 'charlie',
        status: 'not_assessed',
        topics: ['training'],
        responsible: null,
        weight: 1,
      });
      const get = await http.get('/api/v1/recommendations/charlie').expect(200);
      expect(get.headers.etag).toBe('"1"');
      const patched = await http
        .patch('/api/v1/recommendations/charlie')
        .set(editor())
        .set('If-Match', '"1"')
        .send({ topics: ['foot-pursuits', 'training'], responsible: 'city', textIsVerbatim: true });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        topics: ['foot-pursuits', 'training'],
        responsible: { slug: 'city' },
        textIsVerbatim: true,
        version: 2,
      });
      const bad = await http
        .patch('/api/v1/recommendations/charlie')
        .set(editor())
        .set('If-Match', '"2"')
        .send({ responsible: 'nobody', title: null });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['title']);
      const unknown = await http
        .patch('/api/v1/recommendations/charlie')
        .set(editor())
        .set('If-Match', '"2"')
        .send({ responsible: 'nobody' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ field: 'responsible', in: 'body', reason: 'no actor has the slug "nobody"' }]);
      expect(
        (await http.patch('/api/v1/recommendations/charlie').set(editor()).set('If-Match', '"2"').send({ slug: 'x' })).status,
      ).toBe(400);
    });

    it('creates, reads, edits and deletes events and links', async () => {
      const ev = await http
        .post('/api/v1/events')
        .set(editor())
        .send({
          slug: 'report-released',
          occurredOn: '2024-05-01',
          title: 'IMR-9 released',
          source: 'imr-9',
          recommendations: ['charlie', 'alpha'],
        });
      expect(ev.status).toBe(201);
      expect(ev.body).toMatchObject({ recommendations: ['alpha', 'charlie'], version: 1 });
      expect((await http.get('/api/v1/events/report-released').expect(200)).headers.etag).toBe('"1"');
      const evPatched = await http
        .patch('/api/v1/events/report-released')
        .set(editor())
        .set('If-Match', '"1"')
        .send({ recommendations: [] });
      expect(evPatched.body).toMatchObject({ recommendations: [], version: 2 });

      const link = await http.post('/api/v1/links').set(editor()).send({ from: 'charlie', to: 'alpha', type: 'implements' });
      expect(link.status).toBe(201);
      expect(link.headers.location).toBe('/api/v1/links/charlie/implements/alpha');
      expect(
        (await http.post('/api/v1/links').set(editor()).send({ from: 'charlie', to: 'alpha', type: 'implements' })).status,
      ).toBe(409);
      const note = await http
        .patch('/api/v1/links/charlie/implements/alpha')
        .set(editor())
        .set('If-Match', '"1"')
        .send({ note: 'Data is part of it.' });
      expect(note.status).toBe(200);
      expect(note.body).toMatchObject({
        from: { slug: 'charlie' },
        to: { slug: 'alpha' },
        note: 'Data is part of it.',
        version: 2,
      });
      expect((await detail('alpha')).links).toEqual([
        expect.objectContaining({ slug: 'charlie', direction: 'incoming', type: 'implements' }),
      ]);
    });

    it('lets only admins delete, and only what nothing refers to', async () => {
      expect((await http.delete('/api/v1/links/charlie/implements/alpha').set(editor())).status).toBe(403);
      expect((await http.delete('/api/v1/recommendations/charlie').set(admin())).status).toBe(409);
      const inUse = await http.delete('/api/v1/sources/imr-9').set(admin());
      expect(inUse.status).toBe(409);
      expect(inUse.body.detail).toMatch(/1 recommendations, 1 events/);
      expect((await http.delete('/api/v1/links/charlie/implements/alpha').set(admin())).status).toBe(204);
      expect((await http.delete('/api/v1/events/report-released').set(admin()).set('If-Match', '"1"')).status).toBe(412);
      expect((await http.delete('/api/v1/events/report-released').set(admin()).set('If-Match', '"2"')).status).toBe(204);
      expect((await http.delete('/api/v1/recommendations/charlie').set(admin())).status).toBe(204);
      expect((await http.delete('/api/v1/sources/imr-9').set(admin())).status).toBe(204);
      expect((await http.get('/api/v1/sources/imr-9')).status).toBe(404);
      expect((await http.get('/api/v1/events/report-released')).status).toBe(404);
      const audit = await http.get('/api/v1/audit').query({ entity: 'source', slug: 'imr-9' }).set(admin()).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'delete', key: 'ed-admin', after: null, before: { slug: 'imr-9' } });
      // Status changes, deadlines and findings have no DELETE at all.
      expect((await http.delete('/api/v1/deadlines/1').set(admin())).status).toBe(404);
    });
  });

  describe('deadlines', () => {
    it('sets a deadline in its own words, with the close computed from its precision', async () => {
      const res = await http.post('/api/v1/recommendations/bravo/deadlines').set(editor()).send({
        label: 'sometime in May',
        due: '2021-05',
        precision: 'month',
        setBy: 'city',
        source: 'report-a',
        authority: 'official_promise',
      });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe('/api/v1/recommendations/bravo');
      expect(res.body).toMatchObject({
        label: 'sometime in May',
        due: '2021-05',
        precision: 'month',
        closesAt: '2021-06-01T05:00:00.000Z',
        state: 'open',
        overdue: true,
        // Only a date a source gives: not the publication date of the report that stated it.
        setOn: null,
        setBy: { slug: 'city' },
      });
      const setAfterDue = await http
        .post('/api/v1/recommendations/bravo/deadlines')
        .set(editor())
        .send({ label: 'Sept. 3', due: '2021-09-03', precision: 'day', authority: 'court_order', setOn: '2021-10-08' });
      expect(setAfterDue.status).toBe(400);
      expect(setAfterDue.body.errors).toEqual([
        expect.objectContaining({ field: 'setOn', reason: expect.stringMatching(/2021-09-03/) }),
      ]);
      const mismatch = await http
        .post('/api/v1/recommendations/bravo/deadlines')
        .set(editor())
        .send({ label: 'x', due: '2021-05', precision: 'day', authority: 'law' });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.errors).toEqual([
        expect.objectContaining({ field: 'due', reason: '"2021-05" is a month, but precision says day' }),
      ]);
    });

    it('extends a deadline: the original keeps its wording and date, marked extended and linked to the new one', async () => {
      const original = (await detail('bravo')).deadlines.find((d: { label: string }) => d.label === 'sometime in May');
      const res = await http.post(`/api/v1/deadlines/${original.id}/extend`).set(editor()).send({
        due: '2021-Q3',
        precision: 'quarter',
        label: 'by the end of the summer',
        settledOn: '2021-05-28',
        url: 'https://example.org/delay',
        excerpt: 'We need more time.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        label: 'by the end of the summer',
        due: '2021-Q3',
        state: 'open',
        setOn: '2021-05-28',
        setBy: { slug: 'city' },
        authority: 'official_promise',
        extends: { id: original.id },
      });
      const both = (await detail('bravo')).deadlines;
      expect(both.find((d: { id: number }) => d.id === original.id)).toMatchObject({
        label: 'sometime in May',
        due: '2021-05',
        state: 'extended',
        extendedBy: { id: res.body.id },
        evidence: { url: 'https://example.org/delay', excerpt: 'We need more time.' },
      });
      expect(both).toHaveLength(2);
      const again = await http
        .post(`/api/v1/deadlines/${original.id}/extend`)
        .set(editor())
        .send({ due: '2022', precision: 'year', label: 'x', url: 'https://example.org' });
      expect(again.status).toBe(409);
      // As of the day before the extension, only the original existed, and it was open.
      const asOf = await http.get('/api/v1/recommendations/bravo').query({ asOf: '2021-05-27' });
      expect(asOf.body.deadlines).toEqual([
        expect.objectContaining({ id: original.id, state: 'open', overdue: false, daysRemaining: 4 }),
      ]);
    });

    it('marks deadlines met (with evidence), missed and withdrawn, each only once', async () => {
      const current = (await detail('bravo')).deadlines.find((d: { state: string }) => d.state === 'open');
      const noEvidence = await http.post(`/api/v1/deadlines/${current.id}/met`).set(editor()).send({ metOn: '2021-09-01' });
      expect(noEvidence.status).toBe(400);
      expect(noEvidence.body.errors).toEqual([expect.objectContaining({ field: 'source' })]);
      const future = await http
        .post(`/api/v1/deadlines/${current.id}/met`)
        .set(editor())
        .send({ metOn: addDays(today, 2), source: 'report-b' });
      expect(future.status).toBe(400);
      const met = await http
        .post(`/api/v1/deadlines/${current.slug}/met`)
        .set(editor())
        .send({ metOn: '2021-09-01', source: 'report-b', note: 'Issued.' });
      expect(met.status).toBe(200);
      expect(met.body).toMatchObject({
        state: 'met',
        metOn: '2021-09-01',
        metLate: false,
        evidence: { source: { slug: 'report-b' } },
        version: 2,
      });
      expect(met.headers.etag).toBe('"2"');
      expect((await http.post(`/api/v1/deadlines/${current.id}/missed`).set(editor()).send({})).status).toBe(409);

      const alphaDeadline = (await detail('alpha')).deadlines[0];
      const missed = await http
        .post(`/api/v1/deadlines/${alphaDeadline.id}/missed`)
        .set(editor())
        .set('If-Match', '"1"')
        .send({});
      expect(missed.status).toBe(200);
      expect(missed.body).toMatchObject({ state: 'missed' });

      const d = (
        await http
          .post('/api/v1/recommendations/alpha/deadlines')
          .set(editor())
          .send({ label: 'next year', due: '2031', precision: 'year', authority: 'self_imposed' })
          .expect(201)
      ).body;
      expect(d.setOn).toBeNull();
      const withdrawn = await http
        .post(`/api/v1/deadlines/${d.id}/withdraw`)
        .set(editor())
        .send({ url: 'https://example.org/w', note: 'Dropped.' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ state: 'withdrawn', note: 'Dropped.' });
      expect((await detail('alpha')).nextDeadline).toBeNull();
      expect(
        (await http.post('/api/v1/deadlines/999999/met').set(editor()).send({ metOn: '2021-01-01', source: 'report-a' })).status,
      ).toBe(404);
    });
  });

  it('records monitor findings', async () => {
    const finding = {
      assessor: 'independent-monitoring-team',
      report: 'report-b',
      periodStart: '2021-01-01',
      periodEnd: '2021-06-30',
      level: 'preliminary',
      deadlineMet: false,
      summary: 'Some progress.',
    };
    const res = await http.post('/api/v1/recommendations/alpha/findings').set(editor()).send(finding);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/recommendations/alpha');
    expect(res.body).toMatchObject({ level: 'preliminary', deadlineMet: false, report: { slug: 'report-b' }, regression: false });
    // A record for an item that does not exist: 404, and no Location pointing at it.
    const noItem = await http.post('/api/v1/recommendations/no-such-item/findings').set(editor()).send(finding);
    expect(noItem.status).toBe(404);
    expect(noItem.headers.location).toBeUndefined();
    const unknown = await http.post('/api/v1/recommendations/alpha/findings').set(editor()).send({
      assessor: 'independent-monitoring-team',
      report: 'report-b',
      periodStart: '2021-07-01',
      periodEnd: '2021-12-31',
      summary: 'Level not stated.',
    });
    expect(unknown.status).toBe(201);
    expect(unknown.body.level).toBeNull();
  });

  describe('the audit log', () => {
    it('filters by key and time, pages with a cursor, and is for admins only', async () => {
      expect((await http.get('/api/v1/audit').set(editor())).status).toBe(403);
      expect((await http.get('/api/v1/audit')).status).toBe(401);
      const byAdmin = await http.get('/api/v1/audit').query({ key: 'ed-admin' }).set(admin()).expect(200);
      expect(byAdmin.body.items.length).toBeGreaterThan(0);
      for (const e of byAdmin.body.items) expect(e.key).toBe('ed-admin');
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await http
          .get('/api/v1/audit')
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .set(admin())
          .expect(200);
        seen.push(...page.body.items.map((e: { id: number }) => e.id));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const all = (await http.get('/api/v1/audit').query({ limit: 200 }).set(admin()).expect(200)).body.items.map(
        (e: { id: number }) => e.id,
      );
      expect(seen).toEqual(all);
      expect([...all].sort((a, b) => b - a)).toEqual(all);
      expect(
        (
          await http
            .get('/api/v1/audit')
            .query({ from: addDays(today, 1) })
            .set(admin())
        ).body.items,
      ).toEqual([]);
      expect(
        (
          await http
            .get('/api/v1/audit')
            .query({ from: addDays(today, -1), to: addDays(today, 1) })
            .set(admin())
        ).body.items.length,
      ).toBe(Math.min(50, all.length));
      expect((await http.get('/api/v1/audit').query({ to: '2020-01-01' }).set(admin())).body.items).toEqual([]);
      const bad = await http.get('/api/v1/audit').query({ from: '2021-02-30', limit: 0 }).set(admin());
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit']);
    });
  });
});
