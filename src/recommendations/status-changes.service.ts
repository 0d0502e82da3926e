/**
 * Recording status changes. They are append-only: a mistake is corrected by a new change that
 * retracts the old one, and both stay in the history. The headline status is recomputed in the
 * same transaction.
 */
import { Injectable } from '@nestjs/common';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { refreshDerived } from './recommendation-derived.repository';
import type { CreateReviewDto, CreateStatusChangeDto } from './dto/status-change.dto';
import { DataRecord } from '../common/records/record-specs';
import { RecordsRepository } from '../common/records/records.repository';
import { appendRecord } from '../common/writes/append-record';
import { apiField, auditForm, conflict, EditorContext, evidenceOf, Writes } from '../common/writes/write-scope';
import { notInFuture, slugify, statusChangeProblems } from '../common/writes/write-rules';
import { StatusChangesRepository } from './status-changes.repository';

@Injectable()
export class StatusChangeWritesService {
  constructor(
    private readonly writes: Writes,
    private readonly records: RecordsRepository,
    private readonly statusChanges: StatusChangesRepository,
  ) {}

  /**
   * Records "as of effectiveOn, this assessor says the status is X, because of this evidence".
   * With `retracts`, the named earlier change of the same item is withdrawn (409 if it already is).
   */
  async record(recommendationSlug: string, dto: CreateStatusChangeDto, editor: EditorContext): Promise<{ id: number }> {
    const spec = this.records.spec('statusChanges');
    return this.writes.runUnderItem(recommendationSlug, editor, async (w, rec) => {
      const report = w.reporter(apiField);
      let target: { id: number; slug: string; assessor: string; effectiveOn: string; effectivePrecision: string } | undefined;
      if (dto.retracts !== undefined && dto.retracts !== null) {
        const row = await this.statusChanges.retractionTarget(w.em, dto.retracts);
        if (!row || row.recommendationId !== rec.id) {
          report('retracts', `no status change of "${rec.slug}" has the id ${dto.retracts}`);
          w.failIfErrors();
        } else if (row.retracted) {
          const by = await this.statusChanges.retractedBy(w.em, row.id);
          throw conflict(
            `Status change ${row.id} is already retracted${by !== undefined ? ` (by ${by})` : ''}. To reinstate it, retract the change that retracted it.`,
          );
        }
        target = row;
      }
      if (dto.slug && (await this.records.byKey(w.em, spec, { slug: dto.slug }))) {
        throw conflict(`A status change "${dto.slug}" already exists.`);
      }
      // A pure retraction (no status) withdraws its target and sits at the target's date on the timeline.
      const pure = (dto.status === undefined || dto.status === null) && target !== undefined;
      const effectiveOn = pure ? (dto.effectiveOn ?? target!.effectiveOn) : dto.effectiveOn;
      const record: DataRecord = {
        slug:
          dto.slug ??
          (await this.records.freeSlug(
            w.em,
            spec.table,
            slugify(rec.slug, pure ? 'retraction' : '', effectiveOn ?? w.today),
            200,
          )),
        recommendation: rec.slug,
        status: dto.status ?? null,
        effectiveOn: effectiveOn ?? null,
        effectivePrecision: dto.effectivePrecision ?? (pure ? target!.effectivePrecision : 'day'),
        dateInferred: dto.dateInferred ?? null,
        assessor: dto.assessor ?? target?.assessor ?? HEADLINE_ASSESSOR,
        evidence: evidenceOf(dto),
        note: dto.note ?? null,
        retracts: target?.slug ?? null,
      };
      for (const p of statusChangeProblems(record, w.today)) report(p.path, p.reason);
      w.failIfErrors();
      const { id, slug } = await appendRecord(w, this.records, spec, record, report, {
        columns: { retracted: 0 },
        derive: (em) => refreshDerived(em, [rec.id]),
        audit: { retracted: false },
      });
      if (target) {
        const retracted = (await this.records.byId(w.em, spec, target.id))!;
        await w.record(
          'retract',
          spec,
          { id: target.id, slug: target.slug },
          auditForm(retracted, { retracted: false }),
          auditForm(retracted, { retracted: true, retractedBy: slug }),
        );
      }
      return { id };
    });
  }

  /**
   * Records "reviewed, status unchanged": who checked, when, and optionally the evidence they
   * checked. It states no status, so the "since" date stays; it only resets the stale clock.
   */
  async review(recommendationSlug: string, dto: CreateReviewDto, editor: EditorContext): Promise<{ id: number }> {
    const spec = this.records.spec('reviews');
    return this.writes.runUnderItem(recommendationSlug, editor, async (w, rec) => {
      const report = w.reporter(apiField);
      const reviewedOn = dto.reviewedOn ?? w.today;
      for (const p of notInFuture('reviewedOn', reviewedOn, w.today)) report(p.path, p.reason);
      w.failIfErrors();
      if (dto.slug && (await this.records.byKey(w.em, spec, { slug: dto.slug }))) {
        throw conflict(`A review "${dto.slug}" already exists.`);
      }
      const evidence = evidenceOf(dto);
      const record: DataRecord = {
        slug: dto.slug ?? (await this.records.freeSlug(w.em, spec.table, slugify(rec.slug, 'reviewed', reviewedOn), 200)),
        recommendation: rec.slug,
        reviewedOn,
        reviewer: dto.reviewer ?? HEADLINE_ASSESSOR,
        evidence: Object.values(evidence).some((v) => v !== null) ? evidence : null,
        note: dto.note ?? null,
      };
      const { id } = await appendRecord(w, this.records, spec, record, report, {
        derive: (em) => refreshDerived(em, [rec.id]),
      });
      return { id };
    });
  }
}
