import { EmptyState, PageHeader } from '@/components';

export function MembersPage() {
  return (
    <div className="stack">
      <PageHeader title="Members" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
