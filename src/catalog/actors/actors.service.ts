import { Injectable } from '@nestjs/common';
import { ProblemException } from '../../common/problem/problem';
import type { ActorDetailView, ActorListView } from './actors.controller';
import { ActorsRepository } from './actors.repository';

@Injectable()
export class ActorsService {
  constructor(private readonly repo: ActorsRepository) {}

  async list(): Promise<ActorListView> {
    return { items: await this.repo.list() };
  }

  async detail(slug: string): Promise<ActorDetailView> {
    const actor = await this.repo.detail(slug);
    if (!actor) throw ProblemException.notFound('actor', slug);
    return actor;
  }
}
