/**
 * One write, start to finish: a transaction, the clock reading and "today" it uses, slug lookups,
 * the field errors found on the way, and the audit entries it leaves. Whatever goes wrong inside
 * rolls the whole write back; database constraint errors become 409s rather than 500s.
 */
import { createParamDecorator, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { ApiKeyRole } from '../../auth/api-key.entity';
import type { AuthenticatedKey } from '../../auth/api-keys.service';
import { Clock } from '../clock';
import { FieldError, ProblemException } from '../problem/problem';
import { localDateOf } from '../time/local-date';
import { Environment } from '../../config/environment';
import { isForeignKeyViolation, isUniqueViolation } from '../../database/constraint-errors';
import { Transactions } from '../../database/transactions';
import type { RecordSpec } from '../records/record-specs';
import { RefResolver, StoredRecord } from '../records/records.repository';

/** Who is writing, and under which request id (for the audit log). */
export interface EditorContext {
  keyName: string;
  role: ApiKeyRole;
  requestId: string | null;
}

/** The editor making the request (only on routes behind RequireRole). */
export const Editor = createParamDecorator((_data: unknown, context: ExecutionContext): EditorContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { apiKey?: AuthenticatedKey }>();
  if (!request.apiKey) throw new Error('Editor() used on a route without RequireRole');
  return { keyName: request.apiKey.name, role: request.apiKey.role, requestId: String(request.id) };
});

export function conflict(detail: string): ProblemException {
  return new ProblemException({ type: 'about:blank', title: 'Conflict', status: HttpStatus.CONFLICT, detail });
}

export function notFound(detail: string): ProblemException {
  return new ProblemException({ type: 'about:blank', title: 'Not Found', status: HttpStatus.NOT_FOUND, detail });
}

/** The audit form of a stored record: the record with its version. */
export function auditForm(stored: StoredRecord | undefined | null, extra: Record<string, unknown> = {}): unknown {
  if (!stored) return null;
  return { ...stored.record, ...(stored.version === null ? {} : { version: stored.version }), ...extra };
}

/** One audit entry of WriteScope.recordMany. */
export interface AuditEntry {
  action: string;
  subject: { id: number | null; slug: string | null };
  before: unknown;
  after: unknown;
}

export class WriteScope {
  readonly refs: RefResolver;
  readonly errors: FieldError[] = [];

  constructor(
    readonly em: EntityManager,
    readonly now: Date,
    readonly today: string,
    readonly editor: EditorContext,
    private readonly audit: AuditService,
  ) {
    this.refs = new RefResolver(em);
  }

  /** Collects an error about a body field; `fieldOf` maps record paths to the client's field names. */
  reporter(fieldOf: (path: string) => string = (p) => p) {
    return (path: string, reason: string) => this.errors.push({ field: fieldOf(path), in: 'body', reason });
  }

  /** Throws the collected field errors as one 400, if there are any. */
  failIfErrors(): void {
    if (this.errors.length > 0) throw ProblemException.validation(this.errors);
  }

  async record(
    action: string,
    spec: Pick<RecordSpec, 'table'>,
    subject: { id: number | null; slug: string | null },
    before: unknown,
    after: unknown,
    keyName = this.editor.keyName,
  ): Promise<void> {
    await this.recordMany(spec, [{ action, subject, before, after }], keyName);
  }

  /** Audit entries for several records of one kind, in order (an import's). */
  async recordMany(spec: Pick<RecordSpec, 'table'>, entries: AuditEntry[], keyName = this.editor.keyName): Promise<void> {
    await this.audit.recordMany(
      this.em,
      entries.map((e) => ({
        keyName,
        action: e.action,
        entity: spec.table,
        entityId: e.subject.id,
        entitySlug: e.subject.slug,
        before: e.before,
        after: e.after,
        requestId: this.editor.requestId,
      })),
    );
  }
}

@Injectable()
export class Writes {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  /** Today's date in the tracker's time zone. */
  today(now = this.clock.now()): string {
    return localDateOf(now, this.env.TRACKER_TIME_ZONE);
  }

  get timeZone(): string {
    return this.env.TRACKER_TIME_ZONE;
  }

  /** Runs `fn` in one transaction (database/transactions.ts); any error rolls everything back. */
  async run<T>(editor: EditorContext, fn: (w: WriteScope) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(async (em) => {
        const now = this.clock.now();
        return fn(new WriteScope(em, now, this.today(now), editor, this.audit));
      });
    } catch (error) {
      throw constraintConflict(error) ?? error;
    }
  }

  /** `run` for a write under one recommendation (a status change, review, deadline, finding): 404 when `slug` names none. */
  async runUnderItem<T>(
    slug: string,
    editor: EditorContext,
    fn: (w: WriteScope, item: { id: number; slug: string }) => Promise<T>,
  ): Promise<T> {
    return this.run(editor, async (w) => fn(w, await recommendationOf(w, slug)));
  }
}

/** A unique or foreign-key violation the checks did not foresee (a race with another process) as a 409. */
function constraintConflict(error: unknown): ProblemException | null {
  if (isUniqueViolation(error)) {
    return conflict('Something with the same key already exists (it was probably just created by another request).');
  }
  if (isForeignKeyViolation(error)) {
    return conflict('Other records still refer to this one, so it cannot be removed.');
  }
  return null;
}

/** Record paths → the flat fields of the request body. */
const API_FIELDS: Record<string, string> = {
  'evidence.source': 'source',
  'evidence.url': 'url',
  'evidence.excerpt': 'excerpt',
  'evidence.pinpoint': 'pinpoint',
};
export const apiField = (path: string) => API_FIELDS[path] ?? path;

/** The recommendation a sub-resource is written under; 404 when there is none. */
export async function recommendationOf(w: WriteScope, slug: string): Promise<{ id: number; slug: string }> {
  const id = await w.refs.id('recommendation', slug);
  if (id === undefined) throw ProblemException.notFound('recommendation', slug);
  return { id, slug };
}

/** The evidence fields of a request body, as a record's `evidence`. */
export function evidenceOf(dto: {
  source?: string | null;
  url?: string | null;
  excerpt?: string | null;
  pinpoint?: string | null;
  via?: string | null;
}) {
  return {
    source: dto.source ?? null,
    via: dto.via ?? null,
    url: dto.url ?? null,
    excerpt: dto.excerpt ?? null,
    pinpoint: dto.pinpoint ?? null,
  };
}
