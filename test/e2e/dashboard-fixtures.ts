/**
 * The dataset the dashboard tests read: small, made up, and independent of the Chicago seed (which
 * changes as it is researched). Apply it with applyDashboardFixture() on an app booted with
 * SEED_ON_START=false.
 *
 * - HOSTILE: stored text that is hostile HTML (it must come back escaped).
 * - DISPUTED: a disagreement between assessors, a retracted change with its correction, an extended
 *   deadline chain, two monitor findings (a regression), and an old "reviewed, unchanged" check.
 * - PROMISE: an official's promise told the way the foot-pursuit story goes: a verbatim text read
 *   only as quoted in a news story; deadlines met on time, partly met, and missed but done later,
 *   one known only from a news report's paraphrase; evidence read in a reprint; a pure retraction;
 *   inferred dates; findings placed by their filing date; a recent review.
 * - UNKNOWN: a deadline whose outcome nobody established (closed long ago) beside an open one that
 *   is overdue, so the overdue lists can be checked for both.
 * - FILLER: enough ordinary items to page through and filter.
 *
 * The seed format cannot express two things the pages must show: a pure retraction (a change that
 * states no status) and a history recorded before now (for `knownAt`). patchFixture() adds those
 * with SQL after the seed is applied, then recomputes the derived columns the way every write does.
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { refreshDerived } from '../../src/recommendations/recommendation-derived.repository';
import type { SeedFile } from '../../src/seed/seed-format';
import { SeedService } from '../../src/seed/seed.service';
import { addDays, buildSeed, localToday } from '../support/factories';

export const HOSTILE_SLUG = 'zz-hostile-item';
export const HOSTILE_TITLE = '<script>alert(1)</script> Hostile & "quoted" item';
export const DISPUTED_SLUG = 'zz-disputed-item';
export const PROMISE_SLUG = 'zz-promise-item';
export const PROMISE_TITLE = 'Fixture promise: a new foot-pursuit policy';
export const UNKNOWN_SLUG = 'zz-unknown-item';
export const NEWS_SOURCE = 'zz-news-c';
export const NEWS_TITLE = 'News story C';
export const NEWS_URL = 'https://news.example.com/story-c';
export const NEWS_ARCHIVE = 'https://web.archive.org/web/2022/https://news.example.com/story-c';
export const REPRINT_URL = 'http://www.americanbluestheater.com/sixcorners/flipbook/story';

/** Deadline slugs, by what they show. */
export const DL = {
  may: `${PROMISE_SLUG}-may`,
  summer: `${PROMISE_SLUG}-summer`,
  september: `${PROMISE_SLUG}-september`,
  unknown: `${UNKNOWN_SLUG}-before-2011`,
  overdue: `${UNKNOWN_SLUG}-by-2011`,
} as const;
export const PARAPHRASE_LABEL = 'a finalized policy in September';
export const PARAPHRASE_ATTRIBUTION = 'FOX 32’s paraphrase';
export const INFERRED_REASON = 'the article says the final policy came out “this week”';
export const RETRACTION_NOTE = 'Entered from a misread headline; withdrawn.';
/** The promise item's history was recorded on this day; its pure retraction only when the fixture is applied. */
export const HISTORY_RECORDED_AT = '2022-07-01T00:00:00.000Z';

