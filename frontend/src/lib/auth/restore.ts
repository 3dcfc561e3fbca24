import { refreshSession } from '@/lib/api/client';
import { sessionStore } from './session';

/** On page load: the refresh cookie (if any) buys a new access token, so a reload keeps the
 * member signed in. Routes behind RequireAuth wait while this runs. */
export async function restoreSession(): Promise<boolean> {
  sessionStore.setPhase('restoring');
  try {
    return await refreshSession();
  } finally {
    sessionStore.setPhase('ready');
  }
}
