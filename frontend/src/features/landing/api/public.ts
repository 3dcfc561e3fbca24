import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';

export function usePrizeShowcase() {
  return useQuery({
    queryKey: ['public', 'prizes'],
    queryFn: () => unwrap(api.GET('/api/v1/prizes', { params: { query: { page: 1, limit: 6 } } })),
    staleTime: 5 * 60_000,
  });
}

export function useRecentWinners() {
  return useQuery({
    queryKey: ['public', 'winners'],
    queryFn: () => unwrap(api.GET('/api/v1/winners/recent', { params: { query: { limit: 8 } } })),
    staleTime: 5 * 60_000,
  });
}