export function dashboardFixture(): SeedFile {
  const today = localToday();
  const seed = buildSeed([
    {
      slug: HOSTILE_SLUG,
      title: HOSTILE_TITLE,
      text: '<img src=x onerror="alert(2)"> text',
      statuses: [{ status: 'in_progress', on: '2022-01-10' }],
      deadlines: [{ due: addDays(today, 20), precision: 'day' }],
    },
    {
      slug: DISPUTED_SLUG,
      title: 'Disputed item with a correction',
      topics: ['foot-pursuits'],
      statuses: [
        { status: 'in_progress', on: '2021-01-15' },
        { status: 'partially_implemented', on: '2022-02-01', assessor: 'independent-monitoring-team' },
      ],
    },
    {
      slug: PROMISE_SLUG,
      title: PROMISE_TITLE,
      kind: 'commitment',
      text: 'We will have a new foot-pursuit policy sometime in May.',
      topics: ['foot-pursuits'],
      responsible: 'city',
    },
    {
      slug: UNKNOWN_SLUG,
      title: 'Item with a deadline of unknown outcome',
      statuses: [{ status: 'in_progress', on: '2010-06-01' }],
    },
    ...[1, 2, 3, 4, 5, 6].map((n) => ({
      slug: `zz-filler-${n}`,
      title: `Filler item ${n}`,
      topics: n <= 3 ? ['foot-pursuits'] : ['training'],
      statuses: [{ status: n <= 2 ? ('implemented' as const) : ('in_progress' as const), on: `2020-0${n}-01` }],
    })),
  ]);
  seed.sources.push({
    slug: NEWS_SOURCE,
    title: NEWS_TITLE,
    kind: 'news_report',
    publisher: 'News C',
    publishedOn: '2021-05-27',
    url: NEWS_URL,
    archivedUrl: NEWS_ARCHIVE,
    note: null,
  });
  // The promise's text is verbatim, but was read only as quoted in the news story.
  Object.assign(
    seed.recommendations.find((r) => r.slug === PROMISE_SLUG)!,
    {
      textIsVerbatim: true,
      source: 'report-a',
      textVia: NEWS_SOURCE,
      issuedOn: '2021-04-28',
      issuedPrecision: 'day',
    },
  );

  // The disputed item: a mistake, its correction, an extension chain, two findings.
  // The URL is made hostile after seeding (below): the pages must not trust even a stored URL.
  const evidence = { source: 'report-a', url: 'https://example.org/mistake', excerpt: '<b>not bold</b>', pinpoint: 'p. 4' };
  seed.statusChanges.push(
    {
      slug: `${DISPUTED_SLUG}-mistake`,
      recommendation: DISPUTED_SLUG,
      status: 'rejected',
      effectiveOn: '2022-03-01',
      assessor: 'tracker-editors',
      evidence,
      note: 'Entered against the wrong item.',
    },
    {
      slug: `${DISPUTED_SLUG}-correction`,
      recommendation: DISPUTED_SLUG,
      status: 'implemented',
      effectiveOn: '2022-03-01',
      assessor: 'tracker-editors',
      evidence: { source: 'report-b', url: 'https://example.org/evidence', excerpt: null, pinpoint: null },
      note: 'Corrects the entry made against the wrong item.',
      retracts: `${DISPUTED_SLUG}-mistake`,
    },
  );
  const deadline = (
    slug: string,
    recommendation: string,
    due: string,
    extra: Partial<SeedFile['deadlines'][number]>,
  ): SeedFile['deadlines'][number] => ({
    slug,
    recommendation,
    label: `the original words for ${due}`,
    labelIsVerbatim: true,
    due,
    precision: 'month',
    setBy: 'city',
    source: 'report-a',
    authority: 'official_promise',
    state: 'open',
    metOn: null,
    settledOn: null,
    extendedBy: null,
    evidence: null,
    note: null,
    ...extra,
  });
  seed.deadlines.push(
    deadline(`${DISPUTED_SLUG}-first`, DISPUTED_SLUG, '2021-06', {
      label: 'by the end of June',
      state: 'extended',
      settledOn: '2021-06-20',
      extendedBy: `${DISPUTED_SLUG}-second`,
    }),
    deadline(`${DISPUTED_SLUG}-second`, DISPUTED_SLUG, '2021-Q4', {
      label: 'before the end of the year',
      precision: 'quarter',
      state: 'met',
      metOn: '2022-01-05',
      settledOn: '2022-01-05',
    }),
  );
  const finding = (
    slug: string,
    recommendation: string,
    periodStart: string,
    periodEnd: string,
    level: 'none' | 'preliminary' | null,
    deadlineMet: boolean | null = null,
    filedOn: string | null = null,
  ) => ({
    slug,
    recommendation,
    assessor: 'independent-monitoring-team',
    report: 'report-b',
    periodStart,
    periodEnd,
    filedOn,
    level,
    deadlineMet,
    summary: `Rated ${level ?? 'without a stated level'} for the period.`,
  });
  seed.findings.push(
    finding(`${DISPUTED_SLUG}-finding-1`, DISPUTED_SLUG, '2021-01-01', '2021-06-30', 'preliminary'),
    finding(`${DISPUTED_SLUG}-finding-2`, DISPUTED_SLUG, '2021-07-01', '2021-12-31', 'none'),
  );

  // The promise: its history (the first entry is later withdrawn by a pure retraction), its deadlines.
  seed.statusChanges.push(
    {
      slug: `${PROMISE_SLUG}-accepted`,
      recommendation: PROMISE_SLUG,
      status: 'accepted',
      effectiveOn: '2021-04-28',
      assessor: 'tracker-editors',
      evidence: { source: 'report-a', url: 'https://example.org/a', excerpt: null, pinpoint: 'p. 2' },
      note: 'Misread: this was about another policy.',
    },
    {
      slug: `${PROMISE_SLUG}-interim`,
      recommendation: PROMISE_SLUG,
      status: 'interim',
      effectiveOn: '2021-05-26',
      assessor: 'tracker-editors',
      evidence: {
        source: 'report-a',
        via: NEWS_SOURCE,
        url: NEWS_URL,
        excerpt: 'an interim policy takes effect',
        pinpoint: null,
      },
      note: 'An interim policy, without the promised public comment.',
    },
    {
      slug: `${PROMISE_SLUG}-partial`,
      recommendation: PROMISE_SLUG,
      status: 'partially_implemented',
      effectiveOn: '2022-06-21',
      assessor: 'tracker-editors',
      evidence: { source: 'report-a', url: REPRINT_URL, excerpt: 'the final policy', pinpoint: null },
      note: 'The final policy was issued.',
      dateInferred: INFERRED_REASON,
    },
  );
  seed.deadlines.push(
    deadline(DL.may, PROMISE_SLUG, '2021-05', {
      label: 'sometime in May',
      state: 'met',
      metOn: '2021-05-26',
      settledOn: '2021-05-26',
    }),
    deadline(DL.summer, PROMISE_SLUG, '2021-06-20', {
      label: 'before the start of summer',
      precision: 'day',
      state: 'partly_met',
      metOn: '2021-06-11',
      settledOn: '2021-06-11',
      dateInferred: 'the promise named no day, only “summer”',
      note: 'The interim policy was in force; the promised public comment never happened.',
    }),
    deadline(DL.september, PROMISE_SLUG, '2021-09', {
      label: PARAPHRASE_LABEL,
      labelIsVerbatim: false,
      labelAttribution: PARAPHRASE_ATTRIBUTION,
      state: 'missed',
      settledOn: '2021-10-01',
      fulfilledOn: '2022-06-21',
      source: NEWS_SOURCE,
      evidence: { source: 'report-a', via: NEWS_SOURCE, url: REPRINT_URL, excerpt: 'the final policy', pinpoint: null },
    }),
    deadline(DL.unknown, UNKNOWN_SLUG, '2010', {
      label: 'before 2011',
      precision: 'year',
      state: 'unknown',
      note: 'The outcome is not in the sources read.',
    }),
    deadline(DL.overdue, UNKNOWN_SLUG, '2011', { label: 'by 2011', precision: 'year', state: 'open' }),
  );
  seed.findings.push(
    finding(`${PROMISE_SLUG}-finding-h1`, PROMISE_SLUG, '2021-01-01', '2021-06-30', 'preliminary', true),
    // Filed well after its period, and after the September deadline closed.
    finding(`${PROMISE_SLUG}-finding-summer`, PROMISE_SLUG, '2021-07-01', '2021-08-31', null, false, '2021-10-14'),
  );
  seed.events.push({
    slug: `${PROMISE_SLUG}-final-policy`,
    occurredOn: '2022-06-21',
    title: 'The final foot-pursuit policy is issued',
    description: null,
    dateInferred: 'dated by the article',
    source: NEWS_SOURCE,
    recommendations: [PROMISE_SLUG],
  });
  // "Reviewed, unchanged": recently on the promise, long ago on the disputed item.
  seed.reviews = [
    {
      slug: `${PROMISE_SLUG}-review`,
      recommendation: PROMISE_SLUG,
      reviewedOn: addDays(today, -10),
      reviewer: 'tracker-editors',
      evidence: null,
      note: 'Checked against the city’s site: unchanged.',
    },
    {
      slug: `${DISPUTED_SLUG}-review`,
      recommendation: DISPUTED_SLUG,
      reviewedOn: '2023-03-01',
      reviewer: 'tracker-editors',
      evidence: null,
      note: 'Still as stated.',
    },
  ];
  // Evidence must say what it shows (the write rules the seed obeys): the factory's plain entries get a note.
  for (const c of seed.statusChanges) if (!c.evidence.excerpt && !c.note) c.note = `Fixture entry ${c.slug}.`;
  return seed;
}

