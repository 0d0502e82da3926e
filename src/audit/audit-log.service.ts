/** Reading the audit log: newest first, filtered by record kind, record, key and time, in keyset pages. */
import { Injectable } from '@nestjs/common';
import { NullableString } from '../common/api-docs';
import { ApiProperty } from '@nestjs/swagger';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { FieldError, ProblemException } from '../common/problem/problem';
import { CALENDAR_MAX, CALENDAR_MIN, isInstant } from '../common/query/query-transforms';
import { addDays, isIsoDate, startOfLocalDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { AuditRepository } from './audit.repository';
import { AuditFilters, ListAuditQuery } from './dto/list-audit.query';

export class AuditEntryView {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'When the change was made (UTC).' }) at: string;
  @ApiProperty({ description: 'The API key that made it ("import:<key>" for rows of a bulk import, "seed" for the seed).' })
  key: string;
  @ApiProperty({
    example: 'update',
    description: 'create, update, delete, retract, met, missed, extend, withdraw, revoke, import…',
  })
  action: string;
  @ApiProperty({ example: 'recommendation' }) entity: string;
  @ApiProperty({ type: Number, nullable: true }) entityId: number | null;
  @NullableString() entitySlug: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'The record before the change (null when created).' })
  before: unknown;
  @ApiProperty({ type: Object, nullable: true, description: 'The record after the change (null when deleted).' }) after: unknown;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id of the request that made it.' }) requestId:
    string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @NullableString() nextCursor: string | null;
}

@Injectable()
export class AuditLogService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly env: Environment,
  ) {}

  /** An instant bound from a date (a local day) or an ISO instant; `end` takes the end of a day. */
  private bound(param: 'from' | 'to', value: string, end: boolean, errors: FieldError[]): string | undefined {
    if (value.length === 10) {
      if (!isIsoDate(value)) {
        errors.push({ field: param, in: 'query', reason: `"${value}" is not a real date` });
        return undefined;
      }
      if (value < CALENDAR_MIN || value > CALENDAR_MAX) {
        errors.push({ field: param, in: 'query', reason: `must be between ${CALENDAR_MIN} and ${CALENDAR_MAX}` });
        return undefined;
      }
      return startOfLocalDay(end ? addDays(value, 1) : value, this.env.TRACKER_TIME_ZONE).toISOString();
    }
    const t = Date.parse(value);
    if (Number.isNaN(t) || !isIsoDate(value.slice(0, 10))) {
      errors.push({ field: param, in: 'query', reason: `"${value}" is not a real date and time` });
      return undefined;
    }
    if (!isInstant(value)) {
      errors.push({ field: param, in: 'query', reason: `must be between ${CALENDAR_MIN} and ${CALENDAR_MAX}` });
      return undefined;
    }
    return new Date(end ? t + 1 : t).toISOString();
  }

  async list(query: ListAuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    const { cursor, limit: _limit, ...filters } = query;
    const f: AuditFilters = filters;
    const errors: FieldError[] = [];
    const from = f.from ? this.bound('from', f.from, false, errors) : undefined;
    const to = f.to ? this.bound('to', f.to, true, errors) : undefined;
    if (errors.length) throw ProblemException.validation(errors);
    let beforeId: number | undefined;
    if (cursor) {
      const [id] = decodeCursor(cursor, filters as Record<string, unknown>, 1);
      if (typeof id !== 'number')
        throw ProblemException.validation([{ field: 'cursor', in: 'query', reason: 'is not a cursor this API issued' }]);
      beforeId = id;
    }
    const rows = await this.repo.list({ entity: f.entity, slug: f.slug, key: f.key, from, to, beforeId, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        ...r,
        before: r.before === null ? null : (JSON.parse(r.before) as unknown),
        after: r.after === null ? null : (JSON.parse(r.after) as unknown),
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id], filters as Record<string, unknown>) : null,
    };
  }
}
