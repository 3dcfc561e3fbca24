import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { invalidFields, loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import { seriesHandlers } from '@/features/admin/testing/analytics';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

async function setDay(user: ReturnType<typeof userEvent.setup>, label: string, day: string) {
  const input = screen.getByLabelText(label);
  await user.clear(input);
  await user.type(input, day);
}

loadConsole(() => import('@/features/admin-analytics/routes'));

describe('analytics', () => {
  it('shows the API’s default range as charts and tables', async () => {
    signInAdmin();
    const requests: string[] = [];
    server.use(...seriesHandlers(requests));
    renderRoute('/admin/analytics');
    const registrations = await screen.findByRole('table', { name: 'New accounts per period' });
    await waitFor(() => expect(screen.getByLabelText('From')).toHaveValue('2026-05-12'));
    expect(screen.getByLabelText('To')).toHaveValue('2026-06-10');
    expect(within(registrations).getByRole('row', { name: 'May 13, 2026 11' })).toBeInTheDocument();
    expect(await screen.findByText('Tracker syncs started', { selector: 'figcaption' })).toBeInTheDocument();
    expect(requests).toEqual(['registrations?interval=day', 'activity?interval=day', 'drawings?interval=day']);
  });

  it('shows the chosen range and interval, kept in the URL', async () => {
    signInAdmin();
    const requests: string[] = [];
    server.use(...seriesHandlers(requests));
    const user = userEvent.setup();
    const { router } = renderRoute('/admin/analytics');
    await screen.findByRole('table', { name: 'New accounts per period' });
    await waitFor(() => expect(screen.getByLabelText('From')).toHaveValue('2026-05-12'));
    await setDay(user, 'From', '2026-01-05');
    await setDay(user, 'To', '2026-03-29');
    await user.selectOptions(screen.getByLabelText('Interval'), 'week');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const drawings = await screen.findByRole('table', { name: 'Drawings held and participation per period' });
    expect(await within(drawings).findByRole('row', { name: 'Jan 12, 2026 1 41 301 5 7.6' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?from=2026-01-05&to=2026-03-29&interval=week');
    for (const name of ['registrations', 'activity', 'drawings']) {
      expect(requests).toContain(`${name}?interval=day`);
      expect(requests).toContain(`${name}?interval=week&from=2026-01-05&to=2026-03-29`);
    }
  });

  it('refuses a range that ends before it starts, and shows the API’s refusal on its field', async () => {
    signInAdmin();
    const requests: string[] = [];
    server.use(
      http.get('/api/v1/admin/analytics/:series', ({ request }) => {
        const url = new URL(request.url);
        if (url.searchParams.get('from') === '2020-01-01') {
          return invalidFields({ field: 'to', message: 'At most 731 days after `from`.', code: 'range_too_long' });
        }
        return undefined;
      }),
      ...seriesHandlers(requests),
    );
    const user = userEvent.setup();
    renderRoute('/admin/analytics');
    await screen.findByRole('table', { name: 'New accounts per period' });
    await waitFor(() => expect(screen.getByLabelText('From')).toHaveValue('2026-05-12'));
    await setDay(user, 'To', '2026-05-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('The last day cannot be before the first.')).toBeInTheDocument();
    const before = requests.length;

    await setDay(user, 'From', '2020-01-01');
    await setDay(user, 'To', '2026-06-10');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('At most 731 days after `from`.', { selector: '.field-error' })).toBeInTheDocument();
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(requests.length).toBe(before);
  });

  it('downloads a series as CSV with the bearer token, named as the API names it', async () => {
    signInAdmin();
    const csvRequests: { search: string; auth: string | null }[] = [];
    server.use(
      http.get('/api/v1/admin/analytics/activity', ({ request }) => {
        const url = new URL(request.url);
        if (url.searchParams.get('format') !== 'csv') return undefined;
        csvRequests.push({ search: url.search, auth: request.headers.get('Authorization') });
        return new HttpResponse('periodStart,syncs,pointsEarned,pointsSpent\n2026-06-10,3,50,10\n', {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="fittrack-activity-2026-05-12-2026-06-10-day.csv"' },
        });
      }),
      ...seriesHandlers(),
    );
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:csv';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const downloads: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    const user = userEvent.setup();
    renderRoute('/admin/analytics');
    await user.click(await screen.findByRole('button', { name: 'Download activity CSV' }));
    expect(await screen.findByText('Downloading fittrack-activity-2026-05-12-2026-06-10-day.csv')).toBeInTheDocument();
    expect(csvRequests).toEqual([{ search: '?interval=day&format=csv', auth: 'Bearer admin-access' }]);
    expect(downloads).toEqual(['fittrack-activity-2026-05-12-2026-06-10-day.csv']);
    expect(await blobs[0]?.text()).toBe('periodStart,syncs,pointsEarned,pointsSpent\n2026-06-10,3,50,10\n');
    click.mockRestore();
  });
});
