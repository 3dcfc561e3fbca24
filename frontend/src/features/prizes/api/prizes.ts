import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';
import type { components } from '@/lib/api/schema';

export type MyPrize = components['schemas']['MyPrizeView'];
export type ConfirmDelivery = components['schemas']['ConfirmDelivery'];
export type TaxDetailsIn = components['schemas']['TaxDetailsIn'];

export function useMyPrizes(page: number) {
  return useQuery({
    queryKey: [...queryKeys.prizes, 'mine', page],
    queryFn: () => unwrap(api.GET('/api/v1/users/me/prizes', { params: { query: { page, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useConfirmDelivery(fulfillmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmDelivery) =>
      unwrap(api.POST('/api/v1/users/me/prizes/{fulfillmentId}/address', { params: { path: { fulfillmentId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.prizes }),
  });
}

export function useSubmitTaxDetails(fulfillmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TaxDetailsIn) =>
      unwrap(
        api.POST('/api/v1/users/me/prizes/{fulfillmentId}/tax-details', { params: { path: { fulfillmentId } }, body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.prizes }),
  });
}
