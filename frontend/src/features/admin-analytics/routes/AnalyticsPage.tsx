import { EmptyState, PageHeader } from '@/components';

export function AnalyticsPage() {
  return (
    <div className="stack">
      <PageHeader title="Analytics" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
