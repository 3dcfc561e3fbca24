import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { pageFromUrl, putPage } from '@/features/admin/hooks/urlFilters';
import type { components, paths } from '@/lib/api/schema';

export type AuditQuery = NonNullable<paths['/api/v1/admin/audit']['get']['parameters']['query']>;
export type AuditEntry = components['schemas']['AuditEntryView'];
export type ChainVerification = components['schemas']['ChainVerification'];

/** The entity types the audit log records (fixed by its CHECK constraint). */
export const ENTITY_TYPES = [
  'user',
  'drawing',
  'prize',
  'sponsor',
  'drawing_template',
  'drawing_winner',
  'fulfillment',
  'ticket_block',
  'point_ledger',
  'review_flag',
  'tracker_connection',
  'system',
] as const;

/** The filters as the URL carries them; empty means "any". */
export interface AuditFilters {
  actorId: string;
  entityType: string;
  entityId: string;
  action: string;
  from: string;
  to: string;
  page: number;
}
const TEXT_FILTERS = ['actorId', 'entityType', 'entityId', 'action', 'from', 'to'] as const;

export function filtersFromUrl(params: URLSearchParams): AuditFilters {
  const text = Object.fromEntries(TEXT_FILTERS.map((name) => [name, params.get(name) ?? '']));
  return { ...(text as Omit<AuditFilters, 'page'>), page: pageFromUrl(params) };
}

export function filtersToUrl(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of TEXT_FILTERS) if (filters[name].trim()) params.set(name, filters[name].trim());
  return putPage(params, filters.page);
}

function toQuery(filters: AuditFilters): AuditQuery {
  const query: AuditQuery = { page: filters.page, limit: 50 };
  for (const name of TEXT_FILTERS) if (filters[name].trim()) query[name] = filters[name].trim();
  return query;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: () => unwrap(api.GET('/api/v1/admin/audit', { params: { query: toQuery(filters) } })),
    placeholderData: keepPreviousData,
  });
}

/** A check on demand: it reads the whole chain, so it runs when asked, not on every visit. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/admin/audit/verify')) });
}
