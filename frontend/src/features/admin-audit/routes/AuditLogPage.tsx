import { EmptyState, PageHeader } from '@/components';

export function AuditLogPage() {
  return (
    <div className="stack">
      <PageHeader title="Audit log" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
