import { useSyncExternalStore } from 'react';
import { sessionStore, type Session, type SessionPhase } from './session';

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

export function useSessionPhase(): SessionPhase {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.phase, sessionStore.phase);
}
