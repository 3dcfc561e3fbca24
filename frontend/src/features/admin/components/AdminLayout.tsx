import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { EmptyState, Spinner } from '@/components';
import { useSession } from '@/lib/auth/useSession';
import { StepUpProvider } from './StepUp';

const adminNav = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/members', label: 'Members' },
  { to: '/admin/review', label: 'Review' },
  { to: '/admin/appeals', label: 'Appeals' },
  { to: '/admin/sponsors', label: 'Sponsors' },
  { to: '/admin/drawings', label: 'Drawings' },
  { to: '/admin/fulfillment', label: 'Fulfillment' },
  { to: '/admin/analytics', label: 'Analytics' },
  { to: '/admin/audit', label: 'Audit log' },
  { to: '/admin/security', label: 'Security' },
];

/** The console's frame: admins only (the API enforces it too; this only spares members a
 * page of 403s), its own navigation, and the step-up prompt its actions share. */
export function AdminLayout() {
  const session = useSession();
  if (session?.user.role !== 'admin') {
    return <EmptyState title="Admins only">This area is for FitTrack administrators.</EmptyState>;
  }
  return (
    <StepUpProvider>
      <nav className="admin-nav" aria-label="Administration">
        <ul>
          {adminNav.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end ?? false}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Spinner />}>
        <Outlet />
      </Suspense>
    </StepUpProvider>
  );
}
