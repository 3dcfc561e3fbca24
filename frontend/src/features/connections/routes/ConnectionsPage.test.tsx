import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

function connections(extra: object[] = []) {
  return HttpResponse.json({
    connections: [{ provider: 'google_fit', status: 'retired', isPrimary: true, lastSyncAt: '2026-10-30T12:00:00Z' }, ...extra],
    available: [
      { provider: 'fitbit', displayName: 'Fitbit (Google Health)' },
      { provider: 'google_fit', displayName: 'Google Fit' },
    ],
  });
}

describe('a retired Google Fit connection', () => {
  it('is explained, cannot be synced, and offers to link Fitbit', async () => {
    signIn();
    let started = '';
    server.use(
      http.get('/api/v1/connections', () => connections()),
      http.post('/api/v1/connections/:provider/initiate', ({ params }) => {
        started = String(params.provider);
        return HttpResponse.json(
          { type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'The tracker is unreachable.' },
          { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
      http.get('/api/v1/users/me', () => HttpResponse.json({})),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
    );
    const user = userEvent.setup();
    renderRoute('/connections');
    expect(await screen.findByRole('note')).toHaveTextContent('Google has shut down the Google Fit API');
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Link Fitbit' }));
    expect((await screen.findAllByText('The tracker is unreachable.')).length).toBeGreaterThan(0);
    expect(started).toBe('fitbit');
  });

  it('does not ask again once Fitbit is linked', async () => {
    signIn();
    server.use(
      http.get('/api/v1/connections', () => connections([{ provider: 'fitbit', status: 'active', isPrimary: false, lastSyncAt: null }])),
      http.get('/api/v1/users/me', () => HttpResponse.json({})),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
    );
    renderRoute('/connections');
    expect(await screen.findByRole('note')).toHaveTextContent('Your Fitbit connection keeps you earning.');
    expect(screen.queryByRole('button', { name: 'Link Fitbit' })).not.toBeInTheDocument();
  });
});

describe('a deployment without Google Fit', () => {
  it('offers only what the API lists: Fitbit, no Google Fit button', async () => {
    signIn();
    server.use(
      http.get('/api/v1/connections', () =>
        HttpResponse.json({ connections: [], available: [{ provider: 'fitbit', displayName: 'Fitbit (Google Health)' }] }),
      ),
      http.get('/api/v1/users/me', () => HttpResponse.json({})),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
    );
    renderRoute('/connections');
    expect(await screen.findByText('Fitbit (Google Health)')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Connect' })).toHaveLength(1);
    expect(screen.queryByText('Google Fit')).not.toBeInTheDocument();
  });
});

describe('a finished sync', () => {
  it('refetches the points it paid instead of showing the ones read before it', async () => {
    signIn();
    let synced = false;
    let balanceReads = 0;
    server.use(
      http.get('/api/v1/connections', () =>
        HttpResponse.json({
          connections: [
            { provider: 'fitbit', status: 'active', isPrimary: true, lastSyncAt: synced ? '2026-06-10T16:05:00Z' : '2026-06-10T15:00:00Z' },
          ],
          available: [{ provider: 'fitbit', displayName: 'Fitbit (Google Health)' }],
        }),
      ),
      http.post('/api/v1/connections/:provider/sync', () => {
        synced = true;
        return HttpResponse.json({ provider: 'fitbit', status: 'queued' }, { status: 202 });
      }),
      http.get('/api/v1/users/me', () => HttpResponse.json({})),
      http.get('/api/v1/points/balance', () => {
        balanceReads += 1;
        return HttpResponse.json({ balance: synced ? 1343 : 1000 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/connections');
    await screen.findByText(/Last synced Jun 10, 3:00 PM/);
    await waitFor(() => expect(balanceReads).toBeGreaterThan(0));
    const before = balanceReads;
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await screen.findByText(/Last synced Jun 10, 4:05 PM/);
    await waitFor(() => expect(balanceReads).toBeGreaterThan(before));
  });
});
