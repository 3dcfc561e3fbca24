import { EmptyState, PageHeader } from '@/components';

export function MemberDetailPage() {
  return (
    <div className="stack">
      <PageHeader title="Member" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
