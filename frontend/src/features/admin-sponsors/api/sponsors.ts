import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type Sponsor = components['schemas']['AdminSponsorView'];
export type SponsorIn = components['schemas']['SponsorIn'];
export type SponsorStatusFilter = 'all' | 'active' | 'inactive';

const sponsorsKey = ['admin', 'sponsors'] as const;

export function useSponsors(status: SponsorStatusFilter, page: number) {
  return useQuery({
    queryKey: [...sponsorsKey, status, page],
    queryFn: () => unwrap(api.GET('/api/v1/admin/sponsors', { params: { query: { status, page, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

function useSponsorMutation<V>(call: (values: V) => Promise<Sponsor>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sponsorsKey }),
  });
}

export function useCreateSponsor() {
  return useSponsorMutation((body: SponsorIn) => unwrap(api.POST('/api/v1/admin/sponsors', { body })));
}

export function useUpdateSponsor(sponsorId: string) {
  return useSponsorMutation((body: Partial<SponsorIn> & { status?: 'active' | 'inactive' }) =>
    unwrap(
      api.PUT('/api/v1/admin/sponsors/{sponsorId}', {
        params: { path: { sponsorId } },
        body: body as components['schemas']['SponsorUpdate'],
      }),
    ),
  );
}

/** DELETE deactivates: sponsors are never deleted (their prizes keep naming them). */
export function useDeactivateSponsor(sponsorId: string) {
  return useSponsorMutation(() =>
    unwrap(api.DELETE('/api/v1/admin/sponsors/{sponsorId}', { params: { path: { sponsorId } } })),
  );
}
