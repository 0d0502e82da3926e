/**
 * The medium tier's harness: the real application context (every module, service and repository the
 * server has) on a fresh database of its own, with no HTTP listener. Tests call the services'
 * command and query methods directly and read back through the repositories. The clock is one the
 * test sets (never the wall clock), the in-app notification scheduler is off, and data is built through
 * the import (the seed path), never by raw INSERTs.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { ProblemDocument, ProblemException } from '../../src/common/problem/problem';
import type { EditorContext } from '../../src/common/writes/write-scope';
import { validateEnvironment } from '../../src/config/environment';
import type { CreateStatusChangeDto } from '../../src/recommendations/dto/status-change.dto';
import type { Status } from '../../src/recommendations/rules/status-vocabulary';
import { StatusChangeWritesService } from '../../src/recommendations/status-changes.service';
import type { SeedFile } from '../../src/seed/seed-format';
import { SeedService } from '../../src/seed/seed.service';
import { buildSeed, FactoryItem } from './factories';
import { TestClock, useTestClock } from './test-clock';
import { createTestDatabase, TestDatabase } from './test-database';

export interface MediumApp {
  ctx: INestApplicationContext;
  /** A provider of the app (a service, a repository…). */
  get<T>(type: abstract new (...args: never[]) => T): T;
  clock: TestClock;
  db: TestDatabase;
  /** Imports a dataset the way the seed does (factory items, or a whole seed file). */
  seed(data: FactoryItem[] | SeedFile): Promise<void>;
  /** Records a headline status change as EDITOR, with report-a as its evidence (StatusChangeWritesService.record). */
  recordStatus(slug: string, status: Status, effectiveOn: string, more?: Partial<CreateStatusChangeDto>): Promise<{ id: number }>;
  close(): Promise<void>;
}

/** The editor the tests write as (the audit log names it). */
export const EDITOR: EditorContext = { keyName: 'medium-editor', role: 'editor', requestId: 'medium-request' };
export const ADMIN: EditorContext = { keyName: 'medium-admin', role: 'admin', requestId: 'medium-request' };

/** Boots the app context on a fresh database; `now` is where the test clock starts. */
export async function bootMedium(options: { env?: Record<string, string>; now?: string } = {}): Promise<MediumApp> {
  const db = await createTestDatabase('tracker-medium-');
  const env = validateEnvironment({
    LOG_LEVEL: 'error',
    SEED_ON_START: 'false',
    NOTIFY_INTERVAL_SECONDS: '0',
    PUBLIC_URL: 'https://tracker.test',
    ...db.env,
    ...options.env,
  });
  let ctx: INestApplicationContext;
  try {
    ctx = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['fatal', 'error'] });
  } catch (error) {
    await db.drop();
    throw error;
  }
  const clock = useTestClock(ctx, options.now ?? '2030-03-01T18:00:00.000Z');
  const seeder = ctx.get(SeedService);
  return {
    ctx,
    get: (type) => ctx.get(type),
    clock,
    db,
    seed: async (data) => {
      await seeder.apply(Array.isArray(data) ? buildSeed(data) : data);
    },
    recordStatus: (slug, status, effectiveOn, more = {}) =>
      ctx
        .get(StatusChangeWritesService)
        .record(slug, { status, effectiveOn, source: 'report-a', excerpt: `Report A on ${slug}.`, ...more }, EDITOR),
    close: async () => {
      await ctx.close();
      await db.drop();
    },
  };
}

/** The problem document a call is refused with (fails the test when it succeeds or throws anything else). */
export async function problemOf(work: Promise<unknown>): Promise<ProblemDocument> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ProblemException) return error.problem as ProblemDocument;
    throw error;
  }
  throw new Error('expected the call to be refused with a problem, but it succeeded');
}

/** Every page of a keyset-paged list, following nextCursor until it is null. */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    pages.push(next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}
