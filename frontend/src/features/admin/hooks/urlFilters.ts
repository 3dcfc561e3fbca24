import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A list page's filters kept in the URL, so a search can be bookmarked, shared and gone back
 * to. `fromUrl` and `toUrl` must be stable (module functions): the filters are recomputed only
 * when the URL changes, and the search form resets itself when they do.
 */
export function useUrlFilters<F>(fromUrl: (params: URLSearchParams) => F, toUrl: (filters: F) => URLSearchParams) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => fromUrl(params), [fromUrl, params]);
  const show = useCallback((next: F) => setParams(toUrl(next)), [setParams, toUrl]);
  return [filters, show] as const;
}

/** The URL's page: a whole number from 1, else the first page. */
export function pageFromUrl(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The first page is the URL without a page. */
export function putPage(params: URLSearchParams, page: number): URLSearchParams {
  if (page > 1) params.set('page', String(page));
  return params;
}
