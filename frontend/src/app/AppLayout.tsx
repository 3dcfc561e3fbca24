import { Suspense } from 'react';
import { CookieNotice } from './CookieNotice';
import { SuspendedNotice } from '@/features/appeals/components/SuspendedNotice';
import { PremiumBadge } from '@/features/billing/components/PremiumBadge';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Spinner, useToastsPerPage } from '@/components';
import { api } from '@/lib/api/client';
import { useBalance, useUnreadCount } from '@/lib/api/queries';
import { sessionStore } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/useSession';
import { formatNumber } from '@/lib/format';

const memberNav = [
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/activities', label: 'Activity' },
  { to: '/points', label: 'Points' },
  { to: '/leaderboards', label: 'Leaderboards' },
  { to: '/drawings', label: 'Drawings' },
  { to: '/prizes', label: 'My prizes' },
  { to: '/connections', label: 'Trackers' },
  { to: '/account', label: 'Account' },
];

function HeaderBalance() {
  const balance = useBalance();
  if (!balance.data) return null;
  return (
    <Link to="/points" className="header-balance" aria-label={`Point balance ${formatNumber(balance.data.balance)} pts`}>
      {formatNumber(balance.data.balance)} pts
    </Link>
  );
}

function HeaderNotifications() {
  const unread = useUnreadCount();
  const count = unread.data?.unreadCount ?? 0;
  // The name is the visible text plus a hidden word (axe: label-content-name-mismatch).
  return (
    <Link to="/notifications" className="header-link header-bell">
      <span>Notifications</span>
      {count > 0 ? ' ' : null}
      {count > 0 ? (
        <span className="count-badge">
          {count > 99 ? '99+' : count} <span className="visually-hidden">unread</span>
        </span>
      ) : null}
    </Link>
  );
}

export function AppLayout() {
  const session = useSession();
  const navigate = useNavigate();
  useToastsPerPage(useLocation().pathname);

  async function signOut() {
    try {
      await api.POST('/api/v1/auth/logout');
    } catch {
      // Signing out locally is what matters; the session expires on the server anyway.
    }
    sessionStore.clear();
    navigate('/');
  }

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to={session ? '/dashboard' : '/'} className="brand">
            FitTrack
          </Link>
          {session ? (
            <>
              <PremiumBadge />
              <HeaderBalance />
              <HeaderNotifications />
              <Button variant="ghost" className="header-link" onClick={() => void signOut()}>
                Sign out
              </Button>
            </>
          ) : (
            <>
              <Link to="/login" className="header-link">
                Sign in
              </Link>
              <Link to="/register" className="btn btn-secondary">
                Join free
              </Link>
            </>
          )}
        </div>
      </header>
      {session ? (
        <nav className="app-nav" aria-label="Main">
          <ul>
            {memberNav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
            {session.user.role === 'admin' ? (
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <main id="main" className="app-main">
        <SuspendedNotice />
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
      <CookieNotice />
      <footer className="app-footer">
        No purchase necessary. Open to legal US residents 18+, excluding NY, FL and RI. Points have no cash value.
        <nav aria-label="Legal">
          <Link to="/legal/terms">Terms of Service</Link> · <Link to="/legal/privacy">Privacy Policy</Link> ·{' '}
          <Link to="/legal/sweepstakes-rules">Sweepstakes Rules</Link>
        </nav>
      </footer>
    </>
  );
}
