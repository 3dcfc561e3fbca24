import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Dialog, EmptyState, ErrorState, PageHeader, QueryView, Spinner, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth/useSession';
import { formatDateTime, humanize } from '@/lib/format';
import { RetiredNotice } from '../components/RetiredNotice';
import {
  CALLBACK_MESSAGE,
  startLinking,
  useConnections,
  useFinishLinking,
  useMakePrimary,
  useSync,
  useUnlink,
  type CallbackMessage,
} from '../api/connections';

// `available` lists only the providers not linked yet, so linked ones need their names from here.
const PROVIDER_NAMES: Record<string, string> = { fitbit: 'Fitbit (Google Health)', google_fit: 'Google Fit' };

function isCallbackMessage(data: unknown): data is CallbackMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === CALLBACK_MESSAGE;
}

export function ConnectionsPage() {
  const connections = useConnections();
  const finish = useFinishLinking();
  const unlink = useUnlink();
  const sync = useSync();
  const primary = useMakePrimary();
  const toast = useToast();
  const [linking, setLinking] = useState<string | null>(null);
  const [confirmUnlink, setConfirmUnlink] = useState<string | null>(null);

  // The consent page runs in a popup so this tab keeps its in-memory session; the popup's
  // callback route posts code and state back here.
  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin || !isCallbackMessage(event.data)) return;
      const { provider, code, state, error } = event.data;
      setLinking(null);
      if (error || !code || !state) {
        toast({ title: 'Linking cancelled', description: error ?? 'The tracker did not grant access.', tone: 'error' });
        return;
      }
      finish.mutate(
        { provider, code, state },
        {
          onSuccess: () => toast({ title: 'Tracker connected', description: 'Your first sync pulls the last 7 days.', tone: 'success' }),
          onError: (e) => toast({ title: 'Could not connect', description: errorMessage(e), tone: 'error' }),
        },
      );
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [finish, toast]);

  async function connect(provider: string) {
    setLinking(provider);
    try {
      const { authorizationUrl } = await startLinking(provider);
      const popup = window.open(authorizationUrl, 'fittrack-link', 'popup,width=520,height=640');
      if (!popup) window.location.assign(authorizationUrl); // popup blocked: the callback route asks to sign in again
    } catch (error) {
      setLinking(null);
      toast({ title: 'Could not start linking', description: errorMessage(error), tone: 'error' });
    }
  }

  function forceSync(provider: string) {
    sync.mutate(provider, {
      onSuccess: (r) =>
        toast({
          title: r.queued ? 'Sync queued' : 'Sync not queued',
          description: r.nextAllowedAt ? `Next manual sync from ${formatDateTime(r.nextAllowedAt)}.` : undefined,
          tone: r.queued ? 'success' : 'info',
        }),
      onError: (e) => toast({ title: 'Could not sync', description: errorMessage(e), tone: 'error' }),
    });
  }

  return (
    <>
      <PageHeader title="Trackers" subtitle="Connect a tracker to earn points. We sync every 15 minutes." />
      <QueryView query={connections} loadingLabel="Loading trackers">
        {(data) => {
          const linked = new Set(data.connections.map((c) => c.provider));
          const names = new Map([...Object.entries(PROVIDER_NAMES), ...data.available.map((p) => [p.provider, p.displayName] as const)]);
          const unlinked = data.available.filter((p) => !linked.has(p.provider));
          return (
            <div className="stack">
              <Card title="Connected">
                {data.connections.length === 0 ? (
                  <EmptyState title="No tracker connected yet">Connect one below to start earning points.</EmptyState>
                ) : (
                  <ul className="list">
                    {data.connections.map((c) => (
                      <li key={c.provider}>
                        <div className="row">
                          <strong>{names.get(c.provider) ?? humanize(c.provider)}</strong>
                          <span className={`badge badge-${c.status}`}>{c.status}</span>
                          {c.isPrimary ? <span className="badge">primary</span> : null}
                        </div>
                        <p className="muted small">
                          {c.lastSyncAt ? `Last synced ${formatDateTime(c.lastSyncAt)}` : 'Not synced yet'}
                        </p>
                        {c.status === 'retired' ? (
                          <RetiredNotice
                            fitbitLinked={linked.has('fitbit')}
                            busy={linking === 'fitbit'}
                            onLinkFitbit={() => void connect('fitbit')}
                          />
                        ) : null}
                        <div className="row">
                          {c.status === 'retired' ? null : (
                            <Button
                              variant="secondary"
                              busy={sync.isPending && sync.variables === c.provider}
                              onClick={() => forceSync(c.provider)}
                            >
                              Sync now
                            </Button>
                          )}
                          {!c.isPrimary ? (
                            <Button
                              variant="secondary"
                              busy={primary.isPending && primary.variables === c.provider}
                              onClick={() =>
                                primary.mutate(c.provider, {
                                  onError: (e) => toast({ title: 'Could not change', description: errorMessage(e), tone: 'error' }),
                                })
                              }
                            >
                              Make primary
                            </Button>
                          ) : null}
                          <Button variant="ghost" onClick={() => setConfirmUnlink(c.provider)}>
                            Unlink
                          </Button>
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
              {unlinked.length > 0 ? (
                <Card title="Available">
                  <ul className="list">
                    {unlinked.map((p) => (
                      <li key={p.provider} className="row">
                        <strong>{p.displayName}</strong>
                        <Button busy={linking === p.provider || (finish.isPending && finish.variables?.provider === p.provider)} onClick={() => void connect(p.provider)}>
                          Connect
                        </Button>
                      </li>
                    ))}
                  </ul>
                  {linking ? <p className="muted small">Finish in the window that opened, then come back here.</p> : null}
                </Card>
              ) : null}
            </div>
          );
        }}
      </QueryView>
      <Dialog
        open={confirmUnlink !== null}
        onOpenChange={(o) => !o && setConfirmUnlink(null)}
        title="Unlink this tracker?"
        description="We stop syncing it. Activity and points already recorded are kept."
      >
        <div className="row">
          <Button
            variant="danger"
            busy={unlink.isPending}
            onClick={() => {
              if (!confirmUnlink) return;
              unlink.mutate(confirmUnlink, {
                onSuccess: () => {
                  setConfirmUnlink(null);
                  toast({ title: 'Tracker unlinked', tone: 'success' });
                },
                onError: (e) => toast({ title: 'Could not unlink', description: errorMessage(e), tone: 'error' }),
              });
            }}
          >
            Unlink
          </Button>
          <Button variant="secondary" onClick={() => setConfirmUnlink(null)}>
            Keep it
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** Where the tracker's consent page sends the browser: /connections/callback/:provider?code&state. */
export function ConnectionCallbackPage() {
  const { provider = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const finish = useFinishLinking();
  const sent = useRef(false);
  const code = params.get('code');
  const state = params.get('state');
  const error = params.get('error');
  const opener = typeof window !== 'undefined' ? window.opener : null;

  useEffect(() => {
    if (sent.current) return;
    if (opener && opener !== window) {
      sent.current = true;
      const message: CallbackMessage = { type: CALLBACK_MESSAGE, provider, code, state, error };
      (opener as Window).postMessage(message, window.location.origin);
      window.close();
      return;
    }
    if (session && code && state && !error) {
      sent.current = true;
      finish.mutate({ provider, code, state }, { onSuccess: () => navigate('/connections', { replace: true }) });
    }
  }, [opener, session, provider, code, state, error, finish, navigate]);

  if (opener) return <Spinner label="Finishing in your FitTrack window" />;
  if (error || !code || !state)
    return (
      <div className="narrow">
        <ErrorState error={new Error(error ? `The tracker said: ${error}` : 'The link is missing its code or state.')} />
        <Link to="/connections">Back to trackers</Link>
      </div>
    );
  if (!session)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (finish.isError)
    return (
      <div className="narrow">
        <ErrorState error={finish.error} />
        <Link to="/connections">Back to trackers</Link>
      </div>
    );
  return <Spinner label="Connecting your tracker" />;
}
