/**
 * Creating, editing and deleting the editable entities: sources, actors, topics, recommendations,
 * events and links. Edits need the version the editor read (If-Match); deletions are refused while
 * anything refers to the entity. Every write is audited in its own transaction.
 */
import { Injectable } from '@nestjs/common';
import { checkIfMatch, staleVersion } from '../http/etag';
import { refreshDerived } from '../../recommendations/recommendation-derived.repository';
import { refreshListRowsQuoting } from '../../recommendations/list-rows.repository';
import {
  deleteSearchDocuments,
  refreshSearchDocuments,
  refreshSearchDocumentsQuoting,
  searchDocumentsQuoting,
} from '../../recommendations/search-documents.repository';
import { changedPaths, DataRecord, keyOf, normalize, pick, RecordKind, RecordSpec } from '../records/record-specs';
import { RecordsRepository, StoredRecord } from '../records/records.repository';
import { auditForm, conflict, EditorContext, notFound, Writes, WriteScope } from './write-scope';
import { linkProblems } from './write-rules';

export type CatalogKind = Extract<RecordKind, 'sources' | 'actors' | 'topics' | 'recommendations' | 'events' | 'links'>;

const describe = (spec: RecordSpec, key: DataRecord) =>
  spec.key.length === 1 ? `${spec.label} "${keyOf(spec, key)}"` : `${spec.label} ${keyOf(spec, key)}`;

@Injectable()
export class CatalogWritesService {
  constructor(
    private readonly writes: Writes,
    private readonly records: RecordsRepository,
  ) {}

  private async find(w: WriteScope, spec: RecordSpec, key: DataRecord): Promise<StoredRecord> {
    const stored = await this.records.byKey(w.em, spec, key);
    if (!stored) throw notFound(`No ${describe(spec, key)}.`);
    return stored;
  }

  /** Creates an entity from a validated body; 409 when its key is taken, 400 naming an unknown reference. */
  async create(kind: CatalogKind, body: DataRecord, editor: EditorContext): Promise<StoredRecord> {
    const spec = this.records.spec(kind);
    return this.writes.run(editor, async (w) => {
      if (kind === 'links') for (const p of linkProblems(body)) w.reporter()(p.path, p.reason);
      w.failIfErrors();
      if (await this.records.byKey(w.em, spec, body)) throw conflict(`A ${describe(spec, body)} already exists.`);
      const id = await this.records.insert(w.em, spec, normalize(spec, body, true), {}, w.refs, w.reporter(), w.now);
      w.failIfErrors();
      if (kind === 'recommendations') await refreshDerived(w.em, [id!]);
      else await refreshSearchDocumentsQuoting(w.em, kind, id!);
      const after = (await this.records.byId(w.em, spec, id!))!;
      await w.record('create', spec, { id: after.id, slug: keyOf(spec, after.record) }, null, auditForm(after));
      return after;
    });
  }

  /**
   * Applies the fields a PATCH gives, if `ifMatch` names the current version: 428 without it, 412
   * when stale. Fields equal to what is stored are not written, and nothing at all is written (the
   * version stays) when nothing differs.
   */
  async update(
    kind: CatalogKind,
    key: DataRecord,
    changes: DataRecord,
    ifMatch: string | string[] | undefined,
    editor: EditorContext,
  ): Promise<StoredRecord> {
    const spec = this.records.spec(kind);
    return this.writes.run(editor, async (w) => {
      const before = await this.find(w, spec, key);
      checkIfMatch(ifMatch, before.version ?? 0, spec.label, true);
      const incoming = normalize(spec, changes, false);
      const changed = changedPaths(spec, before.record, incoming);
      if (changed.length === 0) return before;
      const version = await this.records.update(
        w.em,
        spec,
        before.id,
        before.version,
        pick(incoming, changed),
        {},
        w.refs,
        w.reporter(),
        w.now,
      );
      w.failIfErrors();
      if (version === 'stale') throw staleVersion(spec.label, (await this.find(w, spec, key)).version ?? 0);
      await refreshSearchDocumentsQuoting(w.em, kind, before.id);
      await refreshListRowsQuoting(w.em, kind, before.id);
      const after = (await this.records.byId(w.em, spec, before.id))!;
      await w.record('update', spec, { id: after.id, slug: keyOf(spec, after.record) }, auditForm(before), auditForm(after));
      return after;
    });
  }

  /** Deletes an entity nothing refers to (409 otherwise). If-Match is optional here, and checked when sent. */
  async remove(kind: CatalogKind, key: DataRecord, ifMatch: string | string[] | undefined, editor: EditorContext): Promise<void> {
    const spec = this.records.spec(kind);
    await this.writes.run(editor, async (w) => {
      const before = await this.find(w, spec, key);
      if (spec.versioned) checkIfMatch(ifMatch, before.version ?? 0, spec.label, false);
      const refs = await this.records.referencesTo(w.em, spec, before.id);
      if (refs.length > 0) {
        throw conflict(
          `The ${describe(spec, key)} cannot be deleted while other records refer to it: ${refs
            .map((r) => `${r.count} ${r.label}`)
            .join(', ')}.`,
        );
      }
      const quoting = kind === 'recommendations' ? [] : await searchDocumentsQuoting(w.em, kind, before.id);
      if (!(await this.records.delete(w.em, spec, before.id, ifMatch === undefined ? null : before.version))) {
        throw staleVersion(spec.label, (await this.find(w, spec, key)).version ?? 0);
      }
      if (kind === 'recommendations') await deleteSearchDocuments(w.em, [before.id]);
      else await refreshSearchDocuments(w.em, quoting);
      await w.record('delete', spec, { id: before.id, slug: keyOf(spec, before.record) }, auditForm(before), null);
    });
  }
}
