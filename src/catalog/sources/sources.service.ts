import { Injectable } from '@nestjs/common';
import { keysetPage, PageQuery } from '../../common/pagination/keyset-page';
import { ProblemException } from '../../common/problem/problem';
import type { SourceDetailView, SourceListView } from './sources.controller';
import { SourcesRepository } from './sources.repository';

@Injectable()
export class SourcesService {
  constructor(private readonly repo: SourcesRepository) {}

  /** One page, in the list's order (a cursor is bound to it). */
  list(query: PageQuery = {}): Promise<SourceListView> {
    return keysetPage(
      query,
      {},
      2,
      (w) => this.repo.list(w),
      (s) => [s.publishedOn ?? '', s.slug],
    );
  }

  /** Every one, for pages and forms that show them all. */
  async all(): Promise<SourceListView> {
    return { items: await this.repo.list(), nextCursor: null };
  }

  async detail(slug: string): Promise<SourceDetailView> {
    const source = await this.repo.detail(slug);
    if (!source) throw ProblemException.notFound('source', slug);
    return source;
  }
}
