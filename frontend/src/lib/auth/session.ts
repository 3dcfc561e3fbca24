import type { components } from '@/lib/api/schema';

export type AuthUser = components['schemas']['AuthUser'];

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: AuthUser;
}

// Tokens live in memory only: a reload signs the member out. The next step is a
// refresh token in an httpOnly SameSite=Strict cookie (see docs/frontend.md).
let current: Session | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get(): Session | null {
    return current;
  },
  set(next: Session | null) {
    current = next;
    emit();
  },
  update(patch: Partial<Session>) {
    if (!current) return;
    current = { ...current, ...patch };
    emit();
  },
  clear() {
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
