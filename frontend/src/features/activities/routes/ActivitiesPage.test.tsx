import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { balance, pagination } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

const period = { startDate: '2026-06-10', endDate: '2026-06-10', steps: 8200, activeMinutes: 60, workouts: 1, pointsEarned: 420, activeDays: 1 };

function activity(i: number) {
  return {
    activityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    activityType: 'steps',
    startTime: '2026-06-10T04:00:00Z',
    endTime: '2026-06-10T16:00:00Z',
    durationMinutes: 0,
    intensity: null,
    metrics: { steps: 1000 + i },
    source: 'fitbit',
    externalId: `x-${i}`,
    programDay: '2026-06-10',
    isDuplicate: false,
    supersededBy: null,
    receivedAt: '2026-06-10T16:00:00Z',
    updatedAt: '2026-06-10T16:00:00Z',
  };
}

describe('activity list', () => {
  it('pages through activities and filters by type', async () => {
    signIn();
    const queries: string[] = [];
    server.use(
      http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
      http.get('/api/v1/activities/summary', () =>
        HttpResponse.json({ today: period, week: period, month: period, dailyCap: 1000, pointsToday: 420, remainingToday: 580, streakDays: 4, asOf: '2026-06-10T16:00:00Z' }),
      ),
      http.get('/api/v1/activities', ({ request }) => {
        const url = new URL(request.url);
        queries.push(url.search);
        const page = Number(url.searchParams.get('page'));
        if (url.searchParams.get('type') === 'workout')
          return HttpResponse.json({ activities: [], pagination: pagination(0) });
        return HttpResponse.json({ activities: [activity(page)], pagination: { ...pagination(40), page } });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/activities');
    expect(await screen.findByText('1,001 steps')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('1,002 steps')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Type'), 'workout');
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
    expect(queries).toEqual(['?page=1&limit=20', '?page=2&limit=20', '?page=1&limit=20&type=workout']);
  });
});
