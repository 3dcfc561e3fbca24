import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { LEGAL_VERSION, server } from '@/test/server';
import { RegisterForm } from './RegisterForm';

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Email'), 'new.member@example.com');
  await user.type(screen.getByLabelText('Password'), 'Str0ng-Enough!');
  fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1990-04-02' } });
  await user.selectOptions(screen.getByLabelText('State of residence'), 'CA');
  await user.click(screen.getByLabelText(/Terms of Service/));
  await user.click(screen.getByLabelText(/Sweepstakes Rules/));
}

describe('RegisterForm', () => {
  it('links each consent to the exact document version registration records, in a new tab', async () => {
    renderWithProviders(<RegisterForm onRegistered={vi.fn()} />);
    const terms = await screen.findByRole('link', { name: `Terms of Service (version ${LEGAL_VERSION}) (opens in a new tab)` });
    expect(terms).toHaveAttribute('href', `/legal/terms/${LEGAL_VERSION}`);
    expect(terms).toHaveAttribute('target', '_blank');
    const rules = screen.getByRole('link', { name: /^Sweepstakes Rules \(version/ });
    expect(rules).toHaveAttribute('href', `/legal/sweepstakes-rules/${LEGAL_VERSION}`);
  });

  it('checks the rules of SPEC section 1 inline before calling the API', async () => {
    const user = userEvent.setup();
    const onRegistered = vi.fn();
    renderWithProviders(<RegisterForm onRegistered={onRegistered} />);

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'lowercase1234');
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '2015-01-01' } });
    await user.selectOptions(screen.getByLabelText('State of residence'), 'NY');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByText('The password needs an upper-case letter, a symbol.')).toBeInTheDocument();
    expect(screen.getByText('You must be at least 18 to register.')).toBeInTheDocument();
    expect(screen.getByText('Residents of New York cannot take part in FitTrack sweepstakes.')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(/New York, Florida and Rhode Island cannot take part/);
    expect(screen.getByText('Accept the Terms of Service to continue.')).toBeInTheDocument();
    expect(screen.getByText('Accept the Sweepstakes Rules to continue.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(onRegistered).not.toHaveBeenCalled();
  });

  it('sends the registration and reports the created email', async () => {
    let body: unknown;
    server.use(
      http.post('/api/v1/auth/register', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ userId: 'u', email: 'new.member@example.com', status: 'pending' }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    const onRegistered = vi.fn();
    renderWithProviders(<RegisterForm onRegistered={onRegistered} />);
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith('new.member@example.com'));
    expect(body).toEqual({
      email: 'new.member@example.com',
      password: 'Str0ng-Enough!',
      dateOfBirth: '1990-04-02',
      stateOfResidence: 'CA',
      acceptedTerms: true,
      acceptedSweepstakesRules: true,
    });
  });

  it('puts the API field errors on the matching fields', async () => {
    server.use(
      http.post('/api/v1/auth/register', () =>
        HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/validation-error',
            title: 'Request validation failed',
            status: 400,
            detail: 'One or more fields are invalid.',
            instance: '/api/v1/auth/register',
            errors: [{ field: 'email', message: 'An account with this email already exists.', code: 'email_taken' }],
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<RegisterForm onRegistered={vi.fn()} />);
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('An account with this email already exists.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });
});
