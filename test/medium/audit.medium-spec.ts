/**
 * The audit log through AuditLogService on a real database: the entries the write commands and the
 * import leave (AuditRepository.append, in the write's own transaction), and the log's filters and
 * keyset pages (AuditRepository.list).
 */
import { snapshotDb } from '../support/db-snapshot';
import { ADMIN, allPages, bootMedium, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import { AuditLogService } from '../../src/audit/audit-log.service';
import type { ListAuditQuery } from '../../src/audit/dto/list-audit.query';
import { DeadlineWritesService } from '../../src/deadlines/deadline-commands.service';
import { StatusChangeWritesService } from '../../src/recommendations/status-changes.service';

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.parse(T0) + hours * HOUR).toISOString();

describe('audit log (service and repository on a real database)', () => {
  let t: MediumApp;
  let audit: AuditLogService;
  let changeId: number;

  const entries = async (query: ListAuditQuery = {}) => (await audit.list({ limit: 200, ...query })).items;

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    // T0: the import (the seed path), as key "seed".
    await t.seed([{ slug: 'item-a', deadlines: [{ due: '2026-09-30' }] }, { slug: 'item-b' }]);
    audit = t.get(AuditLogService);
    // T0 + 1 h: a status change by the editor.
    t.clock.set(at(1));
    changeId = (await t.recordStatus('item-a', 'in_progress', '2026-06-01', { slug: 'item-a-progress' })).id;
    // T0 + 2 h: the editor retracts it.
    t.clock.set(at(2));
    await t.get(StatusChangeWritesService).record('item-a', { retracts: changeId, note: 'Wrong date.' }, EDITOR);
    // T0 + 3 h: the admin settles the deadline.
    t.clock.set(at(3));
    await t.get(DeadlineWritesService).settle('item-a-dl-0', 'withdraw', { url: 'https://example.org/w' }, undefined, ADMIN);
  });
  afterAll(() => t.close());

  it('keeps one entry per change, newest first, with who, when, the request and before/after', async () => {
    const log = await entries();
    const mine = log.filter((e) => e.key.startsWith('medium-'));
    expect(mine.map((e) => [e.key, e.action, e.entity, e.entitySlug, e.at])).toEqual([
      ['medium-admin', 'withdraw', 'deadline', 'item-a-dl-0', at(3)],
      ['medium-editor', 'retract', 'status_change', 'item-a-progress', at(2)],
      ['medium-editor', 'create', 'status_change', expect.stringContaining('item-a'), at(2)],
      ['medium-editor', 'create', 'status_change', 'item-a-progress', at(1)],
    ]);
    expect(mine.every((e) => e.requestId === 'medium-request')).toBe(true);
    const withdraw = mine[0];
    expect(withdraw.before).toMatchObject({ state: 'open' });
    expect(withdraw.after).toMatchObject({ state: 'withdrawn', settledOn: '2026-06-15' });
    const retract = mine[1];
    expect([retract.before, retract.after]).toEqual([
      expect.objectContaining({ retracted: false }),
      expect.objectContaining({ retracted: true, retractedBy: mine[2].entitySlug }),
    ]);
    // The import left one entry per record it created, as "import:<key>", and one for itself.
    const imported = log.filter((e) => !e.key.startsWith('medium-'));
    expect(imported[0]).toMatchObject({ key: 'seed', action: 'import', entity: 'import' });
    expect(imported.slice(1).every((e) => e.key === 'import:seed' && e.action === 'create')).toBe(true);
    expect(imported.slice(1).map((e) => e.entitySlug)).toEqual(
      expect.arrayContaining(['item-a', 'item-b', 'item-a-dl-0', 'report-a']),
    );
  });

  it.each<[string, ListAuditQuery, number]>([
    ['entity', { entity: 'deadline' }, 2],
    ['slug', { slug: 'item-a-progress' }, 2],
    ['key', { key: 'medium-editor' }, 3],
    ['from (an instant)', { from: at(2) }, 3],
    ['to (an instant)', { from: at(1), to: at(1) }, 1],
    ['entity and key', { entity: 'status_change', key: 'medium-admin' }, 0],
    ['a key and its imports', { key: 'seed', entity: 'recommendation' }, 2],
  ])('filters by %s', async (_name, query, count) => {
    const found = await entries(query);
    expect(found).toHaveLength(count);
    if (query.entity) expect(found.every((e) => e.entity === query.entity)).toBe(true);
  });

  it('takes a local day as a date bound (the whole day in the tracker time zone)', async () => {
    expect(await entries({ from: '2026-06-15', key: 'medium-editor' })).toHaveLength(3);
    expect(await entries({ to: '2026-06-14' })).toEqual([]);
  });

  it('walks the log in keyset pages, newest first, each entry once', async () => {
    const all = await entries();
    const pages = await allPages((cursor) => audit.list({ limit: 2, cursor }));
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    const seen = pages.flat().map((e) => e.id);
    expect(seen).toEqual(all.map((e) => e.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('refuses a date that does not exist with a 400 naming the parameter', async () => {
    const problem = await problemOf(audit.list({ from: '2026-02-30' }));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'from', in: 'query' })]);
  });

  it('a refused write leaves no entry (nothing at all is written)', async () => {
    const before = await snapshotDb(t.ctx);
    const count = (await entries()).length;
    const problem = await problemOf(
      t.get(StatusChangeWritesService).record('item-a', { retracts: changeId, note: 'Again.' }, EDITOR),
    );
    expect(problem.status).toBe(409);
    expect(await entries()).toHaveLength(count);
    expect(await snapshotDb(t.ctx)).toEqual(before);
  });
});
