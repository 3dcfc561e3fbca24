import { useState } from 'react';
import { EmptyState, PageHeader, Pagination, QueryView, Tabs } from '@/components';
import { useReviewQueue, type FlagStatus } from '../api/review';
import { FlagCard } from '../components/FlagCard';

const TABS: readonly { value: FlagStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'cleared', label: 'Cleared' },
  { value: 'banned', label: 'Banned' },
  { value: 'all', label: 'All' },
];

const EMPTY: Record<FlagStatus, string> = {
  open: 'Nobody is waiting for a review',
  cleared: 'No cleared flags',
  banned: 'No bans from the review queue',
  all: 'No flags yet',
};

export function ReviewQueuePage() {
  const [status, setStatus] = useState<FlagStatus>('open');
  const [page, setPage] = useState(1);
  const queue = useReviewQueue(status, page);

  return (
    <div className="stack">
      <PageHeader
        title="Review queue"
        subtitle="Members flagged by the anti-gaming checks, oldest first. While a flag is open the member cannot buy tickets and prizes they win wait for the review."
      />
      <Tabs
        label="Flag status"
        value={status}
        onValueChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        items={TABS}
      >
        <QueryView
          query={queue}
          loadingLabel="Loading the review queue"
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title={EMPTY[status]} />}
        >
          {(d) => (
            <>
              <ul className="stack list">
                {d.items.map((flag) => (
                  <li key={flag.flagId}>
                    <FlagCard flag={flag} />
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
