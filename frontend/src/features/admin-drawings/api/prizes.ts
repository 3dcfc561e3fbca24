import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';
import { useDrawingsMutation } from './drawings';

export type PrizeIn = components['schemas']['PrizeIn'];
export type DrawingPrize = components['schemas']['PrizeView'];

export function useAddPrize(drawingId: string) {
  return useDrawingsMutation((body: PrizeIn) =>
    unwrap(api.POST('/api/v1/admin/drawings/{drawingId}/prizes', { params: { path: { drawingId } }, body })),
  );
}

export function useUpdatePrize(prizeId: string) {
  return useDrawingsMutation((body: PrizeIn) =>
    unwrap(api.PUT('/api/v1/admin/prizes/{prizeId}', { params: { path: { prizeId } }, body })),
  );
}

export function useRemovePrize(prizeId: string) {
  return useDrawingsMutation(() =>
    unwrap(api.DELETE('/api/v1/admin/prizes/{prizeId}', { params: { path: { prizeId } } })),
  );
}

/** The sponsors a new or changed prize may name (the API refuses inactive ones). */
export function useActiveSponsors() {
  return useQuery({
    queryKey: ['admin', 'sponsors', 'active', 'options'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/admin/sponsors', { params: { query: { status: 'active', page: 1, limit: 100 } } })),
    select: (data) => data.items,
  });
}
