import { StatusQueue } from '@/features/admin/components/StatusQueue';
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
  return (
    <StatusQueue
      title="Review queue"
      subtitle="Members flagged by the anti-gaming checks, oldest first. While a flag is open the member cannot buy tickets and prizes they win wait for the review."
      tabsLabel="Flag status"
      tabs={TABS}
      empty={EMPTY}
      loadingLabel="Loading the review queue"
      useItems={useReviewQueue}
      keyOf={(flag) => flag.flagId}
      renderItem={(flag) => <FlagCard flag={flag} />}
    />
  );
}
