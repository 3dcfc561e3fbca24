import { useNavigate } from 'react-router-dom';
import { Button, Card, QueryView, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { useLogoutEverywhere, useRevokeSession, useSessions } from '../api/account';

/** "Chrome on macOS" from a user agent; the raw text (cut short) when neither is known. */
export function describeDevice(userAgent: string | null): string {
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

export function SessionsCard() {
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
