import { Link } from 'react-router-dom';
import { PageHeader } from '@/components';
import { ChangePasswordCard } from '../components/ChangePasswordCard';
import { SessionsCard } from '../components/SessionsCard';

export function AccountPage() {
  return (
    <>
      <PageHeader
        title="Account"
        subtitle={
          <>
            <Link to="/privacy">Privacy: download or delete my data</Link> ·{' '}
            <Link to="/settings/notifications">Notification preferences</Link>
          </>
        }
      />
      <div className="grid grid-2">
        <ChangePasswordCard />
        <SessionsCard />
      </div>
    </>
  );
}
