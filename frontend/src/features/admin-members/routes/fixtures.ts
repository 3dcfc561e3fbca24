import type { components } from '@/lib/api/schema';
import { pagination } from '@/test/fixtures';

type S = components['schemas'];

export const MEMBER_ID = '00000000-0000-4000-8000-0000000000a1';

export function memberRow(i: number, overrides: Partial<S['AdminUserRow']> = {}): S['AdminUserRow'] {
  return {
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    email: `member${i}@example.com`,
    displayName: `Member ${i}`,
    role: 'user',
    status: 'active',
    tierCode: 'F-30-39-BEG',
    pointBalance: 100 * i,
    premiumExpiresAt: null,
    lastLoginAt: '2026-06-10T15:00:00Z',
    createdAt: '2026-05-01T12:00:00Z',
    ...overrides,
  };
}

export function memberPage(rows: S['AdminUserRow'][], total = rows.length, page = 1): S['AdminUserPage'] {
  return { items: rows, pagination: { ...pagination(total), page } };
}

export function memberDetail(overrides: Partial<S['AdminUserDetail']> = {}): S['AdminUserDetail'] {
  return {
    userId: MEMBER_ID,
    email: 'sam@example.com',
    emailVerifiedAt: '2026-05-01T12:05:00Z',
    role: 'user',
    status: 'active',
    premiumExpiresAt: null,
    premiumSource: null,
    createdAt: '2026-05-01T12:00:00Z',
    displayName: 'Sam Walker',
    tierCode: 'F-30-39-BEG',
    fitnessLevel: 'beginner',
    profileCompletedAt: '2026-05-01T12:10:00Z',
    pointBalance: 1200,
    lifetimePoints: 3400,
    ledger: { earn: { entries: 12, points: 3400 }, spend: { entries: 2, points: -2200 } },
    connections: [
      {
        connectionId: '00000000-0000-4000-8000-0000000000c1',
        provider: 'fitbit',
        status: 'active',
        isPrimary: true,
        syncStatus: 'failing',
        lastSyncAt: '2026-06-10T15:00:00Z',
        nextSyncAt: '2026-06-10T16:00:00Z',
        failureCount: 2,
        lastError: 'provider timeout',
        linkedAt: '2026-05-02T12:00:00Z',
      },
    ],
    openFlags: 1,
    flags: [{ flagId: '00000000-0000-4000-8000-0000000000f1', reason: 'step_spike', status: 'open', createdAt: '2026-06-09T12:00:00Z', resolvedAt: null, resolutionNote: null }],
    sessions: [
      {
        sessionId: '00000000-0000-4000-8000-0000000000e1',
        deviceId: 'device-1',
        userAgent: 'Firefox on Linux',
        createdAt: '2026-06-10T12:00:00Z',
        lastSeenAt: '2026-06-10T15:30:00Z',
        expiresAt: '2026-07-10T12:00:00Z',
      },
    ],
    drawingsEntered: 1,
    entries: [{ drawingId: '00000000-0000-4000-8000-0000000000d1', tickets: 22, pointsSpent: 2200, lastEntryAt: '2026-06-09T18:00:00Z' }],
    prizesWon: 0,
    wins: [],
    appeals: [
      {
        appealId: '00000000-0000-4000-8000-0000000000a9',
        channel: 'member',
        message: 'I was travelling, the steps are real.',
        status: 'reinstated',
        decisionNote: 'Confirmed with the tracker data.',
        decidedAt: '2026-06-01T12:00:00Z',
        createdAt: '2026-05-30T12:00:00Z',
      },
    ],
    ...overrides,
  };
}

export const statusAction: S['AdminActionView'] = {
  actionId: '00000000-0000-4000-8000-0000000000b1',
  action: 'user.status',
  actorId: '00000000-0000-4000-8000-00000000ad01',
  reason: 'Chargeback fraud',
  before: { status: 'active' },
  after: { status: 'suspended' },
  createdAt: '2026-05-29T12:00:00Z',
};
