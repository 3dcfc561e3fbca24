import { refreshSession } from '@/lib/api/client';
import { mayHoldRefreshCookie } from './cookieHint';
import { sessionStore } from './session';

/** On page load: the refresh cookie (if any) buys a new access token, so a reload keeps the
 * member signed in. Routes behind RequireAuth wait while this runs. A browser that has not
 * signed in (or has signed out) sends nothing: that refresh could only be refused. */
export async function restoreSession(): Promise<boolean> {
  if (!mayHoldRefreshCookie()) return false;
  sessionStore.setPhase('restoring');
  try {
    return await refreshSession();
  } finally {
    sessionStore.setPhase('ready');
  }
}
