import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { findListPage } from '@/lib/records/list-page';

/** A route's props, for routes at a list's own address ({ slug }) and at its later pages ({ slug, page }). */
interface ListRouteProps<P> {
  params: Promise<P & { page?: string }>;
}

export interface ListRouteSpec<P, T> {
  /** What the list is of, from the route's params (a topic, a year, a committee; or the whole site). */
  find: (params: P) => Promise<T | undefined>;
  /** Title, description and canonical address of page `pageNumber`. */
  metadata: (found: T, pageNumber: number) => Metadata | Promise<Metadata>;
  /** Page `pageNumber` of the list; it calls notFound() for a page past the last. */
  view: (found: T, pageNumber: number) => ReactNode;
}

/**
 * The generateMetadata and page of a paginated list, shared by its first page (at the list's
 * own address) and its later pages (at …/page/<n>), so that each route file holds only its
 * own static params and segment config. An address that is not a page of a list is 404.
 */
export function listRoute<P, T>(spec: ListRouteSpec<P, T>) {
  async function pageOf(props: ListRouteProps<P>) {
    const params = await props.params;
    return findListPage(params.page, () => spec.find(params));
  }
  return {
    async generateMetadata(props: ListRouteProps<P>): Promise<Metadata> {
      const listPage = await pageOf(props);
      return listPage ? spec.metadata(listPage.found, listPage.pageNumber) : { title: 'Page not found' };
    },
    async Page(props: ListRouteProps<P>) {
      const listPage = await pageOf(props);
      if (!listPage) notFound();
      return spec.view(listPage.found, listPage.pageNumber);
    },
  };
}
