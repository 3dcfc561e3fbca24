import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Card, PageHeader, QueryView } from '@/components';
import { queryKeys, useMe } from '@/lib/api/queries';
import { ProfileForm } from '../components/ProfileForm';

export function CompleteProfilePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <div className="narrow">
      <PageHeader
        title="Complete your profile"
        subtitle="A complete profile places you in a competition tier. You earn points and enter drawings once it is done."
      />
      <Card>
        <QueryView query={me} loadingLabel="Loading your profile">
          {(data) => (
            <ProfileForm
              profile={data.profile}
              onSaved={async () => {
                await queryClient.invalidateQueries({ queryKey: queryKeys.me });
                navigate('/dashboard');
              }}
            />
          )}
        </QueryView>
      </Card>
    </div>
  );
}
