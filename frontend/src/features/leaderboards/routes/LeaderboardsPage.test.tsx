import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { balance, me, pagination } from '@/test/fixtures';
import { renderRoute, signIn, testUser } from '@/test/render';
import { server } from '@/test/server';

const ranking = (period: string) => [
  { rank: 1, userId: 'someone-else', displayName: `Top of ${period}`, pointsEarned: 900 },
  { rank: 2, userId: testUser.userId, displayName: 'Sam Walker', pointsEarned: 800 },
];

describe('leaderboards', () => {
  it('switches period with the tabs and highlights my row and position', async () => {
    signIn();
    const periods: string[] = [];
    server.use(
      http.get('/api/v1/users/me', () => HttpResponse.json(me())),
      http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
      http.get('/api/v1/leaderboards/:period', ({ params }) => {
        const period = String(params.period);
        periods.push(period);
        return HttpResponse.json({
          period,
          tierCode: 'F-30-39-BEG',
          tierName: 'Women 30-39, Beginner',
          totalUsersInTier: 1247,
          resetTime: null,
          userRank: 2,
          rankings: ranking(period),
          pagination: pagination(2),
        });
      }),
      http.get('/api/v1/leaderboards/:period/me', ({ params }) =>
        HttpResponse.json({
          period: String(params.period),
          tierCode: 'F-30-39-BEG',
          tierName: 'Women 30-39, Beginner',
          totalUsersInTier: 1247,
          resetTime: null,
          userRank: 45,
          pointsEarned: 800,
          rankings: [],
        }),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/leaderboards');
    expect(await screen.findByText('Top of weekly')).toBeInTheDocument();
    const mine = screen.getByText('Sam Walker (you)').closest('tr') as HTMLElement;
    expect(mine).toHaveAttribute('aria-current', 'true');
    const position = screen.getByRole('heading', { name: 'My position' }).closest('section') as HTMLElement;
    expect(await within(position).findByText('#45')).toBeInTheDocument();
    expect(position).toHaveTextContent('of 1,247 in Women 30-39, Beginner');

    await user.click(screen.getByRole('tab', { name: 'All time' }));
    expect(await screen.findByText('Top of alltime')).toBeInTheDocument();
    expect(periods).toEqual(['weekly', 'alltime']);
  });
});
