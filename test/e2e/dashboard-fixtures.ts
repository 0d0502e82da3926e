/**
 * Extra items for the dashboard tests, added on top of the Chicago seed: one whose stored text is
 * hostile HTML (it must come back escaped), and one with a disagreement between assessors, a
 * retracted status change with its correction, and an extended deadline chain.
 */
import type { SeedFile } from '../../src/seed/seed-format';
import { addDays, buildSeed, localToday } from '../support/factories';

export const HOSTILE_SLUG = 'zz-hostile-item';
export const HOSTILE_TITLE = '<script>alert(1)</script> Hostile & "quoted" item';
export const DISPUTED_SLUG = 'zz-disputed-item';

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
  ]);
  const evidence = { source: 'report-a', url: 'javascript:alert(3)', excerpt: '<b>not bold</b>', pinpoint: 'p. 4' };
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
  const deadline = (slug: string, due: string, extra: Partial<SeedFile['deadlines'][number]>): SeedFile['deadlines'][number] => ({
    slug,
    recommendation: DISPUTED_SLUG,
    label: `the original words for ${due}`,
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
    deadline(`${DISPUTED_SLUG}-first`, '2021-06', {
      label: 'by the end of June',
      state: 'extended',
      settledOn: '2021-06-20',
      extendedBy: `${DISPUTED_SLUG}-second`,
    }),
    deadline(`${DISPUTED_SLUG}-second`, '2021-Q4', {
      label: 'before the end of the year',
      precision: 'quarter',
      state: 'met',
      metOn: '2022-01-05',
      settledOn: '2022-01-05',
    }),
  );
  const finding = (slug: string, periodStart: string, periodEnd: string, level: 'none' | 'preliminary') => ({
    slug,
    recommendation: DISPUTED_SLUG,
    assessor: 'independent-monitoring-team',
    report: 'report-b',
    periodStart,
    periodEnd,
    level,
    deadlineMet: null,
    summary: `Rated ${level} for the period.`,
  });
  seed.findings.push(
    finding(`${DISPUTED_SLUG}-finding-1`, '2021-01-01', '2021-06-30', 'preliminary'),
    finding(`${DISPUTED_SLUG}-finding-2`, '2021-07-01', '2021-12-31', 'none'),
  );
  return seed;
}
