import { lazy, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { RouteError } from './ErrorBoundary';
import { RequireAuth } from './RequireAuth';

/** Code-splits one area: its chunk loads the first time one of its routes renders. */
function area<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  return lazy(async () => ({ default: pick(await load()) }));
}

const landing = () => import('@/features/landing/routes');
const auth = () => import('@/features/auth/routes');
const profile = () => import('@/features/profile/routes');
const dashboard = () => import('@/features/dashboard/routes');
const activities = () => import('@/features/activities/routes');
const points = () => import('@/features/points/routes');
const leaderboards = () => import('@/features/leaderboards/routes');
const drawings = () => import('@/features/drawings/routes');
const connections = () => import('@/features/connections/routes');
const notifications = () => import('@/features/notifications/routes');
const prizes = () => import('@/features/prizes/routes');
const account = () => import('@/features/account/routes');
const accountPreferences = () => import('@/features/account/routes/NotificationPreferencesPage');
const legal = () => import('@/features/legal/routes');
const appeals = () => import('@/features/appeals/routes');
const billing = () => import('@/features/billing/routes');
const admin = () => import('@/features/admin/routes');
const adminMembers = () => import('@/features/admin-members/routes');
const adminReview = () => import('@/features/admin-review/routes');
const adminAppeals = () => import('@/features/admin-appeals/routes');
const adminSponsors = () => import('@/features/admin-sponsors/routes');
const adminDrawings = () => import('@/features/admin-drawings/routes');
const adminFulfillment = () => import('@/features/admin-fulfillment/routes');
const adminAnalytics = () => import('@/features/admin-analytics/routes');
const adminAudit = () => import('@/features/admin-audit/routes');

const LandingPage = area(landing, (m) => m.LandingPage);
const LoginPage = area(auth, (m) => m.LoginPage);
const RegisterPage = area(auth, (m) => m.RegisterPage);
const CheckEmailPage = area(auth, (m) => m.CheckEmailPage);
const VerifyEmailPage = area(auth, (m) => m.VerifyEmailPage);
const SocialCallbackPage = area(auth, (m) => m.SocialCallbackPage);
const FinishRegistrationPage = area(auth, (m) => m.FinishRegistrationPage);
const CompleteProfilePage = area(profile, (m) => m.CompleteProfilePage);
const DashboardPage = area(dashboard, (m) => m.DashboardPage);
const ActivitiesPage = area(activities, (m) => m.ActivitiesPage);
const PointsPage = area(points, (m) => m.PointsPage);
const LeaderboardsPage = area(leaderboards, (m) => m.LeaderboardsPage);
const DrawingsPage = area(drawings, (m) => m.DrawingsPage);
const DrawingDetailPage = area(drawings, (m) => m.DrawingDetailPage);
const ConnectionsPage = area(connections, (m) => m.ConnectionsPage);
const ConnectionCallbackPage = area(connections, (m) => m.ConnectionCallbackPage);
const NotificationsPage = area(notifications, (m) => m.NotificationsPage);
const PrizesPage = area(prizes, (m) => m.PrizesPage);
const ForgotPasswordPage = area(account, (m) => m.ForgotPasswordPage);
const ResetPasswordPage = area(account, (m) => m.ResetPasswordPage);
const AccountPage = area(account, (m) => m.AccountPage);
const NotificationPreferencesPage = area(accountPreferences, (m) => m.NotificationPreferencesPage);
const PrivacyPage = area(account, (m) => m.PrivacyPage);
const DrawingResultsPage = area(drawings, (m) => m.DrawingResultsPage);
const LegalPage = area(legal, (m) => m.LegalPage);
const PublicAppealPage = area(appeals, (m) => m.PublicAppealPage);
const AppealConfirmPage = area(appeals, (m) => m.AppealConfirmPage);
const MyAppealsPage = area(appeals, (m) => m.MyAppealsPage);
const UpgradePage = area(billing, (m) => m.UpgradePage);
const BillingSuccessPage = area(billing, (m) => m.BillingSuccessPage);
const BillingCancelPage = area(billing, (m) => m.BillingCancelPage);
const BillingSettingsPage = area(billing, (m) => m.BillingSettingsPage);
const DrawingRulesPage = area(drawings, (m) => m.DrawingRulesPage);
const NotFoundPage = area(landing, (m) => m.NotFoundPage);
const AdminLayout = area(admin, (m) => m.AdminLayout);
const AdminDashboardPage = area(admin, (m) => m.DashboardPage);
const AdminSecurityPage = area(admin, (m) => m.SecurityPage);
const AdminMembersPage = area(adminMembers, (m) => m.MembersPage);
const AdminMemberDetailPage = area(adminMembers, (m) => m.MemberDetailPage);
const AdminReviewQueuePage = area(adminReview, (m) => m.ReviewQueuePage);
const AdminAppealsPage = area(adminAppeals, (m) => m.AppealsPage);
const AdminSponsorsPage = area(adminSponsors, (m) => m.SponsorsPage);
const AdminDrawingsPage = area(adminDrawings, (m) => m.AdminDrawingsPage);
const AdminDrawingPage = area(adminDrawings, (m) => m.AdminDrawingPage);
const AdminNewDrawingPage = area(adminDrawings, (m) => m.NewDrawingPage);
const AdminFulfillmentPage = area(adminFulfillment, (m) => m.FulfillmentBoardPage);
const AdminAnalyticsPage = area(adminAnalytics, (m) => m.AnalyticsPage);
const AdminAuditPage = area(adminAudit, (m) => m.AuditLogPage);

