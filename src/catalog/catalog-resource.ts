/**
 * The routes sources and actors share: the public list and one entity (with its version as ETag,
 * what an editor sends back in If-Match), on top of the editor's writes (EditorResource). A
 * controller extends `CatalogResource(kind, service, listView, detailView)`.
 */
import { Inject, Param, Query, type Type } from '@nestjs/common';
import { PublicRead, SendsVersion } from '../common/http/routes';
import { PageQuery } from '../common/pagination/keyset-page';
import { NoQueryParams } from '../common/query/no-params.query';
import { EditorResource } from '../common/writes/editor-resource';
import type { CatalogReads } from './catalog-reads';
import { CreateActorDto, CreateSourceDto, UpdateActorDto, UpdateSourceDto } from './dto/catalog.dto';

type CatalogKind = 'sources' | 'actors';

const DOCS: Record<CatalogKind, { what: string; list: string; detail: string; bodies: [create: Type, update: Type] }> = {
  sources: {
    what: 'source',
    list: 'All sources: reports, decrees, statements, news, each with its link',
    detail: 'One source and what cites it',
    bodies: [CreateSourceDto, UpdateSourceDto],
  },
  actors: {
    what: 'actor',
    list: 'Bodies and people that are responsible, promise, or assess',
    detail: 'One actor and what it is responsible for',
    bodies: [CreateActorDto, UpdateActorDto],
  },
};

export function CatalogResource<Detail>(
  kind: CatalogKind,
  service: Type<Pick<CatalogReads<unknown, Detail>, 'list' | 'detail'>>,
  listView: Type<unknown>,
  detailView: Type<Detail>,
) {
  const docs = DOCS[kind];

  abstract class CatalogResourceController extends EditorResource(kind, detailView, ...docs.bodies) {
    @Inject(service) private readonly reads!: Pick<CatalogReads<unknown, Detail>, 'list' | 'detail'>;

    protected show({ slug }: { slug: string }): Promise<Detail> {
      return this.reads.detail(slug);
    }

    @PublicRead(undefined, docs.list, listView)
    list(@Query() q: PageQuery) {
      return this.reads.list(q);
    }

    @PublicRead(':slug', docs.detail, detailView, docs.what)
    @SendsVersion()
    detail(@Param('slug') slug: string, @Query() _q: NoQueryParams): Promise<Detail> {
      return this.reads.detail(slug);
    }
  }
  return CatalogResourceController;
}
