import { EmptyState, PageHeader } from '@/components';

export function SponsorsPage() {
  return (
    <div className="stack">
      <PageHeader title="Sponsors" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
