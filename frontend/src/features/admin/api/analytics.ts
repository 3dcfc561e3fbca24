import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

type S = components['schemas'];
export type Interval = 'day' | 'week' | 'month';
export type SeriesName = 'registrations' | 'activity' | 'drawings';
/** A range of New York days; without `from` and `to` the API answers the 30 days ending its today. */
export interface SeriesRange {
  from?: string;
  to?: string;
  interval: Interval;
}
export type Overview = S['Overview'];
export interface SeriesByName {
  registrations: S['RegistrationSeries'];
  activity: S['ActivitySeries'];
  drawings: S['DrawingSeries'];
}

const analyticsKey = ['admin', 'analytics'] as const;

export function useOverview() {
  return useQuery({
    queryKey: [...analyticsKey, 'overview'],
    // The route also answers text/csv (format=csv), so its declared 200 is JSON or text.
    queryFn: () => unwrap(api.GET('/api/v1/admin/analytics/overview')) as Promise<Overview>,
  });
}

function fetchSeries<N extends SeriesName>(name: N, range: SeriesRange): Promise<SeriesByName[N]> {
  const params = { query: range };
  switch (name) {
    case 'registrations':
      return unwrap(api.GET('/api/v1/admin/analytics/registrations', { params })) as Promise<SeriesByName[N]>;
    case 'activity':
      return unwrap(api.GET('/api/v1/admin/analytics/activity', { params })) as Promise<SeriesByName[N]>;
    default:
      return unwrap(api.GET('/api/v1/admin/analytics/drawings', { params })) as Promise<SeriesByName[N]>;
  }
}

export function useSeries<N extends SeriesName>(name: N, range: SeriesRange) {
  return useQuery({
    queryKey: [...analyticsKey, name, range],
    queryFn: () => fetchSeries(name, range),
    placeholderData: keepPreviousData,
  });
}

function csvCall(name: SeriesName | 'overview', range: SeriesRange) {
  const parseAs = 'text' as const;
  switch (name) {
    case 'overview':
      return api.GET('/api/v1/admin/analytics/overview', { params: { query: { format: 'csv' } }, parseAs });
    case 'registrations':
      return api.GET('/api/v1/admin/analytics/registrations', { params: { query: { ...range, format: 'csv' } }, parseAs });
    case 'activity':
      return api.GET('/api/v1/admin/analytics/activity', { params: { query: { ...range, format: 'csv' } }, parseAs });
    default:
      return api.GET('/api/v1/admin/analytics/drawings', { params: { query: { ...range, format: 'csv' } }, parseAs });
  }
}

/** The file name the API gives in Content-Disposition, or one made up from the series. */
function attachmentName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

/**
 * Fetches a figure set as CSV with the admin's bearer token (a plain link could not send it)
 * and hands it to the browser as a file through an object URL: no navigation, no inline code.
 */
export async function downloadCsv(name: SeriesName | 'overview', range: SeriesRange): Promise<string> {
  const call = csvCall(name, range);
  const text = (await unwrap(call)) as unknown as string;
  const { response } = await call;
  const filename = attachmentName(response, `fittrack-${name}.csv`);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return filename;
}

/** `day` moved by `days` (calendar arithmetic on YYYY-MM-DD, no time zone involved). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
