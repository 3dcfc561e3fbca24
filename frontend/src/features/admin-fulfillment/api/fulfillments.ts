import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components, operations } from '@/lib/api/schema';

export type Fulfillment = components['schemas']['FulfillmentView'];
export type ShipPrize = components['schemas']['ShipPrize'];
export type FulfillmentStatus = NonNullable<
  NonNullable<operations['admin_fulfillment.list']['parameters']['query']>['status']
>;

const fulfillmentsKey = ['admin', 'fulfillments'] as const;

export function useFulfillments(status: FulfillmentStatus, page: number) {
  return useQuery({
    queryKey: [...fulfillmentsKey, status, page],
    queryFn: () => unwrap(api.GET('/api/v1/admin/fulfillments', { params: { query: { status, page, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

function useFulfillmentMutation<V, R>(call: (values: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fulfillmentsKey }),
  });
}

const path = (fulfillmentId: string) => ({ params: { path: { fulfillmentId } } });

export function useShip(fulfillmentId: string) {
  return useFulfillmentMutation((body: ShipPrize) =>
    unwrap(api.POST('/api/v1/admin/fulfillments/{fulfillmentId}/ship', { ...path(fulfillmentId), body })),
  );
}

export function useDeliver(fulfillmentId: string) {
  return useFulfillmentMutation(() => unwrap(api.POST('/api/v1/admin/fulfillments/{fulfillmentId}/deliver', path(fulfillmentId))));
}

export function useForfeit(fulfillmentId: string) {
  return useFulfillmentMutation((reason: string) =>
    unwrap(api.POST('/api/v1/admin/fulfillments/{fulfillmentId}/forfeit', { ...path(fulfillmentId), body: { reason } })),
  );
}

/** The next alternate from the same snapshot wins; needs a recent one-time code (useStepUp). */
export function useRedraw(fulfillmentId: string) {
  return useFulfillmentMutation(() => unwrap(api.POST('/api/v1/admin/fulfillments/{fulfillmentId}/redraw', path(fulfillmentId))));
}

export type UpdateFulfillment = { notes: string | null } | { addressStatus: 'invalid' | 'confirmed' };

/** Notes for admins, or the address judged invalid (the winner gets fresh days to correct it). */
export function useUpdateFulfillment(fulfillmentId: string) {
  return useFulfillmentMutation((body: UpdateFulfillment) =>
    unwrap(
      api.PUT('/api/v1/admin/fulfillments/{fulfillmentId}', {
        ...path(fulfillmentId),
        body: body as components['schemas']['UpdateFulfillment'],
      }),
    ),
  );
}
