import { pageFromUrl, putPage } from '@/features/admin/hooks/urlFilters';
import type { MemberQuery, MemberSort } from './members';

/** The search as the URL carries it (so a search can be bookmarked, shared and gone back to). */
export interface MemberFilters {
  email: string;
  displayName: string;
  status: '' | NonNullable<MemberQuery['status']>;
  role: '' | NonNullable<MemberQuery['role']>;
  tier: string;
  sort: MemberSort;
  page: number;
}

export const STATUSES = ['pending', 'active', 'suspended', 'banned'] as const;
export const ROLES = ['user', 'premium', 'admin'] as const;
export const SORTS: readonly { value: MemberSort; label: string }[] = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'email', label: 'Email A–Z' },
  { value: '-email', label: 'Email Z–A' },
  { value: 'displayName', label: 'Display name A–Z' },
  { value: '-displayName', label: 'Display name Z–A' },
  { value: '-lastLoginAt', label: 'Last sign-in, latest first' },
  { value: 'lastLoginAt', label: 'Last sign-in, earliest first' },
];
const DEFAULT_SORT: MemberSort = '-createdAt';

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return allowed.includes(value as T) ? (value as T) : '';
}

export function filtersFromUrl(params: URLSearchParams): MemberFilters {
  return {
    email: params.get('email') ?? '',
    displayName: params.get('displayName') ?? '',
    status: oneOf(params.get('status'), STATUSES),
    role: oneOf(params.get('role'), ROLES),
    tier: params.get('tier') ?? '',
    sort: oneOf(params.get('sort'), SORTS.map((s) => s.value)) || DEFAULT_SORT,
    page: pageFromUrl(params),
  };
}

/** Only what differs from the defaults goes into the URL. */
export function filtersToUrl(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['email', 'displayName', 'status', 'role', 'tier'] as const) {
    const value = filters[name].trim();
    if (value) params.set(name, value);
  }
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  return putPage(params, filters.page);
}

export function toQuery(filters: MemberFilters): MemberQuery {
  const query: MemberQuery = { sort: filters.sort, page: filters.page, limit: 20 };
  if (filters.email.trim()) query.email = filters.email.trim();
  if (filters.displayName.trim()) query.displayName = filters.displayName.trim();
  if (filters.status) query.status = filters.status;
  if (filters.role) query.role = filters.role;
  if (filters.tier.trim()) query.tier = filters.tier.trim().toUpperCase();
  return query;
}
