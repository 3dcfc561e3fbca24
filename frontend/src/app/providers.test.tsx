import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { renderWithProviders } from '@/test/render';

const KEY = ['cached'];

afterEach(() => {
  sessionStore.set(null);
  sessionStore.setPhase('ready');
});

describe('AppProviders', () => {
  it('keeps a signed-out page\'s queries when the session restore ends without a session', () => {
    sessionStore.setPhase('restoring');
    const { client } = renderWithProviders(<p>page</p>);
    client.setQueryData(KEY, 'verify-email result');
    act(() => sessionStore.setPhase('ready'));
    expect(client.getQueryData(KEY)).toBe('verify-email result');
  });

  it('drops every cached query when the member signs out', () => {
    const { client } = renderWithProviders(<p>page</p>);
    act(() =>
      sessionStore.set({
        accessToken: 'token',
        user: { userId: '00000000-0000-4000-8000-000000000001' } as never,
      }),
    );
    client.setQueryData(KEY, 'member data');
    act(() => sessionStore.set(null));
    expect(client.getQueryData(KEY)).toBeUndefined();
  });
});
