import { adminUser } from '@/features/admin/testing/admin';
import type { components } from '@/lib/api/schema';
import { drawing as memberDrawing } from '@/test/fixtures';

type S = components['schemas'];

export const DRAWING_ID = '00000000-0000-4000-8000-0000000000d1';

export function adminDrawing(overrides: Partial<S['AdminDrawingView']> = {}): S['AdminDrawingView'] {
  return {
    ...memberDrawing({ status: 'draft', prizes: [] }),
    templateId: null,
    periodKey: null,
    nextTicketNumber: 1,
    cancelReason: null,
    createdBy: null,
    createdAt: '2026-06-10T12:00:00Z',
    updatedAt: '2026-06-10T12:00:00Z',
    ...overrides,
  };
}

export function prize(overrides: Partial<S['PrizeView']> = {}): S['PrizeView'] {
  return {
    prizeId: '00000000-0000-4000-8000-0000000000a1',
    rank: 1,
    name: 'Road bike',
    description: null,
    valueUsd: 900,
    quantity: 1,
    fulfillmentType: 'physical',
    imageUrl: null,
    sponsor: null,
    ...overrides,
  };
}

/** An access token as the API issues them (a JWT), with or without a step-up's `amr`. */
export function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ sub: adminUser.userId, role: 'admin', iat: 1781107200, ...claims })}.signature`;
}
