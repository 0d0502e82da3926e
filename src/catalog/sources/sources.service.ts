import { Injectable } from '@nestjs/common';
import { CatalogReads } from '../catalog-reads';
import type { SourceDetailView, SourceView } from './source-views';
import { SourcesRepository } from './sources.repository';

@Injectable()
export class SourcesService extends CatalogReads<SourceView, SourceDetailView> {
  constructor(repo: SourcesRepository) {
    super(repo, 'source', (s) => [s.publishedOn ?? '', s.slug]);
  }
}
