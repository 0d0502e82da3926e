/**
 * Test data factories: small, readable datasets in the seed format, with deadlines placed relative
 * to "now" so that overdue and due-soon filters can be checked on any day the suite runs.
 */
import { addDays, localDateOf } from '../../src/common/time/local-date';
import type { SeedFile } from '../../src/seed/seed-format';

export function localToday(timeZone = 'America/Chicago'): string {
  return localDateOf(new Date(), timeZone);
}

export interface FactoryItem {
  slug: string;
  title?: string;
  text?: string;
  kind?: SeedFile['recommendations'][number]['kind'];
  topics?: string[];
  source?: string;
  responsible?: string;
  statuses?: Array<{ status: SeedFile['statusChanges'][number]['status']; on: string; assessor?: string }>;
  deadlines?: Array<{
    due: string;
    precision?: 'day' | 'month' | 'quarter' | 'year';
    state?: 'open' | 'met' | 'partly_met' | 'missed' | 'unknown';
    metOn?: string;
    fulfilledOn?: string;
    setOn?: string;
    label?: string;
    labelIsVerbatim?: boolean;
    labelAttribution?: string;
  }>;
}

export function buildSeed(items: FactoryItem[]): SeedFile {
  const seed: SeedFile = {
    meta: { title: 'test', compiledFrom: 'test factory' },
    sources: [
      {
        slug: 'report-a',
        title: 'Report A',
        kind: 'doj_report',
        publisher: 'DOJ',
        publishedOn: '2017-01-13',
        url: 'https://example.org/a',
        archivedUrl: null,
        note: null,
      },
      {
        slug: 'report-b',
        title: 'Report B',
        kind: 'monitor_report',
        publisher: 'IMT',
        publishedOn: '2018-01-01',
        url: null,
        archivedUrl: null,
        note: null,
      },
    ],
    actors: [
      { slug: 'tracker-editors', name: 'Reform Tracker editors', kind: 'tracker' },
      { slug: 'independent-monitoring-team', name: 'Independent Monitoring Team', kind: 'monitor' },
      { slug: 'police', name: 'Police Department', kind: 'agency' },
      { slug: 'city', name: 'City', kind: 'agency' },
    ],
    topics: [
      { slug: 'foot-pursuits', name: 'Foot pursuits' },
      { slug: 'training', name: 'Training' },
    ],
    recommendations: [],
    statusChanges: [],
    deadlines: [],
    findings: [],
    links: [],
    events: [],
  };
  for (const item of items) {
    seed.recommendations.push({
      slug: item.slug,
      kind: item.kind ?? 'recommendation',
      title: item.title ?? `Item ${item.slug}`,
      text: item.text ?? `Text of ${item.slug}.`,
      textIsVerbatim: false,
      source: item.source ?? 'report-a',
      pinpoint: null,
      topics: item.topics ?? [],
      responsible: item.responsible ?? 'police',
    });
    (item.statuses ?? []).forEach((s, i) =>
      seed.statusChanges.push({
        slug: `${item.slug}-sc-${i}`,
        recommendation: item.slug,
        status: s.status,
        effectiveOn: s.on,
        assessor: s.assessor ?? 'tracker-editors',
        evidence: { source: 'report-a', url: null, excerpt: `Excerpt of report A on ${item.slug}.`, pinpoint: null },
        note: null,
      }),
    );
    (item.deadlines ?? []).forEach((d, i) =>
      seed.deadlines.push({
        slug: `${item.slug}-dl-${i}`,
        recommendation: item.slug,
        label: d.label ?? `by ${d.due}`,
        labelIsVerbatim: d.labelIsVerbatim ?? true,
        labelAttribution: d.labelAttribution ?? null,
        setOn: d.setOn ?? null,
        due: d.due,
        precision: d.precision ?? 'day',
        setBy: 'city',
        source: 'report-a',
        authority: 'official_promise',
        state: d.state ?? 'open',
        metOn: d.metOn ?? null,
        fulfilledOn: d.fulfilledOn ?? null,
        settledOn: d.metOn ?? null,
        extendedBy: null,
        evidence: null,
        note: null,
      }),
    );
  }
  return seed;
}

export { addDays };
