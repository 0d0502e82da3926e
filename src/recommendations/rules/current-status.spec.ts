import fc from 'fast-check';
import { assessments, currentByAssessor, entryEffect, headline, retractedIds, StatusEntry } from './current-status';
import { Status, STATUSES } from './status-vocabulary';

const EDITORS = 'tracker-editors';
const MONITOR = 'independent-monitoring-team';
const COPA = 'copa';

let nextId = 1;
/** Test factory: entries get increasing ids and recordedAt unless told otherwise. */
function entry(partial: Partial<StatusEntry> & Pick<StatusEntry, 'status' | 'effectiveOn'>): StatusEntry {
  const id = partial.id ?? nextId++;
  return {
    id,
    assessor: EDITORS,
    recordedAt: new Date(Date.UTC(2024, 0, 1) + id * 60_000),
    retracts: null,
    ...partial,
  };
}

beforeEach(() => {
  nextId = 1;
});

describe('retractedIds', () => {
  it('is empty without retractions', () => {
    expect(retractedIds([entry({ status: 'accepted', effectiveOn: '2021-01-01' })])).toEqual(new Set());
    expect(retractedIds([])).toEqual(new Set());
  });

  it('retracts the target of a retraction', () => {
    const a = entry({ status: 'implemented', effectiveOn: '2021-06-11' });
    const b = entry({ status: 'interim', effectiveOn: '2021-06-11', retracts: a.id });
    expect(retractedIds([a, b])).toEqual(new Set([a.id]));
  });

  it('reinstates the original when the retraction is itself retracted', () => {
    const a = entry({ status: 'implemented', effectiveOn: '2021-06-11' });
    const b = entry({ status: 'interim', effectiveOn: '2021-06-11', retracts: a.id });
    const c = entry({ status: 'implemented', effectiveOn: '2021-06-11', retracts: b.id });
    expect(retractedIds([a, b, c])).toEqual(new Set([b.id]));
  });

  it('follows chains of any length', () => {
    const chain: StatusEntry[] = [entry({ status: 'accepted', effectiveOn: '2021-01-01' })];
    for (let i = 1; i < 7; i++) chain.push(entry({ status: 'accepted', effectiveOn: '2021-01-01', retracts: chain[i - 1].id }));
    // The last is live, so 6th retracted, 5th live, 4th retracted...: every other one from the end.
    expect(retractedIds(chain)).toEqual(new Set([chain[5].id, chain[3].id, chain[1].id]));
    expect(retractedIds(chain.slice(0, 6))).toEqual(new Set([chain[4].id, chain[2].id, chain[0].id]));
  });

  it('does not depend on the order of the list', () => {
    const a = entry({ status: 'implemented', effectiveOn: '2021-06-11' });
    const b = entry({ status: 'interim', effectiveOn: '2021-06-11', retracts: a.id });
    const c = entry({ status: 'implemented', effectiveOn: '2021-06-11', retracts: b.id });
    expect(retractedIds([c, a, b])).toEqual(new Set([b.id]));
    expect(retractedIds([b, c, a])).toEqual(new Set([b.id]));
  });

  it('keeps an entry retracted while any live retraction targets it', () => {
    const a = entry({ status: 'implemented', effectiveOn: '2021-06-11' });
    const b = entry({ status: 'interim', effectiveOn: '2021-06-11', retracts: a.id });
    const c = entry({ status: 'interim', effectiveOn: '2021-06-11', retracts: a.id });
    const d = entry({ status: 'accepted', effectiveOn: '2021-06-11', retracts: b.id });
    expect(retractedIds([a, b, c, d])).toEqual(new Set([a.id, b.id]));
  });

  it('ignores retracts pointing to an unknown id, to itself or to a later entry', () => {
    const a = entry({ status: 'accepted', effectiveOn: '2021-01-01', retracts: 999 });
    const b = entry({ status: 'accepted', effectiveOn: '2021-01-01' });
    const self = entry({ status: 'accepted', effectiveOn: '2021-01-01' });
    self.retracts = self.id;
    const forward = entry({ status: 'accepted', effectiveOn: '2021-01-01', id: 50 });
    const target = entry({ status: 'accepted', effectiveOn: '2021-01-01', id: 60 });
    forward.retracts = target.id;
    expect(retractedIds([a, b, self, forward, target])).toEqual(new Set());
  });

  it('orders by recordedAt, not by id, when deciding what is earlier', () => {
    const laterRecordedLowId = entry({
      id: 1,
      status: 'accepted',
      effectiveOn: '2021-01-01',
      recordedAt: new Date('2024-05-01T00:00:00Z'),
    });
    const retraction = entry({
      id: 2,
      status: 'rejected',
      effectiveOn: '2021-01-01',
      recordedAt: new Date('2024-04-01T00:00:00Z'),
      retracts: 1,
    });
    expect(retractedIds([laterRecordedLowId, retraction])).toEqual(new Set());
    const sameTime = new Date('2024-04-01T00:00:00Z');
    const x = entry({ id: 3, status: 'accepted', effectiveOn: '2021-01-01', recordedAt: sameTime });
    const y = entry({
      id: 4,
      status: 'rejected',
      effectiveOn: '2021-01-01',
      recordedAt: sameTime,
      retracts: 3,
    });
    expect(retractedIds([x, y])).toEqual(new Set([3]));
  });

  it('never removes entries from the list, and only ever names entries in it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            retracts: fc.option(fc.integer({ min: 1, max: 25 }), { nil: null }),
            minutes: fc.integer({ min: 0, max: 10 }),
          }),
          {
            maxLength: 25,
          },
        ),
        (rows) => {
          const entries = rows.map((r, i) =>
            entry({
              id: i + 1,
              status: 'accepted',
              effectiveOn: '2021-01-01',
              retracts: r.retracts,
              recordedAt: new Date(r.minutes * 60_000),
            }),
          );
          const before = JSON.stringify(entries);
          const retracted = retractedIds(entries);
          expect(JSON.stringify(entries)).toBe(before);
          expect(entries).toHaveLength(rows.length);
          for (const id of retracted) expect(entries.some((e) => e.id === id)).toBe(true);
          // Every retracted entry has a live retractor; every live retractor's valid target is retracted.
          for (const e of entries) {
            const liveRetractors = entries.filter(
              (r) =>
                r.retracts === e.id &&
                !retracted.has(r.id) &&
                (e.recordedAt < r.recordedAt || (e.recordedAt.getTime() === r.recordedAt.getTime() && e.id < r.id)),
            );
            expect(retracted.has(e.id)).toBe(liveRetractors.length > 0);
          }
        },
      ),
    );
  });
});