/** Applies the fixture, then what the seed format cannot say yet (see the file comment). */
export async function applyDashboardFixture(app: INestApplication): Promise<void> {
  await app.get(SeedService).apply(dashboardFixture());
  await patchFixture(app.get(DataSource));
}

async function patchFixture(ds: DataSource): Promise<void> {
  await ds.transaction(async (em) => {
    const id = async (table: string, slug: string): Promise<number> => {
      const rows: Array<{ id: number }> = await em.query(`SELECT id FROM ${table} WHERE slug = ?`, [slug]);
      if (!rows[0]) throw new Error(`fixture: no ${table} ${slug}`);
      return rows[0].id;
    };
    const promise = await id('recommendation', PROMISE_SLUG);
    // The promise and its history were recorded long before its retraction (for knownAt views).
    await em.query(`UPDATE recommendation SET created_at = ? WHERE id = ?`, [HISTORY_RECORDED_AT, promise]);
    await em.query(`UPDATE status_change SET recorded_at = ? WHERE recommendation_id = ?`, [HISTORY_RECORDED_AT, promise]);
    await em.query(
      `UPDATE deadline_revision SET recorded_at = ? WHERE deadline_id IN (SELECT id FROM deadline WHERE recommendation_id = ?)`,
      [HISTORY_RECORDED_AT, promise],
    );
    // Stored data the API would refuse today (written before validation existed, or by hand):
    // the pages must still never turn it into a link.
    await em.query(
      `UPDATE status_change SET evidence_url = 'javascript:alert(3)' WHERE evidence_url = 'https://example.org/mistake'`,
    );
    // A pure retraction: it withdraws the first entry and states no status of its own.
    const retracted = await id('status_change', `${PROMISE_SLUG}-accepted`);
    await em.query(
      `INSERT INTO status_change (slug, recommendation_id, status, effective_on, effective_precision, recorded_at, assessor_id,
         evidence_source_id, evidence_url, evidence_excerpt, evidence_pinpoint, note, recorded_by, retracts_id, retracted)
       SELECT ?, recommendation_id, NULL, effective_on, effective_precision, ?, assessor_id, evidence_source_id, NULL, NULL, NULL, ?, 'fixture', id, FALSE
       FROM status_change WHERE id = ?`,
      [`${PROMISE_SLUG}-retraction`, new Date().toISOString(), RETRACTION_NOTE, retracted],
    );
    const all: Array<{ id: number }> = await em.query(`SELECT id FROM recommendation`);
    await refreshDerived(
      em,
      all.map((r) => r.id),
    );
  });
}
