import { EmptyState, PageHeader } from '@/components';

export function AdminDrawingsPage() {
  return (
    <div className="stack">
      <PageHeader title="Drawings" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
