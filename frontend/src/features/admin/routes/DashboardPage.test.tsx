import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';
import { overview, seriesHandlers } from '../testing/analytics';
import { loadConsole, signInAdmin } from '../testing/admin';

async function card(title: string): Promise<HTMLElement> {
  const section = (await screen.findByRole('heading', { name: title })).closest('section');
  if (!section) throw new Error(`no card titled ${title}`);
  return section;
}

loadConsole();

describe('admin overview', () => {
  it('shows the figures and the 30-day charts, and 90 days ending on the API’s last day', async () => {
    signInAdmin();
    const requests: string[] = [];
    server.use(http.get('/api/v1/admin/analytics/overview', () => HttpResponse.json(overview)), ...seriesHandlers(requests));
    const user = userEvent.setup();
    renderRoute('/admin');
    expect(within(await card('Members by status')).getByText('1,200')).toBeInTheDocument();
    expect(within(await card('Waiting for an admin')).getByText('11')).toBeInTheDocument();
    expect(within(await card('Points, last 30 days')).getByText('1,250,000')).toBeInTheDocument();
    for (const title of ['New registrations', 'Tracker syncs started', 'Points earned and spent', 'Drawing participation']) {
      // jsdom lays nothing out, so the charts' SVG is drawn only in the browser suite.
      expect(await screen.findByText(title, { selector: 'figure > figcaption' })).toBeInTheDocument();
    }

    await user.click(screen.getByRole('button', { name: '90 days' }));
    expect(await screen.findByRole('heading', { name: 'Last 90 days' })).toBeInTheDocument();
    await waitFor(() => expect(requests).toContain('drawings?from=2026-03-13&to=2026-06-10&interval=week'));
    expect(requests).toEqual(
      expect.arrayContaining([
        'registrations?interval=day',
        'activity?interval=day',
        'registrations?from=2026-03-13&to=2026-06-10&interval=week',
        'activity?from=2026-03-13&to=2026-06-10&interval=week',
      ]),
    );
  });

  it('is for admins only', async () => {
    signIn();
    renderRoute('/admin');
    expect(await screen.findByText('Admins only')).toBeInTheDocument();
  });
});
