/**
 * What a write answers with: the same views the public reads give (a recommendation's detail, a
 * source's, an actor's, a deadline or a status change as they appear in the detail), plus the
 * view shapes of events, links and topics (their controllers fill them from their own repositories).
 */
import { Injectable } from '@nestjs/common';
import { NullableString } from '../common/api-docs';
import { ApiProperty } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etagFor } from '../common/http/etag';
import { RefView } from '../common/views';
import { DeadlineView } from '../deadlines/deadline-view';
import { LINK_TYPES } from '../links/link.entity';
import { FindingView, StatusChangeView } from './dto/recommendation.response';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService, toStatusChangeView } from './recommendations.service';
import { STATUSES } from './rules/status-vocabulary';

export class EventDetailView {
  @ApiProperty() slug: string;
  @ApiProperty() occurredOn: string;
  @ApiProperty() title: string;
  @NullableString() description: string | null;
  @ApiProperty({ type: RefView }) source: RefView;
  @ApiProperty({ type: [String], description: 'Slugs of related recommendations.' }) recommendations: string[];
  @ApiProperty() version: number;
}

export class LinkView {
  @ApiProperty({ type: RefView, description: 'The recommendation the link goes from.' }) from: RefView;
  @ApiProperty({ enum: LINK_TYPES }) type: string;
  @ApiProperty({ type: RefView, description: 'The recommendation it goes to.' }) to: RefView;
  @NullableString() note: string | null;
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
  @NullableString() statusAsOf: string | null;
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
    private readonly recommendations: RecommendationsService,
    private readonly repo: RecommendationsRepository,
  ) {}

  /** A status change as the recommendation's history shows it, with the item's headline now. */
  async statusChange(id: number): Promise<RecordedStatusChangeView> {
    // One read, not the item's whole detail: the entry as its history shows it, and the headline
    // the write just derived (the detail computes the same from the same rules).
    const row = (await this.repo.recordedStatusChange(id))!;
    return {
      ...toStatusChangeView(row, row.retractedBy === null ? null : Number(row.retractedBy)),
      recommendation: { slug: row.itemSlug, title: row.itemTitle, status: row.itemStatus, statusAsOf: row.itemStatusAsOf },
    };
  }

  async deadline(id: number): Promise<RecordedDeadlineView> {
    const detail = await this.recommendations.detail(await this.repo.recommendationSlugOf('deadline', id));
    return detail.deadlines.find((d) => d.id === id)!;
  }

  async finding(id: number): Promise<RecordedFindingView> {
    const detail = await this.recommendations.detail(await this.repo.recommendationSlugOf('finding', id));
    return detail.findings.find((f) => f.id === id)!;
  }
}
