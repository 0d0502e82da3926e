import { Injectable } from '@nestjs/common';
import { keysetPage, PageQuery } from '../../common/pagination/keyset-page';
import { ProblemException } from '../../common/problem/problem';
import type { ActorDetailView, ActorListView } from './actors.controller';
import { ActorsRepository } from './actors.repository';

@Injectable()
export class ActorsService {
  constructor(private readonly repo: ActorsRepository) {}

  /** One page, in the list's order (a cursor is bound to it). */
  list(query: PageQuery = {}): Promise<ActorListView> {
    return keysetPage(
      query,
      {},
      2,
      (w) => this.repo.list(w),
      (s) => [s.name, s.slug],
    );
  }

  /** Every one, for pages and forms that show them all. */
  async all(): Promise<ActorListView> {
    return { items: await this.repo.list(), nextCursor: null };
  }

  async detail(slug: string): Promise<ActorDetailView> {
    const actor = await this.repo.detail(slug);
    if (!actor) throw ProblemException.notFound('actor', slug);
    return actor;
  }
}
