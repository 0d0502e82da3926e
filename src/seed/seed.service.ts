/**
 * Seeding is importing the seed file: the same validation, write rules and derived columns as an
 * editor's import, in one transaction, except that records already there (by slug) are left as
 * they are. So seeding is idempotent and never overwrites an editor's later work.
 */
import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemException } from '../common/problem/problem';
import { ImportReport, ImportService } from '../import-export/import.service';
import type { ImportNotifyMode } from '../notifications/notification.entity';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import type { SeedFile } from './seed-format';

export const CHICAGO_SEED = join(__dirname, 'chicago-foot-pursuit.seed.json');

/** Who the seed's records were recorded by, in their rows and the audit log. */
export const SEED_EDITOR = { keyName: 'seed', role: 'admin' as const, requestId: null };

export interface SeedReport {
  created: Record<string, number>;
  unchanged: Record<string, number>;
}

export class SeedError extends Error {}

@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly importer: ImportService,
  ) {}

  /** True when nothing has been recorded yet (no recommendation at all). */
  async isEmpty(): Promise<boolean> {
    return (await this.recommendations.count()) === 0;
  }

  loadFile(path = CHICAGO_SEED): SeedFile {
    return JSON.parse(readFileSync(path, 'utf8')) as SeedFile;
  }

  /**
   * Imports what the seed has and the database lacks. A seed that breaks a rule is a SeedError
   * naming each record and field, and nothing is written. `notify`: how subscribers hear of the status
   * changes and findings it adds (ImportService's default unless told; see DEFAULT_IMPORT_NOTIFY).
   */
  async apply(seed: SeedFile = this.loadFile(), opts: { notify?: ImportNotifyMode } = {}): Promise<SeedReport> {
    const stamped = (rows: Array<Record<string, unknown>> | undefined) => rows?.map((r) => ({ recordedBy: 'seed', ...r }));
    const body = {
      ...seed,
      statusChanges: stamped(seed.statusChanges),
      findings: stamped(seed.findings),
      ...(seed.reviews
        ? { reviews: stamped(seed.reviews.map((r) => ({ slug: `${r.recommendation}-reviewed-${r.reviewedOn}`, ...r }))) }
        : {}),
    };
    let report: ImportReport;
    try {
      report = await this.importer.run({ format: 'json', body }, false, SEED_EDITOR, { keepExisting: true, ...opts });
    } catch (error) {
      if (error instanceof ProblemException) {
        const { errors, detail } = error.problem as { detail?: string; errors?: Array<{ field: string; reason: string }> };
        const list = errors?.map((e) => `${e.field}: ${e.reason}`).join('; ') ?? detail ?? error.message;
        throw new SeedError(`The seed does not import: ${list}`);
      }
      throw error;
    }
    const counts = (bucket: Partial<Record<string, number>>) =>
      Object.fromEntries(Object.entries(bucket).filter(([, n]) => (n ?? 0) > 0)) as Record<string, number>;
    this.logger.log(`Seed applied: created ${JSON.stringify(counts(report.created))}`);
    return { created: counts(report.created), unchanged: counts(report.unchanged) };
  }
}
