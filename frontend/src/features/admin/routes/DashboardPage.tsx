import { EmptyState, PageHeader } from '@/components';

export function DashboardPage() {
  return (
    <div className="stack">
      <PageHeader title="Overview" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
