/**
 * Setting deadlines and settling them. A deadline keeps its original wording and date for good:
 * it is met, missed or withdrawn (with evidence), or extended, which creates a new deadline and
 * marks the old one `extended` with a link to it, so both stay visible.
 */
import { Injectable } from '@nestjs/common';
import { checkIfMatch, staleVersion } from '../common/http/etag';
import { closesAt } from './rules/deadline-clock';
import type { DeadlinePrecision } from './rules/deadline-clock';
import { refreshDerived } from '../recommendations/recommendation-derived.repository';
import type {
  CreateDeadlineDto,
  ExtendDeadlineDto,
  FulfilDeadlineDto,
  MeetDeadlineDto,
  SettleDeadlineDto,
} from './dto/deadline.dto';
import { DataRecord } from '../common/records/record-specs';
import { RecordsRepository, StoredRecord } from '../common/records/records.repository';
import { DeadlinesRepository } from './deadlines.repository';
import {
  apiField,
  auditForm,
  conflict,
  EditorContext,
  evidenceOf,
  notFound,
  Writes,
  WriteScope,
} from '../common/writes/write-scope';
import {
  DeadlineAction,
  dueProblems,
  fulfilledOnProblems,
  labelProblems,
  notInFuture,
  setOnProblems,
  slugify,
  transitionProblem,
} from '../common/writes/write-rules';

export type { DeadlineAction } from '../common/writes/write-rules';
const NEW_STATE: Record<Exclude<DeadlineAction, 'fulfilled'>, string> = {
  met: 'met',
  'partly-met': 'partly_met',
  missed: 'missed',
  extend: 'extended',
  withdraw: 'withdrawn',
  unknown: 'unknown',
};

@Injectable()
export class DeadlineWritesService {
  constructor(
    private readonly writes: Writes,
    private readonly records: RecordsRepository,
    private readonly deadlines: DeadlinesRepository,
  ) {}

  private async insertDeadline(w: WriteScope, record: DataRecord, report: (path: string, reason: string) => void) {
    const spec = this.records.spec('deadlines');
    if (await this.records.byKey(w.em, spec, record)) throw conflict(`A deadline "${String(record.slug)}" already exists.`);
    const closes = closesAt(record.due as string, record.precision as DeadlinePrecision, this.writes.timeZone).toISOString();
    return this.records.insert(w.em, spec, record, { closes_at: closes }, w.refs, report, w.now);
  }

  private async freeSlug(w: WriteScope, ...parts: string[]) {
    return this.records.freeSlug(w.em, 'deadline', slugify(...parts), 200);
  }

  /**
   * Sets a new open deadline on a recommendation. `setOn` is only what a source says: never after
   * the deadline's last day, and never guessed from when an article reported it.
   */
  async create(recommendationSlug: string, dto: CreateDeadlineDto, editor: EditorContext): Promise<{ id: number }> {
    return this.writes.runUnderItem(recommendationSlug, editor, async (w, rec) => {
      const report = w.reporter();
      for (const p of [
        ...dueProblems('due', dto.due, dto.precision),
        ...notInFuture('setOn', dto.setOn, w.today),
        ...setOnProblems(dto.setOn, dto.due),
        ...labelProblems(dto.labelIsVerbatim, dto.labelAttribution),
      ]) {
        report(p.path, p.reason);
      }
      w.failIfErrors();
      const record: DataRecord = {
        slug: dto.slug ?? (await this.freeSlug(w, rec.slug, 'due', dto.due)),
        recommendation: rec.slug,
        label: dto.label,
        labelIsVerbatim: dto.labelIsVerbatim ?? false,
        labelAttribution: dto.labelAttribution ?? null,
        dateInferred: dto.dateInferred ?? null,
        due: dto.due,
        precision: dto.precision,
        setBy: dto.setBy ?? null,
        setOn: dto.setOn ?? null,
        source: dto.source ?? null,
        authority: dto.authority,
        state: 'open',
        metOn: null,
        settledOn: null,
        extendedBy: null,
        evidence: null,
        note: dto.note ?? null,
      };
      const id = await this.insertDeadline(w, record, report);
      w.failIfErrors();
      await refreshDerived(w.em, [rec.id]);
      const after = (await this.records.byId(w.em, this.records.spec('deadlines'), id!))!;
      await w.record('create', this.records.spec('deadlines'), { id: id!, slug: record.slug as string }, null, auditForm(after));
      return { id: id! };
    });
  }

