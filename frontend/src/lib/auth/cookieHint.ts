/**
 * Whether this browser may hold a refresh cookie. The cookie is httpOnly, so the page cannot
 * see it; without this hint every visit by a signed-out browser would send a refresh that can
 * only fail (a 401 the browser logs as a console error). The hint is a flag, not a secret:
 * it is set when a session starts and dropped when it ends (sign-out, refused refresh).
 */
const HINT_KEY = 'fittrack.refreshCookie';

export function rememberRefreshCookie(): void {
  try {
    localStorage.setItem(HINT_KEY, '1');
  } catch {
    // Storage disabled: the next reload signs in again.
  }
}

export function forgetRefreshCookie(): void {
  try {
    localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: nothing was remembered.
  }
}

export function mayHoldRefreshCookie(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}
