import { useState } from 'react';
import { Button } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { SOCIAL_PROVIDERS, socialAuthorizationUrl, type SocialProvider } from '../api/social';

/** Google and Apple sign-in: the browser leaves for the provider and returns to /auth/callback. */
export function SocialButtons() {
  const [pending, setPending] = useState<SocialProvider | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function start(provider: SocialProvider) {
    setPending(provider);
    setProblem(null);
    try {
      window.location.assign(await socialAuthorizationUrl(provider));
    } catch (error) {
      setProblem(errorMessage(error));
      setPending(null);
    }
  }

  return (
    <div className="stack section" aria-label="Sign in with another account" role="group">
      {SOCIAL_PROVIDERS.map((p) => (
        <Button key={p.id} type="button" variant="secondary" disabled={pending !== null} onClick={() => void start(p.id)}>
          {pending === p.id ? 'Redirecting…' : p.label}
        </Button>
      ))}
      {problem && <p role="alert" className="field-error">{problem}</p>}
    </div>
  );
}
