/**
 * The reads sources and actors share: one page of the list in its order (a cursor is bound to
 * it), the whole list for pages and forms that show every one, and one entity by slug or a 404.
 */
import { keysetPage, PageQuery, type PageWindow, type SortKey } from '../common/pagination/keyset-page';
import { ProblemException } from '../common/problem/problem';

/** What a catalog repository answers: its list (in one order, windowed) and one entity's detail. */
export interface CatalogRepository<Row, Detail> {
  list(window?: PageWindow): Promise<Row[]>;
  detail(slug: string): Promise<Detail | undefined>;
}

export abstract class CatalogReads<Row, Detail> {
  /**
   * @param what the entity's name in a 404 ("actor")
   * @param keyOf a row's place in the list's order, the key a cursor keeps
   */
  protected constructor(
    private readonly repo: CatalogRepository<Row, Detail>,
    private readonly what: string,
    private readonly keyOf: (row: Row) => SortKey,
  ) {}

  /** One page, in the list's order (a cursor is bound to it). */
  list(query: PageQuery = {}): Promise<{ items: Row[]; nextCursor: string | null }> {
    return keysetPage(query, {}, 2, (w) => this.repo.list(w), this.keyOf);
  }

  /** Every one, for pages and forms that show them all. */
  async all(): Promise<{ items: Row[]; nextCursor: null }> {
    return { items: await this.repo.list(), nextCursor: null };
  }

  async detail(slug: string): Promise<Detail> {
    const found = await this.repo.detail(slug);
    if (!found) throw ProblemException.notFound(this.what, slug);
    return found;
  }
}
