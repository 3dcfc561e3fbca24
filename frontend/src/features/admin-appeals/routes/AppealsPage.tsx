import { StatusQueue } from '@/features/admin/components/StatusQueue';
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
  return (
    <StatusQueue
      title="Appeals"
      subtitle="Suspended and banned members asking to be reinstated, oldest first. A decision is final and the member is told."
      tabsLabel="Appeal status"
      tabs={TABS}
      empty={EMPTY}
      loadingLabel="Loading appeals"
      useItems={useAdminAppeals}
      keyOf={(appeal) => appeal.appealId}
      renderItem={(appeal) => <AppealCard appeal={appeal} />}
    />
  );
}
