import { http, HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';

type S = components['schemas'];

export const overview: S['Overview'] = {
  membersByStatus: { active: 1200, suspended: 7, banned: 2 },
  membersByRole: { user: 1100, premium: 105, admin: 4 },
  dailyActive: 310,
  monthlyActive: 980,
  points: { earnedToday: 45000, spentToday: 12000, earned30Days: 1_250_000, spent30Days: 600_000 },
  ticketsSold30Days: 6000,
  freeEntries30Days: 140,
  openDrawings: 3,
  pendingFulfillments: 5,
  openReviewFlags: 11,
  openAppeals: 2,
};

function days(first: string, count: number, step = 1): string[] {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1, d + i * step)).toISOString().slice(0, 10));
}

/** Series answers with a value per bucket derived from its position, so each bucket is checkable. */
export function seriesHandlers(requests: string[] = []) {
  const answer = (name: string, bucket: (periodStart: string, i: number) => object) =>
    http.get(`/api/v1/admin/analytics/${name}`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(`${name}${url.search}`);
      const firstDay = url.searchParams.get('from') ?? '2026-05-12';
      const lastDay = url.searchParams.get('to') ?? '2026-06-10';
      const interval = (url.searchParams.get('interval') ?? 'day') as 'day' | 'week' | 'month';
      const starts = days(firstDay, 3, interval === 'day' ? 1 : 7);
      return HttpResponse.json({ firstDay, lastDay, interval, buckets: starts.map((p, i) => ({ periodStart: p, ...bucket(p, i) })) });
    });
  return [
    answer('registrations', (_, i) => ({ registrations: 10 + i })),
    answer('activity', (_, i) => ({ syncs: 200 + i, pointsEarned: 5000 + i, pointsSpent: 1000 + i })),
    answer('drawings', (_, i) => ({ drawings: 1, participants: 40 + i, ticketsSold: 300 + i, freeEntries: 4 + i, ticketsPerParticipant: 7.6 })),
  ];
}
