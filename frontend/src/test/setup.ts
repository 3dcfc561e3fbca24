import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { server } from './server';

// The first render of a route imports its lazily loaded area, which on a loaded CI machine
// (or a cold transform cache) takes longer than Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStore.set(null);
});
afterAll(() => server.close());
