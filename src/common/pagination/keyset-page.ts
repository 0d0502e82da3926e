/**
 * One page of a keyset-paginated list, the same way for every list: `limit` (1–200, default 50)
 * rows after the signed `cursor`, and `nextCursor` when there are more. The repository fetches up
 * to limit+1 rows after a sort key; this turns them into a page and the next cursor.
 */
import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { decodeCursor, encodeCursor } from './cursor';
import { PageCursor, PageLimit } from './page-params';

export const DEFAULT_LIST_PAGE_SIZE = 50;

/** `limit` and `cursor`, for lists that take no other parameter. */
export class PageQuery {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}

export type SortKey = Array<string | number | null>;

/** Where a page starts: after this sort key (undefined: the first page), with at most limit+1 rows. */
export interface PageWindow {
  after?: SortKey;
  take: number;
}

/** The page and the next cursor; `filters` are the other parameters, which a cursor is bound to. */
export async function keysetPage<T>(
  query: { limit?: number; cursor?: string },
  filters: Record<string, unknown>,
  keyLength: number,
  fetch: (window: PageWindow) => Promise<T[]>,
  keyOf: (row: T) => SortKey,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_LIST_PAGE_SIZE;
  const after = query.cursor ? decodeCursor(query.cursor, filters, keyLength) : undefined;
  const rows = await fetch({ after, take: limit + 1 });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]), filters) : null };
}

/** The `nextCursor` property of a list's response, documented once. */
export const NextCursorProperty = () =>
  ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' });

/**
 * The response of a keyset-paged list of `item`, for a list view to extend
 * (`class ActorListView extends ListViewOf(ActorView) {}`): its items and the next page's cursor.
 */
export function ListViewOf<T>(item: Type<T>) {
  abstract class ListView {
    @ApiProperty({ type: [item] }) items: T[];
    @NextCursorProperty() nextCursor: string | null;
  }
  return ListView;
}
