import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';

export type EntryType = 'earn' | 'spend' | 'adjust' | 'refund';

export function useLedger(page: number, type: EntryType | '') {
  return useQuery({
    queryKey: [...queryKeys.points, 'ledger', page, type],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/points/transactions', {
          params: { query: { page, limit: 20, ...(type ? { type } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
