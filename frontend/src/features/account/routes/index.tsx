import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Dialog, EmptyState, FormAlert, PageHeader, QueryView, TextField, useToast } from '@/components';
import { applyFieldErrors, errorMessage } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/useSession';
import { formatDateTime } from '@/lib/format';
import {
  changeSchema,
  downloadMyData,
  forgotSchema,
  resetSchema,
  useChangePassword,
  useDeleteAccount,
  useForgotPassword,
  useLogoutEverywhere,
  useResetPassword,
  useRevokeSession,
  useSessions,
  type ChangeValues,
  type ForgotValues,
  type ResetValues,
} from '../api/account';

const PASSWORD_HINT = 'At least 12 characters with upper and lower case, a digit and a symbol.';

export function ForgotPasswordPage() {
  const forgot = useForgotPassword();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ForgotValues>({ resolver: zodResolver(forgotSchema), defaultValues: { email: '' } });

  return (
    <div className="narrow">
      <PageHeader title="Reset your password" />
      {sentTo ? (
        <Card>
          <p role="status">
            If an account uses <strong>{sentTo}</strong>, we have sent it a link to choose a new password. The link works
            once, within one hour.
          </p>
          <Link to="/login">Back to sign in</Link>
        </Card>
      ) : (
        <Card>
          <form
            className="form"
            noValidate
            onSubmit={handleSubmit(async ({ email }) => {
              setBanner([]);
              try {
                await forgot.mutateAsync(email.trim());
                setSentTo(email.trim());
              } catch (error) {
                setBanner(applyFieldErrors(error, setError, ['email']));
              }
            })}
          >
            <p className="muted">Enter the email you registered with and we will send you a reset link.</p>
            <FormAlert messages={banner} />
            <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
            <Button type="submit" className="btn-block" busy={forgot.isPending}>
              Send reset link
            </Button>
            <Link to="/login">Back to sign in</Link>
          </form>
        </Card>
      )}
    </div>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const [done, setDone] = useState(false);
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ResetValues>({ resolver: zodResolver(resetSchema), defaultValues: { password: '', confirm: '' } });

  if (!token)
    return (
      <div className="narrow">
        <PageHeader title="Choose a new password" />
        <EmptyState title="This link is incomplete">
          Open the link from the email again, or <Link to="/forgot-password">ask for a new one</Link>.
        </EmptyState>
      </div>
    );

  return (
    <div className="narrow">
      <PageHeader title="Choose a new password" />
      <Card>
        {done ? (
          <>
            <p className="alert alert-success" role="status">
              Your password is changed and every session has ended.
            </p>
            <Link to="/login" className="btn btn-primary">
              Sign in
            </Link>
          </>
        ) : (
          <form
            className="form"
            noValidate
            onSubmit={handleSubmit(async ({ password }) => {
              setBanner([]);
              try {
                await reset.mutateAsync({ token, password });
                sessionStore.clear();
                setDone(true);
              } catch (error) {
                setBanner(applyFieldErrors(error, setError, ['password']));
              }
            })}
          >
            <FormAlert messages={banner} />
            {banner.length > 0 ? (
              <p className="small">
                <Link to="/forgot-password">Ask for a new link</Link>
              </p>
            ) : null}
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={PASSWORD_HINT}
              error={errors.password?.message}
              {...register('password')}
            />
            <TextField
              label="Repeat the new password"
              type="password"
              autoComplete="new-password"
              error={errors.confirm?.message}
              {...register('confirm')}
            />
            <Button type="submit" className="btn-block" busy={reset.isPending}>
              Set new password
            </Button>
          </form>
        )}
      </Card>
    </div>
  );
}

function ChangePasswordCard() {
  const change = useChangePassword();
  const toast = useToast();
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ChangeValues>({
    resolver: zodResolver(changeSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  return (
    <Card title="Change password">
      <form
        className="form"
        noValidate
        onSubmit={handleSubmit(async ({ currentPassword, newPassword }) => {
          setBanner([]);
          try {
            await change.mutateAsync({ currentPassword, newPassword });
            reset();
            toast({ title: 'Password changed. Your other sessions have ended.', tone: 'success' });
          } catch (error) {
            setBanner(applyFieldErrors(error, setError, ['currentPassword', 'newPassword']));
          }
        })}
      >
        <FormAlert messages={banner} />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <TextField
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...register('confirm')}
        />
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}

function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrome\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser && os ? `${browser} on ${os}` : browser ?? os ?? userAgent.slice(0, 60);
}

function SessionsCard() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useLogoutEverywhere();
  const toast = useToast();
  const navigate = useNavigate();
  return (
    <Card
      title="Where you are signed in"
      actions={
        <Button
          variant="danger"
          busy={everywhere.isPending}
          onClick={() =>
            everywhere.mutate(undefined, {
              onSuccess: () => {
                sessionStore.clear();
                navigate('/login');
              },
              onError: (e) => toast({ title: errorMessage(e), tone: 'error' }),
            })
          }
        >
          Log out everywhere
        </Button>
      }
    >
      <QueryView query={sessions} loadingLabel="Loading sessions" isEmpty={(d) => d.sessions.length === 0}>
        {(d) => (
          <ul className="list">
            {d.sessions.map((s) => (
              <li key={s.sessionId}>
                <div className="row">
                  <strong>{describeDevice(s.userAgent)}</strong>
                  {s.current ? <span className="badge badge-active">This device</span> : null}
                </div>
                <p className="muted small">
                  {s.ipAddress ? `${s.ipAddress} · ` : ''}signed in {formatDateTime(s.createdAt)} · last seen{' '}
                  {formatDateTime(s.lastSeenAt)}
                </p>
                {!s.current ? (
                  <Button
                    variant="secondary"
                    busy={revoke.isPending && revoke.variables === s.sessionId}
                    aria-label={`Sign out ${describeDevice(s.userAgent)} (last seen ${formatDateTime(s.lastSeenAt)})`}
                    onClick={() =>
                      revoke.mutate(s.sessionId, {
                        onSuccess: () => toast({ title: 'Session ended', tone: 'success' }),
                        onError: (e) => toast({ title: errorMessage(e), tone: 'error' }),
                      })
                    }
                  >
                    Sign out
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}

export function AccountPage() {
  return (
    <>
      <PageHeader title="Account" subtitle={<><Link to="/privacy">Privacy: download or delete my data</Link> · <Link to="/settings/notifications">Notification preferences</Link></>} />
      <div className="grid grid-2">
        <ChangePasswordCard />
        <SessionsCard />
      </div>
    </>
  );
}

const CONFIRM_WORD = 'DELETE';

function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete my account
      </Button>
      <Dialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) setTyped('');
        }}
        title="Delete your account?"
        description="Your profile is anonymised at once and your data purged within 30 days. Your points, tickets and any unclaimed prizes are lost. This cannot be undone."
      >
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed !== CONFIRM_WORD) return;
            remove.mutate(undefined, {
              onSuccess: () => {
                sessionStore.clear();
                toast({ title: 'Your account is deleted', tone: 'success' });
                navigate('/');
              },
              onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
            });
          }}
        >
          <TextField
            label={`Type ${CONFIRM_WORD} to confirm`}
            value={typed}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
          />
          <Button type="submit" variant="danger" disabled={typed !== CONFIRM_WORD} busy={remove.isPending}>
            Delete my account for good
          </Button>
        </form>
      </Dialog>
    </>
  );
}

export function PrivacyPage() {
  const session = useSession();
  const toast = useToast();
  const [downloading, setDownloading] = useState(false);
  return (
    <>
      <PageHeader title="Privacy" subtitle="What FitTrack keeps, and your rights over it (CCPA)." />
      <div className="stack">
        <Card title="Storage in your browser">
          <p>
            FitTrack uses only essential storage. Your sign-in is kept in memory and ends when you close or reload the
            tab; the only thing saved on your device is that you dismissed the storage notice. No advertising, analytics
            or tracking cookies.
          </p>
        </Card>
        <Card title="What we keep">
          <ul className="list small">
            <li>Your account, profile and the activity your trackers send (activity for 2 years).</li>
            <li>Shipping addresses and tax details for prizes: 90 days after delivery or forfeit.</li>
            <li>IP addresses of your sessions: 90 days.</li>
          </ul>
        </Card>
        {session ? (
          <>
            <Card title="Download my data">
              <p>Everything we hold about you, as one JSON file.</p>
              <Button
                variant="secondary"
                busy={downloading}
                onClick={async () => {
                  setDownloading(true);
                  try {
                    await downloadMyData();
                    toast({ title: 'Your data is downloading', tone: 'success' });
                  } catch (error) {
                    toast({ title: errorMessage(error), tone: 'error' });
                  } finally {
                    setDownloading(false);
                  }
                }}
              >
                Download my data (JSON)
              </Button>
            </Card>
            <Card title="Delete my account">
              <p>We anonymise your account at once and purge it within 30 days.</p>
              <DeleteAccount />
            </Card>
          </>
        ) : (
          <Card>
            <p>
              <Link to="/login?next=%2Fprivacy">Sign in</Link> to download or delete your data.
            </p>
          </Card>
        )}
      </div>
    </>
  );
}
