import { EmptyState, PageHeader } from '@/components';

export function FulfillmentBoardPage() {
  return (
    <div className="stack">
      <PageHeader title="Fulfillment" />
      <EmptyState title="Coming soon" />
    </div>
  );
}
