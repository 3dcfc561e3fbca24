import { Link, useParams } from 'react-router-dom';
import { PageHeader, QueryView } from '@/components';
import { humanize } from '@/lib/format';
import { useMember } from '../api/members';
import { ActionHistory } from '../components/ActionHistory';
import { AdjustPointsForm } from '../components/AdjustPointsForm';
import { MemberPoints, MemberProfile } from '../components/MemberProfile';
import { MemberRecords } from '../components/MemberRecords';
import { PremiumForm } from '../components/PremiumForm';
import { StatusForm } from '../components/StatusForm';

export function MemberDetailPage() {
  const { userId = '' } = useParams();
  const member = useMember(userId);
  return (
    <QueryView query={member} loadingLabel="Loading member">
      {(m) => (
        <div className="stack">
          <PageHeader
            title={m.displayName ?? m.email}
            subtitle={`${m.email} · ${humanize(m.status)} · ${humanize(m.role)}`}
            actions={<Link to="/admin/members">All members</Link>}
          />
          <div className="grid grid-2">
            <MemberProfile member={m} />
            <MemberPoints member={m} />
          </div>
          <div className="grid grid-3">
            <StatusForm member={m} />
            <AdjustPointsForm member={m} />
            <PremiumForm member={m} />
          </div>
          <MemberRecords member={m} />
          <ActionHistory userId={m.userId} />
        </div>
      )}
    </QueryView>
  );
}
