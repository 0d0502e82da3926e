import { Injectable } from '@nestjs/common';
import { CatalogReads } from '../catalog-reads';
import type { ActorDetailView, ActorView } from './actor-views';
import { ActorsRepository } from './actors.repository';

@Injectable()
export class ActorsService extends CatalogReads<ActorView, ActorDetailView> {
  constructor(repo: ActorsRepository) {
    super(repo, 'actor', (a) => [a.name, a.slug]);
  }
}
