/**
 * Applies a seed file in one transaction, inserting what is missing by slug and leaving what is
 * there alone, so seeding is idempotent and never overwrites an editor's later work.
 */
import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Environment } from '../config/environment';
import { closesAt, parseDue } from '../deadlines/deadline-clock';
import { deadlineProblems, Problem, statusChangeProblems } from '../editing/write-rules';
import { localDateOf } from '../common/time/local-date';
import { refreshDerived } from '../recommendations/recommendation-derived';
import type { SeedEvidence, SeedFile } from './seed-format';

export const CHICAGO_SEED = join(__dirname, 'chicago-foot-pursuit.seed.json');

export interface SeedReport {
  created: Record<string, number>;
  unchanged: Record<string, number>;
}

export class SeedError extends Error {}

@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /** True when nothing has been recorded yet (no recommendation at all). */
  async isEmpty(): Promise<boolean> {
    const rows: Array<{ n: number }> = await this.dataSource.query(`SELECT COUNT(*) AS n FROM recommendation`);
    return Number(rows[0].n) === 0;
  }

  loadFile(path = CHICAGO_SEED): SeedFile {
    return JSON.parse(readFileSync(path, 'utf8')) as SeedFile;
  }

  async apply(seed: SeedFile = this.loadFile()): Promise<SeedReport> {
    const report: SeedReport = { created: {}, unchanged: {} };
    const count = (kind: string, created: boolean) => {
      const bucket = created ? report.created : report.unchanged;
      bucket[kind] = (bucket[kind] ?? 0) + 1;
    };
    await this.dataSource.transaction(async (em) => {
      const ids = new IdCache(em);
      const touched = new Set<number>();
      const now = this.clock.now().toISOString();
      const today = localDateOf(this.clock.now(), this.env.TRACKER_TIME_ZONE);
      // The seed obeys the same rules as every write: a record that breaks one is a SeedError naming it.
      const check = (kind: string, slug: string, problems: Problem[]) => {
        if (problems.length) {
          throw new SeedError(`${kind} ${slug}: ${problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`);
        }
      };

      for (const s of seed.sources) {
        count(
          'sources',
          await insertIfMissing(em, 'source', s.slug, {
            slug: s.slug,
            title: s.title,
            kind: s.kind,
            publisher: s.publisher,
            published_on: s.publishedOn,
            url: s.url,
            archived_url: s.archivedUrl,
            note: s.note,
            version: 1,
            created_at: now,
            updated_at: now,
          }),
        );
      }
      for (const a of seed.actors) {
        count(
          'actors',
          await insertIfMissing(em, 'actor', a.slug, {
            slug: a.slug,
            name: a.name,
            kind: a.kind,
            version: 1,
            created_at: now,
            updated_at: now,
          }),
        );
      }
      for (const t of seed.topics) count('topics', await insertIfMissing(em, 'topic', t.slug, { slug: t.slug, name: t.name }));
      for (const r of seed.recommendations) {
        const created = await insertIfMissing(em, 'recommendation', r.slug, {
          slug: r.slug,
          kind: r.kind,
          title: r.title,
          text: r.text,
          text_is_verbatim: r.textIsVerbatim ? 1 : 0,
          text_via_id: r.textVia ? await ids.of('source', r.textVia) : null,
          issued_on: r.issuedOn ?? null,
          issued_precision: r.issuedPrecision ?? 'day',
          source_id: await ids.of('source', r.source),
          pinpoint: r.pinpoint,
          responsible_id: r.responsible ? await ids.of('actor', r.responsible) : null,
          weight: r.weight ?? 1,
          headline_status: 'not_assessed',
          version: 1,
          created_at: now,
          updated_at: now,
        });
        count('recommendations', created);
        const rid = await ids.of('recommendation', r.slug);
        if (created) {
          for (const t of r.topics) {
            await em.query(`INSERT INTO recommendation_topic (recommendation_id, topic_id) VALUES (?, ?)`, [
              rid,
              await ids.of('topic', t),
            ]);
          }
          touched.add(rid);
        }
      }
      for (const c of seed.statusChanges) {
        check('status change', c.slug, statusChangeProblems(c, today));
        const rid = await ids.of('recommendation', c.recommendation);
        const created = await insertIfMissing(em, 'status_change', c.slug, {
          slug: c.slug,
          recommendation_id: rid,
          status: c.status,
          effective_on: c.effectiveOn,
          effective_precision: c.effectivePrecision ?? 'day',
          date_inferred: c.dateInferred ?? null,
          recorded_at: now,
          assessor_id: await ids.of('actor', c.assessor),
          ...(await evidenceColumns(ids, c.evidence)),
          note: c.note,
          recorded_by: 'seed',
          retracts_id: c.retracts ? await ids.of('status_change', c.retracts) : null,
          retracted: 0,
        });
        count('statusChanges', created);
        if (created) touched.add(rid);
      }
      // Deadlines that extend others point at their replacement: insert replacements first.
      const pending = [...seed.deadlines];
      for (let guard = 0; pending.length > 0; guard++) {
        if (guard > seed.deadlines.length) throw new SeedError('deadlines: extendedBy forms a cycle or names a missing deadline');
        const d = pending.shift()!;
        if (d.extendedBy && !(await ids.exists('deadline', d.extendedBy))) {
          pending.push(d);
          continue;
        }
        const period = parseDue(d.due);
        if (!period || period.precision !== d.precision)
          throw new SeedError(`deadline ${d.slug}: due "${d.due}" is not a ${d.precision}`);
        check('deadline', d.slug, deadlineProblems(d, today));
        const rid = await ids.of('recommendation', d.recommendation);
        const created = await insertIfMissing(em, 'deadline', d.slug, {
          slug: d.slug,
          recommendation_id: rid,
          label: d.label,
          label_is_verbatim: d.labelIsVerbatim ? 1 : 0,
          label_attribution: d.labelAttribution ?? null,
          date_inferred: d.dateInferred ?? null,
          due: d.due,
          precision: d.precision,
          closes_at: closesAt(d.due, d.precision, this.env.TRACKER_TIME_ZONE).toISOString(),
          set_by_id: d.setBy ? await ids.of('actor', d.setBy) : null,
          // Only a date a source gives: never the publication date of an article that reported it.
          set_on: d.setOn ?? null,
          source_id: d.source ? await ids.of('source', d.source) : null,
          authority: d.authority,
          state: d.state,
          met_on: d.metOn,
          fulfilled_on: d.fulfilledOn ?? null,
          settled_on: d.state === 'unknown' ? null : (d.settledOn ?? d.metOn),
          extended_by_id: d.extendedBy ? await ids.of('deadline', d.extendedBy) : null,
          ...(await evidenceColumns(ids, d.evidence)),
          note: d.note,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        count('deadlines', created);
        if (created) touched.add(rid);
      }
      for (const f of seed.findings) {
        count(
          'findings',
          await insertIfMissing(em, 'finding', f.slug, {
            slug: f.slug,
            recommendation_id: await ids.of('recommendation', f.recommendation),
            assessor_id: await ids.of('actor', f.assessor),
            report_id: await ids.of('source', f.report),
            period_start: f.periodStart,
            period_end: f.periodEnd,
            filed_on: f.filedOn ?? null,
            level: f.level,
            deadline_met: f.deadlineMet === null ? null : f.deadlineMet ? 1 : 0,
            summary: f.summary,
            recorded_at: now,
            recorded_by: 'seed',
          }),
        );
      }
      for (const l of seed.links) {
        const from = await ids.of('recommendation', l.from);
        const to = await ids.of('recommendation', l.to);
        const existing: unknown[] = await em.query(`SELECT 1 FROM link WHERE from_id = ? AND to_id = ? AND type = ?`, [
          from,
          to,
          l.type,
        ]);
        if (existing.length === 0) {
          await em.query(`INSERT INTO link (from_id, to_id, type, note, version, recorded_at) VALUES (?, ?, ?, ?, 1, ?)`, [
            from,
            to,
            l.type,
            l.note,
            now,
          ]);
        }
        count('links', existing.length === 0);
      }
      for (const e of seed.events) {
        const created = await insertIfMissing(em, 'event', e.slug, {
          slug: e.slug,
          occurred_on: e.occurredOn,
          date_inferred: e.dateInferred ?? null,
          title: e.title,
          description: e.description,
          source_id: await ids.of('source', e.source),
          version: 1,
          created_at: now,
          updated_at: now,
        });
        count('events', created);
        if (created) {
          const eid = await ids.of('event', e.slug);
          for (const r of e.recommendations) {
            await em.query(`INSERT INTO event_recommendation (event_id, recommendation_id) VALUES (?, ?)`, [
              eid,
              await ids.of('recommendation', r),
            ]);
          }
        }
      }
      for (const v of seed.reviews ?? []) {
        const rid = await ids.of('recommendation', v.recommendation);
        const slug = v.slug ?? `${v.recommendation}-reviewed-${v.reviewedOn}`;
        const created = await insertIfMissing(em, 'review', slug, {
          slug,
          recommendation_id: rid,
          reviewed_on: v.reviewedOn,
          reviewer_id: await ids.of('actor', v.reviewer),
          ...(await evidenceColumns(ids, v.evidence)),
          note: v.note,
          recorded_at: now,
          recorded_by: 'seed',
        });
        count('reviews', created);
        if (created) touched.add(rid);
      }
      await refreshDerived(em, [...touched]);
    });
    this.logger.log(`Seed applied: created ${JSON.stringify(report.created)}`);
    return report;
  }
}

async function insertIfMissing(em: EntityManager, table: string, slug: string, row: Record<string, unknown>): Promise<boolean> {
  const existing: unknown[] = await em.query(`SELECT 1 FROM ${table} WHERE slug = ?`, [slug]);
  if (existing.length > 0) return false;
  const cols = Object.keys(row);
  await em.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    cols.map((c) => row[c] ?? null),
  );
  return true;
}

async function evidenceColumns(ids: IdCache, e: SeedEvidence | null) {
  return {
    evidence_source_id: e?.source ? await ids.of('source', e.source) : null,
    evidence_via_id: e?.via ? await ids.of('source', e.via) : null,
    evidence_url: e?.url ?? null,
    evidence_excerpt: e?.excerpt ?? null,
    evidence_pinpoint: e?.pinpoint ?? null,
  };
}

/** Slug → id, remembered for the transaction; a missing slug is a SeedError naming it. */
class IdCache {
  private readonly cache = new Map<string, number>();
  constructor(private readonly em: EntityManager) {}

  async exists(table: string, slug: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(`SELECT 1 FROM ${table} WHERE slug = ?`, [slug]);
    return rows.length > 0;
  }

  async of(table: string, slug: string): Promise<number> {
    const key = `${table}:${slug}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const rows: Array<{ id: number }> = await this.em.query(`SELECT id FROM ${table} WHERE slug = ?`, [slug]);
    if (!rows[0]) throw new SeedError(`${table} "${slug}" is referenced but not defined`);
    this.cache.set(key, rows[0].id);
    return rows[0].id;
  }
}
