import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { balance, drawing, me, pagination } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

const daily = {
  programDay: '2026-06-10',
  dailyCap: 1000,
  dayValue: 420,
  pointsPaid: 420,
  remaining: 580,
  activeDay: true,
  activeMinutesForActiveDay: 30,
  steps: { steps: 8200, countedSteps: 8200, stepsCap: 20000, points: 80, cap: 200, remaining: 120 },
  activeMinutes: { lightMinutes: 20, moderateMinutes: 30, vigorousMinutes: 10, activeMinutes: 60, lightPoints: 20, moderatePoints: 60, vigorousPoints: 30, points: 110, cap: null },
  workouts: { workouts: 1, qualifyingWorkouts: 1, bonuses: 1, maxBonuses: 3, minMinutes: 20, points: 50, cap: 150, remaining: 100 },
  stepGoal: { goal: 10000, reached: false, points: 0, cap: 100 },
  streak: { streakDays: 4, earnedToday: false, points: 0, cap: 250 },
};

const streak = {
  currentStreak: 4,
  activeToday: true,
  activeMinutesToday: 60,
  activeMinutesNeeded: 30,
  streakLength: 7,
  bonusPoints: 250,
  daysToNextBonus: 3,
  longestStreak: 9,
  lastBonusDay: null,
  asOf: '2026-06-10T16:00:00Z',
};

function memberApi(
  drawings = [drawing({ drawingTime: '2026-06-12T01:00:00Z', name: 'Later' }), drawing({ drawingId: 'soon', name: 'Sooner' })],
  streakNow = streak,
) {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me())),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/points/daily', () => HttpResponse.json(daily)),
    http.get('/api/v1/points/streak', () => HttpResponse.json(streakNow)),
    http.get('/api/v1/drawings', () => HttpResponse.json({ drawings, pagination: pagination(drawings.length) })),
  );
}

describe('dashboard', () => {
  it('shows the balance in the header, today against the cap, steps, streak and the next drawing', async () => {
    signIn();
    memberApi();
    renderRoute('/dashboard');
    expect(await screen.findByRole('heading', { name: 'Hi, Sam Walker' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Point balance 1,234 pts' })).toBeInTheDocument();
    expect(await screen.findByRole('progressbar', { name: 'Points today against the daily cap' })).toHaveAttribute('aria-valuenow', '420');
    expect(screen.getByText('of 1,000 points today')).toBeInTheDocument();
    expect(screen.getByText('8,200')).toBeInTheDocument();
    expect(await screen.findByText('active days in a row')).toBeInTheDocument();
    const next = screen.getByRole('heading', { name: 'Next drawing' }).closest('section') as HTMLElement;
    expect(await within(next).findByText('Sooner')).toBeInTheDocument();
  });

  it('counts the days and minutes left in words that agree with the number', async () => {
    signIn();
    memberApi(undefined, { ...streak, activeToday: false, activeMinutesToday: 29, daysToNextBonus: 1 });
    renderRoute('/dashboard');
    expect(await screen.findByText(/1 more active minute makes today count\. 1 more day to the 250 pts streak bonus\./)).toBeInTheDocument();
  });

  it('says when no drawing is open', async () => {
    signIn();
    memberApi([]);
    renderRoute('/dashboard');
    expect(await screen.findByText('No drawing is open right now')).toBeInTheDocument();
  });

  it('shows an error with a retry when a card fails to load', async () => {
    signIn();
    memberApi();
    server.use(
      http.get('/api/v1/points/daily', () =>
        HttpResponse.json({ type: 'x', title: 'Internal error', status: 500, detail: 'The service had a problem.' }, { status: 500 }),
      ),
    );
    renderRoute('/dashboard');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The service had a problem.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('asks a signed-out visitor to sign in', async () => {
    const { router } = renderRoute('/dashboard');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fdashboard');
  });
});
