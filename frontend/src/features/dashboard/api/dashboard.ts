import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';

export function useDailyProgress() {
  return useQuery({
    queryKey: [...queryKeys.points, 'daily'],
    queryFn: () => unwrap(api.GET('/api/v1/points/daily')),
  });
}

export function useStreak() {
  return useQuery({
    queryKey: [...queryKeys.points, 'streak'],
    queryFn: () => unwrap(api.GET('/api/v1/points/streak')),
  });
}

/** The open drawing that draws soonest (the list endpoint has no sort parameter). */
export function useNextDrawing() {
  return useQuery({
    queryKey: [...queryKeys.drawings, 'next'],
    queryFn: async () => {
      const list = await unwrap(api.GET('/api/v1/drawings', { params: { query: { status: 'open', limit: 100 } } }));
      const sorted = [...list.drawings].sort((a, b) => a.drawingTime.localeCompare(b.drawingTime));
      return sorted[0] ?? null;
    },
  });
}
