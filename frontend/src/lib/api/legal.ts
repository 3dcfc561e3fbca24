import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { components } from './schema';

export type LegalDocument = components['schemas']['LegalDocument'];
export type LegalKind = LegalDocument['kind'];

/** One version of a legal document, the current one without `version` (the legal pages, and
 * registration, which links the versions it records). Documents change rarely: cached for good. */
export function useLegalDocument(kind: LegalKind, version?: string) {
  return useQuery({
    queryKey: ['legal', kind, version ?? 'current'],
    staleTime: Infinity,
    queryFn: () =>
      version
        ? unwrap(api.GET('/api/v1/legal/{kind}/{version}', { params: { path: { kind, version } } }))
        : unwrap(api.GET('/api/v1/legal/{kind}', { params: { path: { kind } } })),
  });
}
