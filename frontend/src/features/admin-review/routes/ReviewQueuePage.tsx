import { EmptyState, PageHeader } from '@/components';

export function ReviewQueuePage() {
  return (
    <div className="stack">
      <PageHeader title="Review queue" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
