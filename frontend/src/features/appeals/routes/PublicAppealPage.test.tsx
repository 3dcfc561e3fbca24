import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

const ACCEPTED = { message: 'If a banned account uses that address, we have sent it a link to confirm the appeal.' };

// The page's lazily loaded area, imported once up front: a cold import on a loaded machine
// would otherwise eat the first test's waits.
beforeAll(async () => {
  await Promise.all([import('@/features/appeals/routes'), import('@/features/auth/routes')]);
}, 60_000);

describe('the public appeal form', () => {
  it('is reached from the sign-in page, where a banned member is refused', async () => {
    renderRoute('/login');
    await userEvent.click(await screen.findByRole('link', { name: 'Appeal a ban' }));
    expect(await screen.findByRole('heading', { name: 'Appeal a ban', level: 1 })).toBeInTheDocument();
  });

  it('checks the fields before sending, then always answers "check your email"', async () => {
    const sent: unknown[] = [];
    server.use(
      http.post('/api/v1/appeals', async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json(ACCEPTED, { status: 202 });
      }),
    );
    renderRoute('/appeal');
    await userEvent.click(await screen.findByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByText('Enter the email of the banned account.')).toBeInTheDocument();
    expect(screen.getByText('Tell us why the decision should change.')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await userEvent.type(screen.getByLabelText('Email of the account'), ' banned@example.com ');
    await userEvent.type(screen.getByLabelText('Your appeal'), 'Someone else used my phone.');
    await userEvent.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByText(/^Check your email\. If/)).toHaveTextContent(
      'Check your email. If banned@example.com belongs to a banned account, we have sent it a link',
    );
    expect(sent).toEqual([{ email: 'banned@example.com', message: 'Someone else used my phone.' }]);
  });

  it("puts the API's field errors on the fields and a rate limit in the banner", async () => {
    const answers = [
      HttpResponse.json(
        {
          type: 'https://fittrack.app/problems/validation-error',
          title: 'Request validation failed',
          status: 400,
          detail: 'One or more fields are invalid.',
          errors: [{ field: 'email', message: 'Not a valid email address.', code: 'invalid' }],
        },
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      ),
      HttpResponse.json(
        {
          type: 'https://fittrack.app/problems/rate-limited',
          title: 'Too many requests',
          status: 429,
          detail: 'Slow down.',
        },
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } },
      ),
    ];
    server.use(http.post('/api/v1/appeals', () => answers.shift()));
    renderRoute('/appeal');
    await userEvent.type(await screen.findByLabelText('Email of the account'), 'a@b.co');
    await userEvent.type(screen.getByLabelText('Your appeal'), 'Please.');
    await userEvent.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByText('Not a valid email address.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email of the account')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByText('Slow down.')).toBeInTheDocument();
    expect(screen.queryByText(/^Check your email/)).not.toBeInTheDocument();
  });
});