describe('currentByAssessor', () => {
  it('is empty for no entries', () => {
    expect(currentByAssessor([]).size).toBe(0);
  });

  it('picks the latest effective entry per assessor', () => {
    const entries = [
      entry({ status: 'accepted', effectiveOn: '2021-04-16' }),
      entry({ status: 'interim', effectiveOn: '2021-06-11' }),
      entry({ status: 'implemented', effectiveOn: '2022-06-21' }),
      entry({ status: 'not_started', effectiveOn: '2021-03-01', assessor: MONITOR }),
      entry({ status: 'partially_implemented', effectiveOn: '2022-12-31', assessor: MONITOR }),
    ];
    const current = currentByAssessor(entries);
    expect(current.get(EDITORS)?.status).toBe('implemented');
    expect(current.get(MONITOR)?.status).toBe('partially_implemented');
    expect([...current.keys()].sort()).toEqual([MONITOR, EDITORS].sort());
  });

  it('never lets a backdated entry override a later-effective one', () => {
    const later = entry({ status: 'implemented', effectiveOn: '2022-06-21' });
    const backdated = entry({ status: 'stalled', effectiveOn: '2021-12-01' }); // recorded afterwards
    expect(currentByAssessor([later, backdated]).get(EDITORS)).toBe(later);
    // ...but it is current as of a date between the two.
    expect(currentByAssessor([later, backdated], '2022-01-01').get(EDITORS)).toBe(backdated);
  });

  it('breaks a tie on effectiveOn by latest recordedAt, then by higher id', () => {
    const day = '2021-06-11';
    const a = entry({
      id: 10,
      status: 'interim',
      effectiveOn: day,
      recordedAt: new Date('2024-01-02T00:00:00Z'),
    });
    const b = entry({
      id: 5,
      status: 'implemented',
      effectiveOn: day,
      recordedAt: new Date('2024-01-03T00:00:00Z'),
    });
    expect(currentByAssessor([a, b]).get(EDITORS)).toBe(b);
    expect(currentByAssessor([b, a]).get(EDITORS)).toBe(b);
    const c = entry({
      id: 11,
      status: 'stalled',
      effectiveOn: day,
      recordedAt: new Date('2024-01-03T00:00:00Z'),
    });
    expect(currentByAssessor([a, b, c]).get(EDITORS)).toBe(c);
    expect(currentByAssessor([c, b, a]).get(EDITORS)).toBe(c);
  });

  it('includes entries effective on asOf and excludes later ones', () => {
    const entries = [
      entry({ status: 'accepted', effectiveOn: '2021-04-16' }),
      entry({ status: 'interim', effectiveOn: '2021-06-11' }),
      entry({ status: 'implemented', effectiveOn: '2022-06-21' }),
    ];
    expect(currentByAssessor(entries, '2021-04-15').get(EDITORS)).toBeUndefined();
    expect(currentByAssessor(entries, '2021-04-16').get(EDITORS)?.status).toBe('accepted');
    expect(currentByAssessor(entries, '2021-06-10').get(EDITORS)?.status).toBe('accepted');
    expect(currentByAssessor(entries, '2021-06-11').get(EDITORS)?.status).toBe('interim');
    expect(currentByAssessor(entries, '2022-06-20').get(EDITORS)?.status).toBe('interim');
    expect(currentByAssessor(entries, '2022-06-21').get(EDITORS)?.status).toBe('implemented');
  });

  it('skips retracted entries and falls back to the previous one', () => {
    const a = entry({ status: 'interim', effectiveOn: '2021-06-11' });
    const mistake = entry({ status: 'implemented', effectiveOn: '2021-07-01' });
    const fix = entry({ status: 'interim', effectiveOn: '2021-06-11', retracts: mistake.id });
    expect(currentByAssessor([a, mistake, fix]).get(EDITORS)).toBe(fix);
    // Retracting the fix reinstates the mistake.
    const undo = entry({ status: 'implemented', effectiveOn: '2021-07-01', retracts: fix.id });
    expect(currentByAssessor([a, mistake, fix, undo]).get(EDITORS)?.status).toBe('implemented');
  });

  it('applies a retraction as of dates before it was made or took effect', () => {
    const mistake = entry({ status: 'implemented', effectiveOn: '2021-01-01' });
    const fix = entry({ status: 'in_progress', effectiveOn: '2023-01-01', retracts: mistake.id });
    expect(currentByAssessor([mistake, fix], '2022-01-01').get(EDITORS)).toBeUndefined();
    expect(currentByAssessor([mistake, fix], '2023-01-01').get(EDITORS)).toBe(fix);
  });

  it('drops an assessor whose only entry is retracted', () => {
    const a = entry({ status: 'rejected', effectiveOn: '2021-01-01', assessor: COPA });
    const b = entry({ status: 'rejected', effectiveOn: '2021-01-01', retracts: a.id });
    const current = currentByAssessor([a, b]);
    expect(current.has(COPA)).toBe(false);
    expect(current.get(EDITORS)).toBe(b);
  });

  it('throws on an invalid asOf', () => {
    expect(() => currentByAssessor([], '2021-02-29')).toThrow(RangeError);
  });

  it('is the maximum by (effectiveOn, recordedAt, id) whatever the input order', () => {
    const arbEntry = fc.record({
      status: fc.constantFrom(...STATUSES),
      effectiveOn: fc.constantFrom('2021-01-01', '2021-06-11', '2021-06-12', '2022-06-21'),
      minutes: fc.integer({ min: 0, max: 5 }),
      assessor: fc.constantFrom(EDITORS, MONITOR),
    });
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 20 }), fc.constantFrom(undefined, '2021-06-11', '2021-12-31'), (rows, asOf) => {
        const entries = rows.map((r, i) =>
          entry({
            id: i + 1,
            status: r.status,
            effectiveOn: r.effectiveOn,
            assessor: r.assessor,
            recordedAt: new Date(r.minutes * 60_000),
          }),
        );
        const current = currentByAssessor(entries, asOf);
        const reversed = currentByAssessor([...entries].reverse(), asOf);
        for (const assessor of [EDITORS, MONITOR]) {
          const eligible = entries.filter((e) => e.assessor === assessor && (asOf === undefined || e.effectiveOn <= asOf));
          const key = (e: StatusEntry) =>
            `${e.effectiveOn}|${String(e.recordedAt.getTime()).padStart(10, '0')}|${String(e.id).padStart(4, '0')}`;
          const best = eligible.sort((x, y) => (key(x) < key(y) ? 1 : -1))[0];
          expect(current.get(assessor)).toBe(best);
          expect(reversed.get(assessor)).toBe(best);
        }
      }),
    );
  });
});

