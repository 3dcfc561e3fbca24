import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AppProviders } from '@/app/providers';
import { createTestRouter, routerProviderFuture } from '@/app/router';
import { sessionStore } from '@/lib/auth/session';

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

/** Renders the real route table at `url`, with the app's providers. */
export function renderRoute(url: string) {
  const router = createTestRouter(url);
  const client = testQueryClient();
  // StrictMode as in main.tsx: effects run twice in development, so single-use calls must not.
  const utils = render(
    <StrictMode>
      <AppProviders client={client}>
        <RouterProvider router={router} future={routerProviderFuture} />
      </AppProviders>
    </StrictMode>,
  );
  return { ...utils, router, client };
}

export function renderWithProviders(ui: ReactElement) {
  const client = testQueryClient();
  return { ...render(<AppProviders client={client}>{ui}</AppProviders>), client };
}

export const testUser = {
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'member@example.com',
  role: 'user',
  status: 'active',
  pointBalance: 1234,
};

export function signIn() {
  sessionStore.set({ accessToken: 'access', user: testUser });
}
