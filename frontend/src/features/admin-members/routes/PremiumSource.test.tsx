import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';
import { MEMBER_ID, memberDetail } from './fixtures';

const detailUrl = `/api/v1/admin/users/${MEMBER_ID}`;

function serve(detail: ReturnType<typeof memberDetail>) {
  server.use(
    http.get(detailUrl, () => HttpResponse.json(detail)),
    http.get(`${detailUrl}/actions`, () => HttpResponse.json({ items: [], pagination: pagination(0) })),
  );
}

loadConsole(() => import('@/features/admin-members/routes'));

describe('premium source on the member page', () => {
  it('names the source that gives the current premium end (docs/billing.md)', async () => {
    signInAdmin();
    serve(memberDetail({ role: 'premium', premiumExpiresAt: '2026-07-10T16:00:00Z', premiumSource: 'subscription' }));
    const first = renderRoute(`/admin/members/${MEMBER_ID}`);
    expect(await screen.findByText(/^Premium until .*2026, by a Stripe subscription\.$/)).toBeInTheDocument();
    first.unmount();

    serve(memberDetail({ role: 'premium', premiumExpiresAt: '2026-09-01T03:59:59Z', premiumSource: 'admin' }));
    renderRoute(`/admin/members/${MEMBER_ID}`);
    expect(await screen.findByText(/^Premium until .*2026, by an admin grant\.$/)).toBeInTheDocument();
  });
});