describe('headline', () => {
  it('is not_assessed with no entry when there is no change at all', () => {
    expect(headline([], EDITORS)).toEqual({ status: 'not_assessed', entry: null });
  });

  it('is not_assessed when only other assessors have spoken', () => {
    const m = entry({
      status: 'partially_implemented',
      effectiveOn: '2022-12-31',
      assessor: MONITOR,
    });
    expect(headline([m], EDITORS)).toEqual({ status: 'not_assessed', entry: null });
  });

  it("is the editors' current entry, as of a date too", () => {
    const a = entry({ status: 'accepted', effectiveOn: '2021-04-16' });
    const b = entry({ status: 'interim', effectiveOn: '2021-06-11' });
    expect(headline([a, b], EDITORS)).toEqual({ status: 'interim', entry: b });
    expect(headline([a, b], EDITORS, '2021-05-01')).toEqual({ status: 'accepted', entry: a });
    expect(headline([a, b], EDITORS, '2021-01-01')).toEqual({
      status: 'not_assessed',
      entry: null,
    });
  });
});

describe('assessments', () => {
  const worked = () => [
    entry({ status: 'interim', effectiveOn: '2021-06-11' }),
    entry({ status: 'in_progress', effectiveOn: '2021-06-30', assessor: MONITOR }),
    entry({ status: 'interim', effectiveOn: '2021-07-15', assessor: COPA }),
    entry({ status: 'not_started', effectiveOn: '2021-05-01', assessor: 'aclu-illinois' }),
  ];

  it('lists the headline first, then the others by slug, marking disagreements', () => {
    const entries = worked();
    expect(assessments(entries, EDITORS)).toEqual([
      {
        assessor: EDITORS,
        status: 'interim',
        effectiveOn: '2021-06-11',
        entryId: 1,
        isHeadline: true,
        disagreesWithHeadline: false,
      },
      {
        assessor: 'aclu-illinois',
        status: 'not_started',
        effectiveOn: '2021-05-01',
        entryId: 4,
        isHeadline: false,
        disagreesWithHeadline: true,
      },
      {
        assessor: COPA,
        status: 'interim',
        effectiveOn: '2021-07-15',
        entryId: 3,
        isHeadline: false,
        disagreesWithHeadline: false,
      },
      {
        assessor: MONITOR,
        status: 'in_progress',
        effectiveOn: '2021-06-30',
        entryId: 2,
        isHeadline: false,
        disagreesWithHeadline: true,
      },
    ]);
  });

  it('answers as of a date', () => {
    const rows = assessments(worked(), EDITORS, '2021-06-30');
    expect(rows.map((r) => r.assessor)).toEqual([EDITORS, 'aclu-illinois', MONITOR]);
  });

  it('has no headline row and no disagreement when the headline assessor has not assessed', () => {
    const rows = assessments(worked(), EDITORS, '2021-06-01');
    expect(rows).toEqual([
      {
        assessor: 'aclu-illinois',
        status: 'not_started',
        effectiveOn: '2021-05-01',
        entryId: 4,
        isHeadline: false,
        disagreesWithHeadline: false,
      },
    ]);
    expect(assessments([], EDITORS)).toEqual([]);
  });

  it('sorts other assessors by code unit, not locale', () => {
    const entries = [
      entry({ status: 'accepted', effectiveOn: '2021-01-01', assessor: 'b' }),
      entry({ status: 'accepted', effectiveOn: '2021-01-01', assessor: 'a-2' }),
      entry({ status: 'accepted', effectiveOn: '2021-01-01', assessor: 'a' }),
      entry({ status: 'accepted', effectiveOn: '2021-01-01', assessor: 'a10' }),
    ];
    expect(assessments(entries, 'z').map((r) => r.assessor)).toEqual(['a', 'a-2', 'a10', 'b']);
  });

  it('reflects retractions in the headline and in disagreement', () => {
    const mistake = entry({ status: 'implemented', effectiveOn: '2022-06-21' });
    const monitor = entry({ status: 'implemented', effectiveOn: '2022-06-30', assessor: MONITOR });
    const fix = entry({
      status: 'partially_implemented',
      effectiveOn: '2022-06-21',
      retracts: mistake.id,
    });
    expect(assessments([mistake, monitor], EDITORS)[1].disagreesWithHeadline).toBe(false);
    expect(assessments([mistake, monitor, fix], EDITORS)).toEqual([
      {
        assessor: EDITORS,
        status: 'partially_implemented',
        effectiveOn: '2022-06-21',
        entryId: fix.id,
        isHeadline: true,
        disagreesWithHeadline: false,
      },
      {
        assessor: MONITOR,
        status: 'implemented',
        effectiveOn: '2022-06-30',
        entryId: monitor.id,
        isHeadline: false,
        disagreesWithHeadline: true,
      },
    ]);
  });

  it('agrees with headline and currentByAssessor', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom<Status>(...STATUSES),
            assessor: fc.constantFrom(EDITORS, MONITOR, COPA),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          {
            maxLength: 15,
          },
        ),
        (rows) => {
          const entries = rows.map((r, i) =>
            entry({
              id: i + 1,
              status: r.status,
              assessor: r.assessor,
              effectiveOn: `2021-02-${String(r.day).padStart(2, '0')}`,
            }),
          );
          const rows2 = assessments(entries, EDITORS);
          const h = headline(entries, EDITORS);
          expect(rows2).toHaveLength(currentByAssessor(entries).size);
          expect(rows2.filter((r) => r.isHeadline)).toHaveLength(h.entry ? 1 : 0);
          if (h.entry)
            expect(rows2[0]).toMatchObject({
              assessor: EDITORS,
              status: h.status,
              entryId: h.entry.id,
            });
          for (const r of rows2) expect(r.disagreesWithHeadline).toBe(!r.isHeadline && h.entry !== null && r.status !== h.status);
        },
      ),
    );
  });
});

