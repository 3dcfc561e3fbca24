import { useState } from 'react';
import { EmptyState, PageHeader, Pagination, QueryView, Tabs } from '@/components';
import { useFulfillments, type FulfillmentStatus } from '../api/fulfillments';
import { FulfillmentCard } from '../components/FulfillmentCard';

/** Columns of the board, in the order the work flows (docs/fulfillment.md). */
const COLUMNS: readonly { value: FulfillmentStatus; label: string }[] = [
  { value: 'address_confirmed', label: 'To ship' },
  { value: 'winner_notified', label: 'Awaiting winner' },
  { value: 'address_invalid', label: 'Address invalid' },
  { value: 'pending', label: 'Held for review' },
  { value: 'shipped', label: 'Shipped' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'forfeited', label: 'Forfeited' },
];

export function FulfillmentBoardPage() {
  const [status, setStatus] = useState<FulfillmentStatus>('address_confirmed');
  const [page, setPage] = useState(1);
  const items = useFulfillments(status, page);
  const column = COLUMNS.find((c) => c.value === status)?.label ?? status;
  return (
    <div className="stack">
      <PageHeader title="Fulfillment" subtitle="Every prize won, from the winner's confirmation to delivery." />
      <Tabs
        label="Fulfillment status"
        value={status}
        items={COLUMNS}
        onValueChange={(s) => {
          setStatus(s);
          setPage(1);
        }}
      >
        <QueryView
          query={items}
          loadingLabel="Loading prizes"
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title={`Nothing in “${column}”`} />}
        >
          {(data) => (
            <>
              <p className="muted small">
                {data.pagination.totalItems} in “{column}”, newest first
              </p>
              <div className="grid grid-2">
                {data.items.map((item) => (
                  <FulfillmentCard key={item.fulfillmentId} item={item} />
                ))}
              </div>
              <Pagination info={data.pagination} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Tabs>
    </div>
  );
}
