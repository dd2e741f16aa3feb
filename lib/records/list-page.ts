import { laterPageNumber } from './lookups';

/** One page of a paginated list: what the list is of, and which page of it. */
export interface ListPage<T> {
  found: T;
  pageNumber: number;
}

/**
 * Reads the address of one page of a list. `page` is the `[page]` segment of a later page
 * (…/page/<n>), or undefined at the list's own address, which is page 1. Undefined when the
 * segment is not a later page's number (`1`, `0`, `02`, `abc`: page 1 has only its own
 * address) or `find` finds nothing; `find` is not asked when the number is wrong. Whether
 * page <n> exists is the view's question: it knows how long the list is.
 */
export async function findListPage<T>(page: string | undefined, find: () => Promise<T | undefined>): Promise<ListPage<T> | undefined> {
  const pageNumber = page === undefined ? 1 : laterPageNumber(page);
  if (pageNumber === undefined) return undefined;
  const found = await find();
  return found === undefined ? undefined : { found, pageNumber };
}