describe('a retraction on its own', () => {
  const t = (n: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, n));
  const e = (
    id: number,
    status: StatusEntry['status'],
    effectiveOn: string,
    recordedAt: Date,
    retracts: number | null = null,
  ) => ({
    id,
    status,
    effectiveOn,
    recordedAt,
    assessor: 'tracker-editors',
    retracts,
  });

  it('withdraws its target without stating a status or moving the since date', () => {
    const entries = [
      e(1, 'in_progress', '2020-01-01', t(1)),
      e(2, 'implemented', '2022-09-01', t(2)),
      e(3, null, '2022-09-01', t(3), 2),
    ];
    expect(headline(entries, 'tracker-editors')).toMatchObject({
      status: 'in_progress',
      entry: { id: 1, effectiveOn: '2020-01-01' },
    });
  });

  it('is undone by retracting the retraction', () => {
    const entries = [e(1, 'interim', '2021-06-11', t(1)), e(2, null, '2021-06-11', t(2), 1), e(3, null, '2021-06-11', t(3), 2)];
    expect(headline(entries, 'tracker-editors').status).toBe('interim');
    expect(headline(entries.slice(0, 2), 'tracker-editors').status).toBe('not_assessed');
  });
});

describe('entryEffect', () => {
  it('gives the status the assessor had before the entry was recorded, and whether it is current', () => {
    const a = entry({ status: 'not_started', effectiveOn: '2021-01-01' });
    const b = entry({ status: 'in_progress', effectiveOn: '2022-01-01' });
    expect(entryEffect([a, b], b.id)).toEqual({ previous: a, current: true });
    expect(entryEffect([a, b], a.id)).toEqual({ previous: null, current: false });
  });

  it('calls a backdated entry not current, with the later-effective status as the previous one', () => {
    const now = entry({ status: 'stalled', effectiveOn: '2026-11-29' });
    const backfill = entry({ status: 'unclear', effectiveOn: '2019-03-01' });
    expect(entryEffect([now, backfill], backfill.id)).toEqual({ previous: now, current: false });
  });

  it('ignores other assessors and entries recorded later', () => {
    const mine = entry({ status: 'accepted', effectiveOn: '2021-01-01' });
    const theirs = entry({ status: 'implemented', effectiveOn: '2021-02-01', assessor: MONITOR });
    const change = entry({ status: 'in_progress', effectiveOn: '2021-03-01' });
    const retraction = entry({ status: null, effectiveOn: '2021-04-01', retracts: change.id });
    const effect = entryEffect([mine, theirs, change, retraction], change.id);
    expect(effect).toEqual({ previous: mine, current: false });
    expect(entryEffect([mine, theirs, change], change.id)).toEqual({ previous: mine, current: true });
  });

  it('is null for an id that is not in the list', () => {
    expect(entryEffect([entry({ status: 'accepted', effectiveOn: '2021-01-01' })], 999)).toBeNull();
  });
});
