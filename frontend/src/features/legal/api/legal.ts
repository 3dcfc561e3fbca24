import type { LegalKind } from '@/lib/api/legal';

export { useLegalDocument, type LegalDocument, type LegalKind } from '@/lib/api/legal';

/** The URL slug of each kind is the API's own kind name, so links and requests agree. */
export const legalKinds: LegalKind[] = ['terms', 'privacy', 'sweepstakes-rules'];

export function isLegalKind(value: string | undefined): value is LegalKind {
  return legalKinds.includes(value as LegalKind);
}
