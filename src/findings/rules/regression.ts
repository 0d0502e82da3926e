// Period-to-period comparison of monitor findings: a lower compliance level than the assessor's
// previous period is a regression ("failed to maintain compliance").

export const FINDING_LEVELS = ['none', 'preliminary', 'secondary', 'full'] as const;
export type FindingLevel = (typeof FINDING_LEVELS)[number];

const RANK: Record<FindingLevel, number> = { none: 0, preliminary: 1, secondary: 2, full: 3 };

interface FindingLike {
  id: number;
  assessor: string;
  periodStart: string;
  periodEnd: string;
  /** null: the report's level for this item is not known (not stated in the sources). */
  level: FindingLevel | null;
}

function chronological(a: FindingLike, b: FindingLike): number {
  if (a.periodEnd !== b.periodEnd) return a.periodEnd < b.periodEnd ? -1 : 1;
  if (a.periodStart !== b.periodStart) return a.periodStart < b.periodStart ? -1 : 1;
  return a.id - b.id;
}

/**
 * Marks each finding with the level of the same assessor's previous finding and whether it fell
 * below it. Findings are ordered by period end, then period start, then id; each is compared with
 * the one just before it even when periods are missing in between, since the last known level is
 * what the assessor failed to maintain. A finding whose level is unknown (null) is never a regression
 * and does not count as the previous level of the next one: an unknown is not a baseline.
 * Returns copies in the input order.
 */
export function markRegressions<T extends FindingLike>(
  findings: T[],
): Array<T & { regression: boolean; previousLevel: FindingLevel | null }> {
  const previous = new Map<T, FindingLevel | null>();
  const byAssessor = new Map<string, T[]>();
  for (const finding of findings) {
    const list = byAssessor.get(finding.assessor) ?? [];
    list.push(finding);
    byAssessor.set(finding.assessor, list);
  }
  for (const list of byAssessor.values()) {
    list.sort(chronological);
    let last: FindingLevel | null = null;
    for (const finding of list) {
      previous.set(finding, last);
      if (finding.level !== null) last = finding.level;
    }
  }
  return findings.map((finding) => {
    const previousLevel = previous.get(finding) ?? null;
    return {
      ...finding,
      previousLevel,
      regression: previousLevel !== null && finding.level !== null && RANK[finding.level] < RANK[previousLevel],
    };
  });
}
