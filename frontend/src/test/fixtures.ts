import type { components } from '@/lib/api/schema';

type S = components['schemas'];

export const pagination = (totalItems: number, page = 1, limit = 20): S['Pagination'] => ({
  page,
  limit,
  totalItems,
  totalPages: Math.ceil(totalItems / limit),
});

export function me(overrides: Partial<S['MeView']> = {}, profile: Partial<S['ProfileView']> = {}): S['MeView'] {
  return {
    userId: '00000000-0000-4000-8000-000000000001',
    email: 'member@example.com',
    role: 'user',
    status: 'active',
    emailVerified: true,
    pointBalance: 1234,
    lifetimePoints: 5000,
    premiumExpiresAt: null,
    createdAt: '2026-05-01T12:00:00Z',
    profile: {
      displayName: 'Sam Walker',
      biologicalSex: 'female',
      fitnessLevel: 'beginner',
      goals: ['endurance'],
      heightInches: null,
      weightPounds: null,
      timezone: 'America/New_York',
      openLeaderboard: false,
      ageBracket: '30-39',
      tierCode: 'F-30-39-BEG',
      complete: true,
      ...profile,
    },
    connections: [{ provider: 'fitbit', status: 'active', isPrimary: true, lastSyncAt: '2026-06-10T15:45:00Z' }],
    stats: { lifetimePoints: 5000, currentStreak: 4, drawingsEntered: 2, prizesWon: 1 },
    ...overrides,
  };
}

export const balance: S['PointsBalance'] = {
  balance: 1234,
  lifetimePoints: 5000,
  pointsToday: 420,
  dailyCap: 1000,
  earningFrom: '2026-05-01',
  asOf: '2026-06-10T16:00:00Z',
};

export function drawing(overrides: Partial<S['DrawingView']> = {}): S['DrawingView'] {
  return {
    drawingId: '00000000-0000-4000-8000-0000000000d1',
    type: 'daily',
    name: 'Daily Drawing',
    description: null,
    status: 'open',
    ticketCostPoints: 100,
    opensAt: '2026-06-10T04:00:00Z',
    salesCloseTime: '2026-06-11T00:55:00Z',
    drawingTime: '2026-06-11T01:00:00Z',
    eligibility: { userType: 'all', minAccountAgeDays: 7 },
    prizes: [
      {
        prizeId: '00000000-0000-4000-8000-0000000000p1',
        rank: 1,
        name: 'Smart watch',
        description: null,
        valueUsd: 250,
        quantity: 1,
        fulfillmentType: 'physical',
        imageUrl: null,
        sponsor: null,
      },
    ],
    totalTickets: 40,
    myTickets: 0,
    odds: { totalTickets: 40, myTickets: 0, myChance: null, statement: 'Odds depend on the number of entries.' },
    seedCommitment: null,
    snapshotRoot: null,
    seed: null,
    executedAt: null,
    cancelledAt: null,
    ...overrides,
  };
}

/** GET /billing/subscription for a member who never subscribed (the header's premium badge). */
export function subscription(overrides: Partial<S['SubscriptionView']> = {}): S['SubscriptionView'] {
  return {
    status: 'none',
    plan: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    premium: false,
    premiumExpiresAt: null,
    premiumSource: null,
    canManage: false,
    ...overrides,
  };
}

export const noSubscription = subscription();
