import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Card, Spinner } from '@/components';
import { ApiError, errorMessage } from '@/lib/api/errors';
import { finishSocialSignIn, isSocialProvider, keepPendingLink } from '../api/social';

const PROVIDER_ERRORS: Record<string, string> = {
  access_denied: 'You declined to share your account, so you are not signed in.',
};

/** The provider redirects here with code and state (or error); the API finishes the sign-in. */
export function SocialCallbackPage() {
  const { provider } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [linkable, setLinkable] = useState(false);
  const started = useRef(false); // a code is single-use: StrictMode's second effect must not resend it

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = params.get('code');
    const state = params.get('state');
    const error = params.get('error');
    if (!isSocialProvider(provider)) return setProblem('This sign-in provider is not supported.');
    if (error) return setProblem(PROVIDER_ERRORS[error] ?? `The provider refused the sign-in (${error}).`);
    if (!code || !state) return setProblem('The sign-in link is incomplete; start again from the sign-in page.');
    finishSocialSignIn(provider, code, state)
      .then((tokens) => navigate(tokens.needsRegistrationDetails ? '/auth/finish-registration' : '/dashboard', { replace: true }))
      .catch((failure: unknown) => {
        const token = failure instanceof ApiError ? failure.extras.linkToken : undefined;
        if (typeof token === 'string') {
          keepPendingLink(token);
          setLinkable(true);
        }
        setProblem(errorMessage(failure));
      });
  }, [navigate, params, provider]);

  return (
    <div className="narrow">
      <Card>
        <h1>Signing you in</h1>
        {problem ? (
          <div className="alert alert-error" role="alert">
            <p>{problem}</p>
            {linkable ? (
              <Link to="/login">Sign in with your password to link this account</Link>
            ) : (
              <Link to="/login">Back to sign in</Link>
            )}
          </div>
        ) : (
          <Spinner label="Finishing sign-in" />
        )}
      </Card>
    </div>
  );
}
