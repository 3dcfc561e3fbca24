import { http, HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { pagination } from '@/test/fixtures';

type Sponsor = components['schemas']['AdminSponsorView'];

export function adminSponsor(overrides: Partial<Sponsor> = {}): Sponsor {
  return {
    sponsorId: '00000000-0000-4000-8000-0000000000s1',
    name: 'Acme Outdoor',
    contactName: 'Dana Reyes',
    contactEmail: 'dana@acme.example',
    websiteUrl: 'https://acme.example',
    logoUrl: null,
    status: 'active',
    createdAt: '2026-06-01T12:00:00Z',
    updatedAt: '2026-06-01T12:00:00Z',
    ...overrides,
  };
}

/** GET /admin/sponsors answering `items` as one page; `seen` collects each request's status filter. */
export function sponsorsList(items: Sponsor[], seen: string[] = []) {
  return http.get('/api/v1/admin/sponsors', ({ request }) => {
    seen.push(new URL(request.url).searchParams.get('status') ?? '');
    return HttpResponse.json({ items, pagination: pagination(items.length) });
  });
}
