/**
 * The rules that keep the record honest, through the real API: deadline outcomes that say what is
 * known (unknown, partly met, missed and done later), deadlines never set after they fell due,
 * retractions that stand on their own, "reviewed, unchanged", and `knownAt` views that never change
 * whatever is recorded, retracted or settled afterwards.
 */
import { bearer, TestKeys } from '../support/editors';
import { localToday } from '../support/factories';
import { bootSeededApp, Http, TestApp } from '../support/test-app';

const today = localToday();
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the record tells the truth', () => {
  let t: TestApp;
  let http: Http;
  let keys: TestKeys;

  beforeAll(async () => {
    ({ t, http, keys } = await bootSeededApp(
      [
        {
          slug: 'alpha',
          statuses: [{ status: 'in_progress', on: '2021-01-01' }],
          deadlines: [
            { due: '2021-05', precision: 'month', label: 'sometime in May' },
            { due: '2021-09', precision: 'month', label: 'in September' },
            { due: '2017-10', precision: 'month', label: 'by October' },
          ],
        },
        { slug: 'bravo', statuses: [{ status: 'implemented', on: '2017-09-15' }] },
      ],
      { keys: 'truth' },
    ));
  });
  afterAll(() => t.close());

  const editor = () => bearer(keys.editor);
  const detail = async (slug: string, query: Record<string, string> = {}) =>
    (await http.get(`/api/v1/recommendations/${slug}`).query(query).expect(200)).body;
  const deadline = async (slug: string, due: string, query: Record<string, string> = {}) =>
    (await detail(slug, query)).deadlines.find((d: { due: string }) => d.due === due);

  describe('deadline outcomes', () => {
    it('records an unknown outcome only after the close, and never counts it overdue', async () => {
      const october = await deadline('alpha', '2017-10');
      expect(october).toMatchObject({ state: 'open', overdue: true });
      const res = await http
        .post(`/api/v1/deadlines/${october.id}/unknown`)
        .set(editor())
        .send({ note: 'Nobody has checked whether the training happened.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'unknown', overdue: false, daysLate: null, daysRemaining: null });
      const overdue = (await http.get('/api/v1/deadlines').query({ overdue: true })).body.items;
      expect(overdue.map((d: { id: number }) => d.id)).not.toContain(october.id);
      expect((await http.get('/api/v1/stats')).body.overdue.deadlines).toBe(overdue.length);
      // Once the outcome is established, it can be settled.
      const met = await http
        .post(`/api/v1/deadlines/${october.id}/met`)
        .set(editor())
        .send({ metOn: '2017-10-01', source: 'report-b', note: 'The revised policy took effect.' });
      expect(met.status).toBe(200);
      expect(met.body).toMatchObject({ state: 'met', metOn: '2017-10-01', metLate: false });

      const future = (
        await http
          .post('/api/v1/recommendations/bravo/deadlines')
          .set(editor())
          .send({ label: 'next year', due: '2099', precision: 'year', authority: 'official_promise' })
          .expect(201)
      ).body;
      const early = await http.post(`/api/v1/deadlines/${future.id}/unknown`).set(editor()).send({});
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/not closed yet/);
    });

    it('records a partly met promise with what was and was not done', async () => {
      const may = await deadline('alpha', '2021-05');
      const noNote = await http
        .post(`/api/v1/deadlines/${may.id}/partly-met`)
        .set(editor())
        .send({ metOn: '2021-05-26', source: 'report-b' });
      expect(noNote.status).toBe(400);
      expect(noNote.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
      const res = await http
        .post(`/api/v1/deadlines/${may.id}/partly-met`)
        .set(editor())
        .send({ metOn: '2021-05-26', source: 'report-b', note: 'An interim policy, without the promised public comment.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'partly_met',
        metOn: '2021-05-26',
        metLate: false,
        overdue: false,
        daysLate: null,
      });
      expect(res.body.note).toMatch(/public comment/);
    });

    it('fixes how late a missed deadline was once it is done, and stops counting', async () => {
      const sept = await deadline('alpha', '2021-09');
      await http.post(`/api/v1/deadlines/${sept.id}/missed`).set(editor()).send({ settledOn: '2021-10-01' }).expect(200);
      const counting = await deadline('alpha', '2021-09');
      expect(counting.fulfilledOn).toBeNull();
      expect(counting.daysLate).toBeGreaterThan(1000);
      const tooEarly = await http
        .post(`/api/v1/deadlines/${sept.id}/fulfilled`)
        .set(editor())
        .send({ fulfilledOn: '2021-09-15', source: 'report-b' });
      expect(tooEarly.status).toBe(400);
      expect(tooEarly.body.errors).toEqual([expect.objectContaining({ field: 'fulfilledOn' })]);
      const done = await http
        .post(`/api/v1/deadlines/${sept.id}/fulfilled`)
        .set(editor())
        .send({ fulfilledOn: '2022-06-21', source: 'report-b', note: 'The final policy.' });
      expect(done.status).toBe(200);
      // October 1, 2021 (the first day after September) to June 21, 2022, counted as a late met date is.
      expect(done.body).toMatchObject({ state: 'missed', fulfilledOn: '2022-06-21', daysLate: 264, overdue: false });
      expect(
        (
          await http
            .post(`/api/v1/deadlines/${sept.id}/fulfilled`)
            .set(editor())
            .send({ fulfilledOn: '2022-07-01', source: 'report-b' })
        ).status,
      ).toBe(409);
      // Before it was done, it was still counting up.
      const then = await deadline('alpha', '2021-09', { asOf: '2022-01-01' });
      expect(then).toMatchObject({ state: 'missed', fulfilledOn: null, daysLate: 93 });
    });

    it('refuses a deadline set after the last day it was due, naming setOn', async () => {
      const before = await detail('bravo');
      const res = await http
        .post('/api/v1/recommendations/bravo/deadlines')
        .set(editor())
        .send({ label: 'Sept. 3', due: '2021-09-03', precision: 'day', authority: 'court_order', setOn: '2021-10-08' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'setOn', reason: expect.stringMatching(/2021-09-03/) })]);
      expect((await detail('bravo')).deadlines).toHaveLength(before.deadlines.length);
    });

    it('keeps paraphrased labels apart from the words of whoever set the deadline', async () => {
      const res = await http.post('/api/v1/recommendations/bravo/deadlines').set(editor()).send({
        label: 'before the start of summer',
        labelIsVerbatim: false,
        labelAttribution: "Police Magazine's paraphrase",
        due: '2021-05-31',
        precision: 'day',
        dateInferred: 'Summer read as starting on Memorial Day.',
        authority: 'official_promise',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        labelIsVerbatim: false,
        labelAttribution: "Police Magazine's paraphrase",
        dateInferred: 'Summer read as starting on Memorial Day.',
      });
      const contradictory = await http.post('/api/v1/recommendations/bravo/deadlines').set(editor()).send({
        label: 'x',
        labelIsVerbatim: true,
        labelAttribution: 'somebody',
        due: '2030',
        precision: 'year',
        authority: 'law',
      });
      expect(contradictory.status).toBe(400);
      expect(contradictory.body.errors).toEqual([expect.objectContaining({ field: 'labelAttribution' })]);
    });
  });

  describe('corrections and reviews', () => {
    it('retracts an entry on its own, with a reason, without stating a status or moving the since date', async () => {
      const wrong = (
        await http
          .post('/api/v1/recommendations/bravo/status-changes')
          .set(editor())
          .send({ status: 'rejected', effectiveOn: '2020-01-01', url: 'https://example.org/x', excerpt: 'Wrong item.' })
          .expect(201)
      ).body;
      expect((await detail('bravo')).status).toBe('rejected');
      const noReason = await http.post('/api/v1/recommendations/bravo/status-changes').set(editor()).send({ retracts: wrong.id });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
      const res = await http
        .post('/api/v1/recommendations/bravo/status-changes')
        .set(editor())
        .send({ retracts: wrong.id, note: 'Entered on the wrong item.' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: null, retracts: wrong.id, effectiveOn: '2020-01-01' });
      const item = await detail('bravo');
      expect(item).toMatchObject({ status: 'implemented', statusAsOf: '2017-09-15' });
      expect(item.history.find((h: { id: number }) => h.id === wrong.id)).toMatchObject({
        retracted: true,
        retractedBy: res.body.id,
      });
      const noStatus = await http
        .post('/api/v1/recommendations/bravo/status-changes')
        .set(editor())
        .send({ effectiveOn: '2021-01-01', note: 'x' });
      expect(noStatus.status).toBe(400);
      expect(noStatus.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    });

    it('clears the stale flag with "reviewed, unchanged" and keeps the status and its date', async () => {
      const before = await detail('bravo');
      expect(before.stale).toBe(true);
      const res = await http
        .post('/api/v1/recommendations/bravo/reviews')
        .set(editor())
        .send({ source: 'report-b', note: 'Re-read: still in place.' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: before.status, statusAsOf: before.statusAsOf, reviewedOn: today, stale: false });
      expect(res.body.reviews).toEqual([
        expect.objectContaining({
          reviewedOn: today,
          reviewer: expect.objectContaining({ slug: 'tracker-editors' }),
          note: 'Re-read: still in place.',
        }),
      ]);
      const listed = (await http.get('/api/v1/recommendations').query({ stale: false })).body.items.map(
        (i: { slug: string }) => i.slug,
      );
      expect(listed).toContain('bravo');
      const future = await http.post('/api/v1/recommendations/bravo/reviews').set(editor()).send({ reviewedOn: '2999-01-01' });
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'reviewedOn' })]);
    });
  });

  describe('knownAt: a cited page never changes', () => {
    it('gives the item, its list row and its deadlines as they were recorded at an instant', async () => {
      await http
        .post('/api/v1/recommendations')
        .set(editor())
        .send({ slug: 'charlie', kind: 'commitment', title: 'Charlie', text: 'A promise.', source: 'report-a' })
        .expect(201);
      const due = (
        await http
          .post('/api/v1/recommendations/charlie/deadlines')
          .set(editor())
          .send({ label: 'by June', labelIsVerbatim: true, due: '2021-06', precision: 'month', authority: 'official_promise' })
          .expect(201)
      ).body;
      const first = (
        await http
          .post('/api/v1/recommendations/charlie/status-changes')
          .set(editor())
          .send({ status: 'in_progress', effectiveOn: '2021-04-01', source: 'report-a', excerpt: 'Work began.' })
          .expect(201)
      ).body;
      await tick();
      const cited = new Date().toISOString();
      const citedPage = await detail('charlie', { knownAt: cited, asOf: '2021-12-31' });
      await tick();

      // Everything that happens after the citation: a backdated entry, a retraction, an outcome, a review.
      await http
        .post('/api/v1/recommendations/charlie/status-changes')
        .set(editor())
        .send({ status: 'implemented', effectiveOn: '2021-05-20', source: 'report-b', excerpt: 'Done, it turns out.' })
        .expect(201);
      await http
        .post('/api/v1/recommendations/charlie/status-changes')
        .set(editor())
        .send({ retracts: first.id, note: 'Misdated.' })
        .expect(201);
      await http
        .post(`/api/v1/deadlines/${due.id}/met`)
        .set(editor())
        .send({ metOn: '2021-05-20', source: 'report-b' })
        .expect(200);
      await http.post('/api/v1/recommendations/charlie/reviews').set(editor()).send({ note: 'Checked.' }).expect(201);

      const now = await detail('charlie', { asOf: '2021-12-31' });
      expect(now.status).toBe('implemented');
      expect(now.deadlines[0].state).toBe('met');

      const again = await detail('charlie', { knownAt: cited, asOf: '2021-12-31' });
      expect(again).toEqual(citedPage);
      expect(again).toMatchObject({ status: 'in_progress', statusAsOf: '2021-04-01', reviews: [] });
      expect(again.history).toHaveLength(1);
      expect(again.history[0]).toMatchObject({ id: first.id, retracted: false });
      expect(again.deadlines[0]).toMatchObject({ id: due.id, state: 'open', overdue: true });

      const list = (await http.get('/api/v1/recommendations').query({ knownAt: cited, asOf: '2021-12-31', kind: 'commitment' }))
        .body.items;
      expect(list).toEqual([expect.objectContaining({ slug: 'charlie', status: 'in_progress', overdue: true })]);
      const deadlines = (await http.get('/api/v1/deadlines').query({ knownAt: cited, asOf: '2021-12-31', state: 'open' })).body
        .items;
      expect(deadlines.map((d: { id: number }) => d.id)).toContain(due.id);
      const metNow = (await http.get('/api/v1/deadlines').query({ asOf: '2021-12-31', state: 'met' })).body.items;
      expect(metNow.map((d: { id: number }) => d.id)).toContain(due.id);

      // The export and the feed of the same filters answer the same way.
      const exported = JSON.parse(
        (await http.get('/api/v1/export.json').query({ knownAt: cited, kind: 'commitment' }).buffer(true)).text,
      );
      expect(exported.statusChanges.map((c: { status: string }) => c.status)).toEqual(['in_progress']);
      expect(exported.deadlines).toEqual([expect.objectContaining({ slug: due.slug, state: 'open', metOn: null })]);
      expect(exported.reviews).toEqual([]);
      const feed = (await http.get('/feeds/changes.atom').query({ knownAt: cited, kind: 'commitment' }).buffer(true)).text;
      expect(feed.match(/<entry>/g)).toHaveLength(1);
      expect(feed).not.toMatch(/Done, it turns out/);
      const feedNow = (await http.get('/feeds/changes.atom').query({ kind: 'commitment' }).buffer(true)).text;
      expect(feedNow).toMatch(/Done, it turns out/);

      // Before the item was recorded at all, the tracker did not know it.
      const earlier = await http.get('/api/v1/recommendations/charlie').query({ knownAt: '2000-01-01T00:00:00Z' });
      expect(earlier.status).toBe(404);
    });

    it('refuses a knownAt that is not an instant, naming it', async () => {
      for (const bad of ['yesterday', '2026-11-30', '2021-02-30T00:00:00Z', '2026-11-30T25:00:00Z']) {
        const res = await http.get('/api/v1/recommendations').query({ knownAt: bad });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'knownAt' })]);
      }
    });
  });
});
