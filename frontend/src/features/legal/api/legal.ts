import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type LegalDocument = components['schemas']['LegalDocument'];
export type LegalKind = LegalDocument['kind'];

/** The URL slug of each kind is the API's own kind name, so links and requests agree. */
export const legalKinds: LegalKind[] = ['terms', 'privacy', 'sweepstakes-rules'];

export function isLegalKind(value: string | undefined): value is LegalKind {
  return legalKinds.includes(value as LegalKind);
}

export function useLegalDocument(kind: LegalKind, version?: string) {
  return useQuery({
    queryKey: ['legal', kind, version ?? 'current'],
    queryFn: () =>
      version
        ? unwrap(api.GET('/api/v1/legal/{kind}/{version}', { params: { path: { kind, version } } }))
        : unwrap(api.GET('/api/v1/legal/{kind}', { params: { path: { kind } } })),
  });
}
