import { useState } from 'react';
import { EmptyState, PageHeader, Pagination, QueryView, Tabs } from '@/components';
import { useAdminAppeals, type StatusFilter } from '../api/appeals';
import { AppealCard } from '../components/AppealCard';

// Pending first: it is the queue; decided appeals are there to look back on.
const TABS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'upheld', label: 'Upheld' },
  { value: 'reinstated', label: 'Reinstated' },
  { value: 'all', label: 'All' },
];

const EMPTY: Record<StatusFilter, string> = {
  pending: 'No appeals waiting',
  upheld: 'No upheld appeals',
  reinstated: 'No reinstatements',
  all: 'No appeals yet',
};

export function AppealsPage() {
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [page, setPage] = useState(1);
  const appeals = useAdminAppeals(status, page);

  return (
    <div className="stack">
      <PageHeader
        title="Appeals"
        subtitle="Suspended and banned members asking to be reinstated, oldest first. A decision is final and the member is told."
      />
      <Tabs
        label="Appeal status"
        value={status}
        onValueChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        items={TABS}
      >
        <QueryView
          query={appeals}
          loadingLabel="Loading appeals"
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title={EMPTY[status]} />}
        >
          {(d) => (
            <>
              <ul className="stack list">
                {d.items.map((appeal) => (
                  <li key={appeal.appealId}>
                    <AppealCard appeal={appeal} />
                  </li>
                ))}
              </ul>
              <Pagination info={d.pagination} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Tabs>
    </div>
  );
}
