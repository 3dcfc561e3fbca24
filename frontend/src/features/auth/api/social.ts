import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';
import { deviceId } from './auth';

export const SOCIAL_PROVIDERS = [
  { id: 'google', label: 'Continue with Google' },
  { id: 'apple', label: 'Continue with Apple' },
] as const;
export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number]['id'];

// The contract's path parameter is typed with the tracker providers (a shared name in
// the spec); the social routes accept google and apple, so the type is widened here.
type ProviderParam = { provider: never };
function providerPath(provider: SocialProvider): ProviderParam {
  return { provider } as unknown as ProviderParam;
}

export function isSocialProvider(value: string | undefined): value is SocialProvider {
  return SOCIAL_PROVIDERS.some((p) => p.id === value);
}

/** Asks the API where to send the browser (the provider's authorize page, or the local simulator). */
export async function socialAuthorizationUrl(provider: SocialProvider): Promise<string> {
  const answer = await unwrap(
    api.POST('/api/v1/auth/social/{provider}/initiate', { params: { path: providerPath(provider) } }),
  );
  return answer.authorizationUrl;
}

/** Exchanges the provider's code and stores the session as a password login does. */
export async function finishSocialSignIn(provider: SocialProvider, code: string, state: string) {
  const tokens = await unwrap(
    api.POST('/api/v1/auth/social/{provider}/callback', {
      params: { path: providerPath(provider) },
      body: { code, state, deviceId: deviceId() },
    }),
  );
  sessionStore.set({ accessToken: tokens.accessToken, user: tokens.user });
  return tokens;
}

// A refused social sign-in may answer with a link token: kept for this tab only (never in
// a URL), and used once the member has signed in to the account with the password.
const PENDING_LINK_KEY = 'fittrack.pendingSocialLink';

export function keepPendingLink(token: string): void {
  try {
    sessionStorage.setItem(PENDING_LINK_KEY, token);
  } catch {
    // Storage disabled: the member signs in with the password, unlinked.
  }
}

function takePendingLink(): string | null {
  try {
    const token = sessionStorage.getItem(PENDING_LINK_KEY);
    sessionStorage.removeItem(PENDING_LINK_KEY);
    return token;
  } catch {
    return null;
  }
}

/** After a password sign-in: links the kept Google or Apple identity, if there is one. */
export async function linkPendingSocialIdentity(): Promise<SocialProvider | null> {
  const linkToken = takePendingLink();
  if (!linkToken) return null;
  const linked = await unwrap(api.POST('/api/v1/auth/social/link', { body: { linkToken } }));
  return linked.provider;
}
