/** Recording a monitor's finding for one reporting period of a recommendation. */
import { Injectable } from '@nestjs/common';
import type { CreateFindingDto } from './dto/finding.dto';
import { DataRecord } from '../common/records/record-specs';
import { RecordsRepository } from '../common/records/records.repository';
import { appendRecord } from '../common/writes/append-record';
import { conflict, EditorContext, Writes } from '../common/writes/write-scope';
import { findingProblems, slugify } from '../common/writes/write-rules';
import { refreshSearchDocuments } from '../recommendations/search-documents.repository';

@Injectable()
export class FindingWritesService {
  constructor(
    private readonly writes: Writes,
    private readonly records: RecordsRepository,
  ) {}

  async create(recommendationSlug: string, dto: CreateFindingDto, editor: EditorContext): Promise<{ id: number }> {
    const spec = this.records.spec('findings');
    return this.writes.runUnderItem(recommendationSlug, editor, async (w, rec) => {
      const report = w.reporter();
      for (const p of findingProblems(dto)) report(p.path, p.reason);
      w.failIfErrors();
      if (dto.slug && (await this.records.byKey(w.em, spec, { slug: dto.slug }))) {
        throw conflict(`A finding "${dto.slug}" already exists.`);
      }
      // The validated body names the record's fields as they are (a field it leaves out is stored as
      // null); the record adds its slug and the item it is about.
      const record: DataRecord = {
        ...dto,
        slug: dto.slug ?? (await this.records.freeSlug(w.em, spec.table, slugify(rec.slug, 'finding', dto.periodEnd), 200)),
        recommendation: rec.slug,
      };
      const { id } = await appendRecord(w, this.records, spec, record, report, {
        derive: (em) => refreshSearchDocuments(em, [rec.id]),
      });
      return { id };
    });
  }
}
