/**
 * What a write answers with: the same views the public reads give (a recommendation's detail, a
 * source's, an actor's, a deadline or a status change as they appear in the detail), plus the
 * views of events, links and topics, which have no public detail of their own elsewhere.
 */
import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { etagFor } from '../common/http/etag';
import { ProblemException } from '../common/problem/problem';
import { RefView } from '../common/views';
import { DeadlineView } from '../deadlines/deadline-view';
import { LINK_TYPES } from '../links/link.entity';
import { FindingView, StatusChangeView } from './dto/recommendation.response';
import { RecommendationsService } from './recommendations.service';
import { STATUSES } from './rules/status-vocabulary';
import { notFound } from '../common/writes/write-scope';

export class EventDetailView {
  @ApiProperty() slug: string;
  @ApiProperty() occurredOn: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: RefView }) source: RefView;
  @ApiProperty({ type: [String], description: 'Slugs of related recommendations.' }) recommendations: string[];
  @ApiProperty() version: number;
}

export class LinkView {
  @ApiProperty({ type: RefView, description: 'The recommendation the link goes from.' }) from: RefView;
  @ApiProperty({ enum: LINK_TYPES }) type: string;
  @ApiProperty({ type: RefView, description: 'The recommendation it goes to.' }) to: RefView;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
}

export class TopicWriteView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
}

export class HeadlineView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: STATUSES, description: 'The headline status after this write.' }) status: string;
  @ApiProperty({ type: String, nullable: true }) statusAsOf: string | null;
}

export class RecordedStatusChangeView extends StatusChangeView {
  @ApiProperty({ type: HeadlineView, description: 'The item it belongs to, with its headline status now.' })
  recommendation: HeadlineView;
}

export class RecordedDeadlineView extends DeadlineView {}
export class RecordedFindingView extends FindingView {}

/** Sets the headers of a write's answer: where the resource lives, and its ETag when it has a version. */
export function writeHeaders(reply: FastifyReply, opts: { location?: string; version?: number | null }): void {
  if (opts.location) reply.header('Location', opts.location);
  if (opts.version !== undefined && opts.version !== null) reply.header('ETag', etagFor(opts.version));
}

@Injectable()
export class EditingViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recommendations: RecommendationsService,
  ) {}

  async event(slug: string): Promise<EventDetailView> {
    const rows: Array<{
      id: number;
      slug: string;
      occurredOn: string;
      title: string;
      description: string | null;
      sourceSlug: string;
      sourceTitle: string;
      version: number;
    }> = await this.dataSource.query(
      `SELECT e.id AS "id", e.slug AS "slug", e.occurred_on AS "occurredOn", e.title AS "title", e.description AS "description",
         s.slug AS "sourceSlug", s.title AS "sourceTitle", e.version AS "version"
       FROM event e JOIN source s ON s.id = e.source_id WHERE e.slug = ?`,
      [slug],
    );
    const e = rows[0];
    if (!e) throw ProblemException.notFound('event', slug);
    const recs: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT r.slug AS "slug" FROM event_recommendation er JOIN recommendation r ON r.id = er.recommendation_id WHERE er.event_id = ? ORDER BY r.slug`,
      [e.id],
    );
    return {
      slug: e.slug,
      occurredOn: e.occurredOn,
      title: e.title,
      description: e.description,
      source: { slug: e.sourceSlug, title: e.sourceTitle },
      recommendations: recs.map((r) => r.slug),
      version: Number(e.version),
    };
  }

  async link(from: string, type: string, to: string): Promise<LinkView> {
    const rows: Array<{
      fromSlug: string;
      fromTitle: string;
      toSlug: string;
      toTitle: string;
      type: string;
      note: string | null;
      version: number;
    }> = await this.dataSource.query(
      `SELECT f.slug AS "fromSlug", f.title AS "fromTitle", t.slug AS "toSlug", t.title AS "toTitle", l.type AS "type", l.note AS "note",
           l.version AS "version"
         FROM link l JOIN recommendation f ON f.id = l.from_id JOIN recommendation t ON t.id = l.to_id
         WHERE f.slug = ? AND l.type = ? AND t.slug = ?`,
      [from, type, to],
    );
    const l = rows[0];
    if (!l) throw notFound(`No link: ${from} ${type} ${to}.`);
    return {
      from: { slug: l.fromSlug, title: l.fromTitle },
      type: l.type,
      to: { slug: l.toSlug, title: l.toTitle },
      note: l.note,
      version: Number(l.version),
    };
  }

  /** A status change as the recommendation's history shows it, with the item's headline now. */
  async statusChange(id: number): Promise<RecordedStatusChangeView> {
    const detail = await this.recommendations.detail(await this.recommendationSlugOf('status_change', id));
    const entry = detail.history.find((h) => h.id === id)!;
    return {
      ...entry,
      recommendation: { slug: detail.slug, title: detail.title, status: detail.status, statusAsOf: detail.statusAsOf },
    };
  }

  async deadline(id: number): Promise<RecordedDeadlineView> {
    const detail = await this.recommendations.detail(await this.recommendationSlugOf('deadline', id));
    return detail.deadlines.find((d) => d.id === id)!;
  }

  async finding(id: number): Promise<RecordedFindingView> {
    const detail = await this.recommendations.detail(await this.recommendationSlugOf('finding', id));
    return detail.findings.find((f) => f.id === id)!;
  }

  private async recommendationSlugOf(table: 'status_change' | 'deadline' | 'finding', id: number): Promise<string> {
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT r.slug AS "slug" FROM ${table} x JOIN recommendation r ON r.id = x.recommendation_id WHERE x.id = ?`,
      [id],
    );
    return rows[0].slug;
  }
}
