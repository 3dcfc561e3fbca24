import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

describe('email verification page', () => {
  it('sends the single-use token once, even under StrictMode, and confirms', async () => {
    const tokens: unknown[] = [];
    server.use(
      http.post('/api/v1/auth/verify-email', async ({ request }) => {
        tokens.push(await request.json());
        return HttpResponse.json({ userId: 'u', status: 'active', emailVerified: true });
      }),
    );
    renderRoute('/verify-email?token=tok-123');
    expect(await screen.findByText('Your email address is confirmed.')).toBeInTheDocument();
    expect(tokens).toEqual([{ token: 'tok-123' }]);
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('explains an expired or used link', async () => {
    server.use(
      http.post('/api/v1/auth/verify-email', () =>
        HttpResponse.json(
          { type: 'x', title: 'Invalid token', status: 400, detail: 'This link has expired or was already used.' },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderRoute('/verify-email?token=old');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired or was already used.');
  });
});
