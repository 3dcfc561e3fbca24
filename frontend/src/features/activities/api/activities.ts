import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';

export type ActivityType = 'steps' | 'workout' | 'active_minutes';

export interface ActivityFilters {
  page: number;
  type: ActivityType | '';
  startDate: string;
  endDate: string;
}

export function useActivities(filters: ActivityFilters) {
  return useQuery({
    queryKey: [...queryKeys.activities, 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/activities', {
          params: {
            query: {
              page: filters.page,
              limit: 20,
              ...(filters.type ? { type: filters.type } : {}),
              ...(filters.startDate ? { startDate: filters.startDate } : {}),
              ...(filters.endDate ? { endDate: filters.endDate } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useActivitySummary() {
  return useQuery({
    queryKey: [...queryKeys.activities, 'summary'],
    queryFn: () => unwrap(api.GET('/api/v1/activities/summary')),
  });
}
