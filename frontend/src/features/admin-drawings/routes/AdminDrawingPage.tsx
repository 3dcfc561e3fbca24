import { EmptyState, PageHeader } from '@/components';

export function AdminDrawingPage() {
  return (
    <div className="stack">
      <PageHeader title="Drawing" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
