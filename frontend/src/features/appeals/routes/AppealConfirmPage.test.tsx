import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

// The page's lazily loaded area, imported once up front: a cold import on a loaded machine
// would otherwise eat the first test's waits.
beforeAll(async () => {
  await import('@/features/appeals/routes');
}, 60_000);

describe('the appeal confirmation link', () => {
  it('sends the single-use token once, even under StrictMode, and confirms', async () => {
    const tokens: unknown[] = [];
    server.use(
      http.post('/api/v1/appeals/confirm', async ({ request }) => {
        tokens.push(await request.json());
        return HttpResponse.json({ appealId: '00000000-0000-4000-8000-0000000000a1', status: 'pending' });
      }),
    );
    renderRoute('/appeal-confirm?token=tok-123');
    expect(await screen.findByText(/Your appeal is confirmed and waiting for our team/)).toHaveClass('alert-success');
    expect(tokens).toEqual([{ token: 'tok-123' }]);
  });

  it('says why an expired or used link is refused (the 409 naming the token) and offers a new appeal', async () => {
    server.use(
      http.post('/api/v1/appeals/confirm', () =>
        HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/field-conflict',
            title: 'Conflicts with the current state',
            status: 409,
            detail: 'One or more fields are invalid.',
            errors: [{ field: 'token', message: 'This link is invalid, used or expired.', code: 'invalid_token' }],
          },
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderRoute('/appeal-confirm?token=old');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is invalid, used or expired.');
    expect(screen.getByRole('link', { name: 'Send a new appeal' })).toHaveAttribute('href', '/appeal');
  });

  it('sends nothing for a link without a token', async () => {
    // No handler: a request would fail the test.
    renderRoute('/appeal-confirm');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has no confirmation token.');
  });
});
