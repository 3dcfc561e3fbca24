import { EmptyState, PageHeader } from '@/components';

export function AppealsPage() {
  return (
    <div className="stack">
      <PageHeader title="Appeals" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
