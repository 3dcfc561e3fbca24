import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { server } from './server';

// The first render of a route imports its lazily loaded area, which on a loaded CI machine
// (or a cold transform cache) takes longer than Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });

// A request no handler answers is a test that does not know what its page asks for: it gets a
// network error (as with 'error') and fails the test, instead of a warning in the output.
const unmatched: string[] = [];
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request, print) => {
      unmatched.push(`${request.method} ${new URL(request.url).pathname}`);
      print.error();
    },
  }),
);
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStore.set(null);
  if (typeof localStorage !== 'undefined') localStorage.clear();
  const missed = unmatched.splice(0);
  if (missed.length) throw new Error(`requests no MSW handler answered: ${[...new Set(missed)].join(', ')}`);
});
afterAll(() => server.close());
