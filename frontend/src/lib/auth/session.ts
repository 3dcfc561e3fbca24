import type { components } from '@/lib/api/schema';
import { forgetRefreshCookie, rememberRefreshCookie } from './cookieHint';

export type AuthUser = components['schemas']['AuthUser'];

/** The access token lives in memory only; the refresh token never reaches JS: the API keeps
 * it in an httpOnly cookie (docs/auth.md), and a reload restores the session from it. */
export interface Session {
  accessToken: string;
  user: AuthUser;
}

/** `restoring` while the page's first refresh (by cookie) is under way. */
export type SessionPhase = 'restoring' | 'ready';

let current: Session | null = null;
let phase: SessionPhase = 'ready';
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get(): Session | null {
    return current;
  },
  phase(): SessionPhase {
    return phase;
  },
  set(next: Session | null) {
    current = next;
    if (next) rememberRefreshCookie();
    else forgetRefreshCookie();
    emit();
  },
  setPhase(next: SessionPhase) {
    if (phase === next) return;
    phase = next;
    emit();
  },
  update(patch: Partial<Session>) {
    if (!current) return;
    current = { ...current, ...patch };
    emit();
  },
  clear() {
    forgetRefreshCookie();
    if (current === null) return;
    current = null;
    emit();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