  /**
   * Records a deadline's outcome (see transitionProblem for which may follow which; 409 for the
   * rest): met or partly met on `metOn`, missed, withdrawn, extended by a new deadline, unknown
   * (its close must have passed), or, for a missed one, done later on `fulfilledOn`. All but missed
   * and unknown need evidence (a source or a URL); partly met needs a note saying what was done. A
   * note is added after the deadline's own note, never in its place. Every outcome is kept as a
   * revision (deadline_revision), so `knownAt` views show the deadline as it stood. Returns the id
   * of the deadline to show: the new one for an extension.
   */
  async settle(
    idOrSlug: string,
    action: DeadlineAction,
    dto: MeetDeadlineDto | SettleDeadlineDto | ExtendDeadlineDto | FulfilDeadlineDto,
    ifMatch: string | string[] | undefined,
    editor: EditorContext,
  ): Promise<{ id: number; settledId: number }> {
    const spec = this.records.spec('deadlines');
    return this.writes.run(editor, async (w) => {
      const before = await this.find(w, idOrSlug);
      checkIfMatch(ifMatch, before.version ?? 0, 'deadline', false);
      const refused = transitionProblem(
        String(before.record.state),
        action,
        (before.record.fulfilledOn as string | null) ?? null,
      );
      if (refused) throw conflict(refused);
      const report = w.reporter(apiField);
      const metAction = action === 'met' || action === 'partly-met';
      const settledOn = metAction
        ? (dto as MeetDeadlineDto).metOn
        : action === 'fulfilled'
          ? (dto as FulfilDeadlineDto).fulfilledOn
          : ((dto as SettleDeadlineDto).settledOn ?? w.today);
      const dateField = metAction ? 'metOn' : action === 'fulfilled' ? 'fulfilledOn' : 'settledOn';
      const problems = notInFuture(dateField, settledOn, w.today);
      const evidence = evidenceOf(dto);
      if (action !== 'missed' && action !== 'unknown' && !evidence.source && !evidence.url) {
        problems.push({ path: 'evidence.source', reason: 'evidence is required: give a source (slug) or a url' });
      }
      if (action === 'partly-met' && !dto.note) {
        problems.push({ path: 'note', reason: 'say what was done by the close and what was not' });
      }
      if (action === 'fulfilled') problems.push(...fulfilledOnProblems(settledOn, String(before.record.due)));
      if (action === 'unknown') {
        const closes = closesAt(String(before.record.due), before.record.precision as DeadlinePrecision, this.writes.timeZone);
        if (w.now.getTime() <= closes.getTime()) {
          throw conflict(
            `This deadline has not closed yet (it closes ${closes.toISOString()}); its outcome cannot be unknown before then.`,
          );
        }
      }
      if (action === 'extend') {
        const x = dto as ExtendDeadlineDto;
        problems.push(...dueProblems('due', x.due, x.precision));
      }
      for (const p of problems) report(p.path, p.reason);
      w.failIfErrors();

      const rid = await this.deadlines.recommendationIdOf(w.em, before.id);
      let created: { id: number; slug: string } | undefined;
      if (action === 'extend') {
        const x = dto as ExtendDeadlineDto;
        const slug = x.slug ?? (await this.freeSlug(w, String(before.record.recommendation), 'due', x.due));
        const id = await this.insertDeadline(
          w,
          {
            slug,
            recommendation: before.record.recommendation,
            label: x.label,
            due: x.due,
            precision: x.precision,
            setBy: x.setBy === undefined ? before.record.setBy : x.setBy,
            setOn: settledOn,
            labelIsVerbatim: x.labelIsVerbatim ?? false,
            labelAttribution: x.labelAttribution ?? null,
            dateInferred: null,
            source: evidence.source,
            authority: x.authority ?? before.record.authority,
            state: 'open',
            metOn: null,
            settledOn: null,
            extendedBy: null,
            evidence: null,
            note: null,
          },
          report,
        );
        w.failIfErrors();
        created = { id: id!, slug };
      }
      const oldNote = before.record.note as string | null;
      const changes: DataRecord = {
        ...(action === 'fulfilled'
          ? { fulfilledOn: settledOn }
          : { state: NEW_STATE[action], settledOn: action === 'unknown' ? null : settledOn }),
        ...(Object.values(evidence).some((v) => v !== null) ? { evidence } : {}),
        ...(metAction ? { metOn: settledOn } : {}),
        ...(created ? { extendedBy: created.slug } : {}),
        ...(dto.note ? { note: oldNote ? `${oldNote}\n\n${settledOn}: ${dto.note}` : dto.note } : {}),
      };
      const version = await this.records.update(w.em, spec, before.id, before.version, changes, {}, w.refs, report, w.now);
      w.failIfErrors();
      if (version === 'stale') throw staleVersion('deadline', (await this.find(w, idOrSlug)).version ?? 0);
      await refreshDerived(w.em, [rid]);
      const after = (await this.records.byId(w.em, spec, before.id))!;
      if (created) {
        const fresh = (await this.records.byId(w.em, spec, created.id))!;
        await w.record('create', spec, { id: created.id, slug: created.slug }, null, auditForm(fresh));
      }
      await w.record(action, spec, { id: before.id, slug: String(before.record.slug) }, auditForm(before), auditForm(after));
      return { id: created?.id ?? before.id, settledId: before.id };
    });
  }

  private async find(w: WriteScope, idOrSlug: string): Promise<StoredRecord> {
    const spec = this.records.spec('deadlines');
    const stored = /^\d{1,15}$/.test(idOrSlug)
      ? await this.records.byId(w.em, spec, Number(idOrSlug))
      : await this.records.byKey(w.em, spec, { slug: idOrSlug });
    if (!stored) throw notFound(`No deadline with id or slug "${idOrSlug}".`);
    return stored;
  }
}
