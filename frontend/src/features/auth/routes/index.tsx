import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, ErrorState, Spinner, useToast } from '@/components';
import { api } from '@/lib/api/client';
import { errorMessage, unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';
import { useSession } from '@/lib/auth/useSession';
import { resendVerification, verifyEmail } from '../api/auth';
import { LoginForm } from '../components/LoginForm';
import { RegisterForm } from '../components/RegisterForm';
import { SocialButtons } from '../components/SocialButtons';
import { linkPendingSocialIdentity, SOCIAL_PROVIDERS } from '../api/social';

/** Only same-app paths are accepted as a post-login destination. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const next = safeNext(params.get('next'));
  const toast = useToast();

  async function linkKeptIdentity() {
    try {
      const provider = await linkPendingSocialIdentity();
      const label = SOCIAL_PROVIDERS.find((p) => p.id === provider)?.label.replace('Continue with ', '');
      if (label) toast({ title: `${label} is linked`, description: `Next time, sign in with ${label}.`, tone: 'success', forNextPage: true });
    } catch (error) {
      toast({ title: 'Could not link the account', description: errorMessage(error), tone: 'error', forNextPage: true });
    }
  }

  async function onSignedIn() {
    await linkKeptIdentity();
    const me = await queryClient.fetchQuery({
      queryKey: queryKeys.me,
      queryFn: () => unwrap(api.GET('/api/v1/users/me')),
    });
    if (next) navigate(next, { replace: true });
    else navigate(me.profile.complete ? '/dashboard' : '/profile/complete', { replace: true });
  }

  return (
    <div className="narrow">
      <Card>
        <h1>Sign in</h1>
        <LoginForm onSignedIn={onSignedIn} />
        <SocialButtons />
        <p className="muted small section">
          New to FitTrack? <Link to="/register">Create an account</Link>
        </p>
      </Card>
    </div>
  );
}

export function RegisterPage() {
  const navigate = useNavigate();
  return (
    <div className="narrow">
      <Card>
        <h1>Create your account</h1>
        <p className="muted">Earn points for every step and spend them on prize drawings.</p>
        <RegisterForm onRegistered={(email) => navigate('/register/check-email', { state: { email } })} />
        <SocialButtons />
        <p className="muted small section">
          Already a member? <Link to="/login">Sign in</Link>
        </p>
      </Card>
    </div>
  );
}

export function CheckEmailPage() {
  const location = useLocation();
  const email = (location.state as { email?: string } | null)?.email;
  const toast = useToast();
  const [sending, setSending] = useState(false);

  async function resend() {
    if (!email) return;
    setSending(true);
    try {
      await resendVerification(email);
      toast({ title: 'Email sent', description: `We sent a new link to ${email}.`, tone: 'success' });
    } catch (error) {
      toast({ title: 'Could not resend', description: errorMessage(error), tone: 'error' });
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="narrow">
      <Card>
        <h1>Check your email</h1>
        <p>
          We sent a confirmation link to {email ? <strong>{email}</strong> : 'your email address'}. Open it within 24
          hours to confirm your address.
        </p>
        <p className="muted">You can sign in and set up your profile meanwhile; buying tickets needs a confirmed email.</p>
        <div className="row">
          <Link to="/login" className="btn btn-primary">
            Sign in
          </Link>
          {email ? (
            <Button variant="secondary" busy={sending} onClick={() => void resend()}>
              Resend the email
            </Button>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const queryClient = useQueryClient();
  // A query (not an effect) so React's double mount in development sends the single-use token once.
  const verification = useQuery({
    queryKey: ['verify-email', token],
    queryFn: async () => {
      const result = await verifyEmail(token);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      return result;
    },
    enabled: token !== '',
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

  let body;
  if (!token) body = <ErrorState error={new Error('This link has no verification token. Open the link from the email again.')} />;
  else if (verification.isPending) body = <Spinner label="Confirming your email" />;
  else if (verification.isError) body = <ErrorState error={verification.error} />;
  else
    body = (
      <>
        <p className="alert alert-success">Your email address is confirmed.</p>
        {session ? (
          <Link to="/dashboard" className="btn btn-primary">
            Go to your dashboard
          </Link>
        ) : (
          <Link to="/login" className="btn btn-primary">
            Sign in
          </Link>
        )}
      </>
    );

  return (
    <div className="narrow">
      <Card>
        <h1>Confirm your email</h1>
        {body}
      </Card>
    </div>
  );
}
export { SocialCallbackPage } from './SocialCallbackPage';
export { FinishRegistrationPage } from './FinishRegistrationPage';