const member = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <LandingPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/register/check-email', element: <CheckEmailPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/profile/complete', element: member(<CompleteProfilePage />) },
      { path: '/dashboard', element: member(<DashboardPage />) },
      { path: '/activities', element: member(<ActivitiesPage />) },
      { path: '/points', element: member(<PointsPage />) },
      { path: '/leaderboards', element: member(<LeaderboardsPage />) },
      { path: '/drawings', element: <DrawingsPage /> },
      { path: '/drawings/:drawingId', element: <DrawingDetailPage /> },
      { path: '/drawings/:drawingId/results', element: <DrawingResultsPage /> },
      { path: '/drawings/:drawingId/rules', element: <DrawingRulesPage /> },
      { path: '/connections', element: member(<ConnectionsPage />) },
      { path: '/notifications', element: member(<NotificationsPage />) },
      { path: '/prizes', element: member(<PrizesPage />) },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/account', element: member(<AccountPage />) },
      { path: '/settings/notifications', element: member(<NotificationPreferencesPage />) },
      { path: '/upgrade', element: member(<UpgradePage />) },
      { path: '/billing/success', element: member(<BillingSuccessPage />) },
      { path: '/billing/cancel', element: member(<BillingCancelPage />) },
      { path: '/settings/billing', element: member(<BillingSettingsPage />) },
      { path: '/account/appeals', element: member(<MyAppealsPage />) },
      { path: '/appeal', element: <PublicAppealPage /> },
      { path: '/appeal-confirm', element: <AppealConfirmPage /> },
      { path: '/privacy', element: <PrivacyPage /> },
      { path: '/legal/:kind', element: <LegalPage /> },
      { path: '/legal/:kind/:version', element: <LegalPage /> },
      // The tracker's consent page redirects here (possibly in a popup); the page hands
      // code and state to the API's connection callback.
      { path: '/connections/callback/:provider', element: <ConnectionCallbackPage /> },
      // Google/Apple (or the local OIDC simulator) redirect here: docs/auth.md's redirect URI.
      { path: '/auth/callback/:provider', element: <SocialCallbackPage /> },
      { path: '/auth/finish-registration', element: member(<FinishRegistrationPage />) },
      {
        // The admin console: each area is its own chunk, so members never download it.
        path: '/admin',
        element: member(<AdminLayout />),
        children: [
          { index: true, element: <AdminDashboardPage /> },
          { path: 'members', element: <AdminMembersPage /> },
          { path: 'members/:userId', element: <AdminMemberDetailPage /> },
          { path: 'review', element: <AdminReviewQueuePage /> },
          { path: 'appeals', element: <AdminAppealsPage /> },
          { path: 'sponsors', element: <AdminSponsorsPage /> },
          { path: 'drawings', element: <AdminDrawingsPage /> },
          { path: 'drawings/new', element: <AdminNewDrawingPage /> },
          { path: 'drawings/:drawingId', element: <AdminDrawingPage /> },
          { path: 'fulfillment', element: <AdminFulfillmentPage /> },
          { path: 'analytics', element: <AdminAnalyticsPage /> },
          { path: 'audit', element: <AdminAuditPage /> },
          { path: 'security', element: <AdminSecurityPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

// Opt in to React Router v7 behaviour now, so the upgrade changes nothing.
const future = {
  v7_relativeSplatPath: true,
  v7_fetcherPersist: true,
  v7_normalizeFormMethod: true,
  v7_partialHydration: true,
  v7_skipActionErrorRevalidation: true,
} as const;

export const routerProviderFuture = { v7_startTransition: true } as const;

export function createAppRouter() {
  return createBrowserRouter(routes, { future });
}

/** For component tests: the real route table at a given URL. */
export function createTestRouter(initialEntry: string) {
  return createMemoryRouter(routes, { initialEntries: [initialEntry], future });
}
