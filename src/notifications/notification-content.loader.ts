/**
 * Gathers what a batch of notifications talks about — deadlines, status changes, findings and the
 * items they belong to, with each item's headline status and its evidence — in a handful of queries
 * per batch, in the same view shapes the API serves (DeadlineView, StatusChangeView, FindingView).
 *
 * It does not call RecommendationsService.detail() per item: that also loads links, linked items'
 * histories, events and every deadline, six or more queries per item, where a dispatcher sending
 * hundreds of emails a second needs a handful per batch.
 */
import { Injectable } from '@nestjs/common';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { Clock } from '../common/clock';
import { Environment, publicUrl } from '../config/environment';
import { DeadlineView, toDeadlineView } from '../deadlines/deadline-view';
import { DeadlinesRepository } from '../deadlines/deadlines.repository';
import { entryEffect, headline } from '../recommendations/rules/current-status';
import type { FindingView, StatusChangeView } from '../recommendations/dto/recommendation.response';
import { StatusChangeRow, RecommendationsRepository } from '../recommendations/recommendations.repository';
import { evidenceOf, toFindingViews, toStatusChangeView, toStatusEntry } from '../recommendations/recommendations.service';
import type { ChangeEffect, ItemContext } from './email/email-content';
import type { NotificationRow } from './outbox.repository';
import { FILTER_FACETS, type FilterNames, type SubscriptionFilter } from './subscription-rules';

export interface NotificationContent {
  item: ItemContext;
  deadline?: DeadlineView;
  /** For an extended deadline: the deadline that replaced it. */
  extension?: DeadlineView;
  change?: StatusChangeView;
  /** For a status change: the status it replaced, and whether it is news or an addition to the history. */
  effect?: ChangeEffect;
  finding?: FindingView;
}

@Injectable()
export class NotificationContentLoader {
  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly deadlineRows: DeadlinesRepository,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /** The titles and names of what these filters follow, for describeFilter (one query per facet in use). */
  async filterNames(filters: SubscriptionFilter[]): Promise<FilterNames> {
    const names: FilterNames = {};
    for (const facet of FILTER_FACETS) {
      const slugs = [...new Set(filters.flatMap((f) => f[facet]))];
      if (slugs.length) names[facet] = await this.recommendations.namesBySlug(facet, slugs);
    }
    return names;
  }

  /** The content of each notification that still refers to something that exists, by notification id. */
  async load(rows: NotificationRow[]): Promise<Map<number, NotificationContent>> {
    const ids = (pick: (r: NotificationRow) => number | null) => [
      ...new Set(rows.map(pick).filter((id): id is number => id !== null)),
    ];
    const noticed = await this.deadlineRows.byIds(ids((r) => r.deadlineId));
    const extensionIds = noticed.map((d) => d.extendedById).filter((id): id is number => id !== null);
    const deadlineRows = [
      ...noticed,
      ...(await this.deadlineRows.byIds(extensionIds.filter((id) => !noticed.some((d) => d.id === id)))),
    ];
    const changeOwners = await this.recommendations.ownersOf(
      'status_change',
      ids((r) => r.statusChangeId),
    );
    const findingOwners = await this.recommendations.ownersOf(
      'finding',
      ids((r) => r.findingId),
    );
    const recommendationIds = [
      ...new Set([...deadlineRows.map((d) => d.recommendationId), ...changeOwners.values(), ...findingOwners.values()]),
    ];

    const items = await this.recommendations.titlesOf(recommendationIds);
    const history = new Map<number, StatusChangeRow[]>();
    for (const c of await this.recommendations.statusChangesFor(recommendationIds)) {
      const list = history.get(c.recommendationId);
      if (list) list.push(c);
      else history.set(c.recommendationId, [c]);
    }
    const base = publicUrl(this.env);
    const itemContexts = new Map<number, ItemContext>();
    for (const item of items) {
      const changes = history.get(item.id) ?? [];
      const head = headline(changes.map(toStatusEntry), HEADLINE_ASSESSOR);
      const entry = head.entry ? changes.find((c) => c.id === head.entry!.id) : undefined;
      itemContexts.set(item.id, {
        slug: item.slug,
        title: item.title,
        url: `${base}/recommendations/${encodeURIComponent(item.slug)}`,
        status: head.status,
        statusAsOf: head.entry?.effectiveOn ?? null,
        statusBy: entry?.assessorName ?? null,
        statusEntryId: head.entry?.id ?? null,
        evidence: entry ? evidenceOf(entry) : null,
      });
    }

    const at = { now: this.clock.now(), timeZone: this.env.TRACKER_TIME_ZONE };
    const deadlines = new Map(deadlineRows.map((d) => [d.id, toDeadlineView(d, at)]));
    const deadlineOwners = new Map(deadlineRows.map((d) => [d.id, d.recommendationId]));
    const changes = new Map<number, { change: StatusChangeView; effect: ChangeEffect }>();
    for (const list of history.values()) {
      const entries = list.map(toStatusEntry);
      for (const c of list) {
        if (!changeOwners.has(c.id)) continue;
        const { previous, current } = entryEffect(entries, c.id)!;
        const before = previous ? list.find((p) => p.id === previous.id)! : null;
        changes.set(c.id, {
          change: toStatusChangeView(c),
          effect: {
            previous: before && {
              status: before.status!,
              effectiveOn: before.effectiveOn,
              effectivePrecision: before.effectivePrecision,
            },
            current,
          },
        });
      }
    }
    const findings = new Map<number, FindingView>();
    for (const rid of new Set(findingOwners.values())) {
      const rows = await this.recommendations.findingsFor(rid);
      // An email names the finding, not the deadlines of its period; the item page lists those.
      for (const f of toFindingViews(rows, () => [])) if (findingOwners.has(f.id)) findings.set(f.id, f);
    }

    const out = new Map<number, NotificationContent>();
    for (const r of rows) {
      const deadline = r.deadlineId !== null ? deadlines.get(r.deadlineId) : undefined;
      const extension = deadline?.extendedBy ? deadlines.get(deadline.extendedBy.id) : undefined;
      const changed = r.statusChangeId !== null ? changes.get(r.statusChangeId) : undefined;
      const finding = r.findingId !== null ? findings.get(r.findingId) : undefined;
      const rid =
        (r.deadlineId !== null ? deadlineOwners.get(r.deadlineId) : undefined) ??
        (r.statusChangeId !== null ? changeOwners.get(r.statusChangeId) : undefined) ??
        (r.findingId !== null ? findingOwners.get(r.findingId) : undefined);
      const item = rid !== undefined ? itemContexts.get(rid) : undefined;
      if (item && (deadline || changed || finding))
        out.set(r.id, { item, deadline, extension, change: changed?.change, effect: changed?.effect, finding });
    }
    return out;
  }
}
