import { Injectable } from '@nestjs/common';
import { ProblemException } from '../../common/problem/problem';
import type { SourceDetailView, SourceListView } from './sources.controller';
import { SourcesRepository } from './sources.repository';

@Injectable()
export class SourcesService {
  constructor(private readonly repo: SourcesRepository) {}

  async list(): Promise<SourceListView> {
    return { items: await this.repo.list() };
  }

  async detail(slug: string): Promise<SourceDetailView> {
    const source = await this.repo.detail(slug);
    if (!source) throw ProblemException.notFound('source', slug);
    return source;
  }
}
