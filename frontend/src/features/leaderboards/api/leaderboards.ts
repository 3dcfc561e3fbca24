import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';

// openapi.yaml types {period} as a bare string; these are the values the API accepts.
export const PERIODS = [
  { value: 'daily', label: 'Today' },
  { value: 'weekly', label: 'This week' },
  { value: 'monthly', label: 'This month' },
  { value: 'alltime', label: 'All time' },
] as const;

export type Period = (typeof PERIODS)[number]['value'];

function tierQuery(tier: string | null) {
  return tier ? { tier } : {};
}

export function useLeaderboard(period: Period, tier: string | null, page: number) {
  return useQuery({
    queryKey: ['leaderboards', period, tier, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/leaderboards/{period}', {
          params: { path: { period }, query: { page, limit: 25, ...tierQuery(tier) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useMyPosition(period: Period, tier: string | null) {
  return useQuery({
    queryKey: ['leaderboards', period, tier, 'me'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/leaderboards/{period}/me', { params: { path: { period }, query: tierQuery(tier) } }),
      ),
  });
}
