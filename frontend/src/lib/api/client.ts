import createClient, { type Middleware } from 'openapi-fetch';
import { sessionStore } from '@/lib/auth/session';
import type { paths } from './schema';

// Every path in openapi.yaml already carries the /api/v1 prefix, so the client's base
// is the page's own origin (the API is served from the same origin as the app).
const origin = typeof window !== 'undefined' ? window.location.origin : 'http://localhost';

export const api = createClient<paths>({
  baseUrl: origin,
  // Looked up on every call so test interceptors (MSW) installed later are honoured.
  fetch: (request: Request) => globalThis.fetch(request),
});

/** Paths that must never trigger a token refresh (they are how one signs in). */
const AUTH_PATHS = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/register',
  '/api/v1/auth/verify-email',
  '/api/v1/auth/resend-verification',
  '/api/v1/auth/forgot-password',
  '/api/v1/auth/reset-password',
  '/api/v1/auth/logout',
]);

/** Where the API reads or writes the httpOnly refresh cookie (docs/auth.md). */
const COOKIE_PATHS = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/social/{provider}/callback',
]);
/** The calls the cookie authenticates: the API refuses them (403) without the CSRF header. */
const CSRF_PATHS = new Set(['/api/v1/auth/refresh', '/api/v1/auth/logout']);
export const TOKEN_TRANSPORT_HEADER = 'X-FitTrack-Token-Transport';
export const CSRF_HEADER = 'X-CSRF-Token';

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh cookie for a new access token; concurrent 401s share one refresh. */
export function refreshSession(): Promise<boolean> {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      const { data, response } = await api.POST('/api/v1/auth/refresh', { body: {} });
      if (!response.ok || !data) {
        sessionStore.clear();
        return false;
      }
      sessionStore.set({ accessToken: data.accessToken, user: data.user });
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

const pending = new Map<string, Request>();

export const authMiddleware: Middleware = {
  onRequest({ request, schemaPath, id }) {
    if (COOKIE_PATHS.has(schemaPath)) request.headers.set(TOKEN_TRANSPORT_HEADER, 'cookie');
    if (CSRF_PATHS.has(schemaPath)) request.headers.set(CSRF_HEADER, '1');
    const token = sessionStore.get()?.accessToken;
    if (token && schemaPath !== '/api/v1/auth/refresh') {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    if (token && !AUTH_PATHS.has(schemaPath)) pending.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !original) return undefined;
    // A step-up challenge (RFC 9470) is not an expired token: a refresh would not carry `otp`.
    if (response.headers.get('WWW-Authenticate')?.includes('insufficient_user_authentication')) return undefined;
    const refreshed = await refreshSession();
    if (!refreshed) return undefined;
    const retry = original.clone();
    retry.headers.set('Authorization', `Bearer ${sessionStore.get()?.accessToken ?? ''}`);
    return globalThis.fetch(retry);
  },
  onError({ id }) {
    pending.delete(id);
  },
};

api.use(authMiddleware);
