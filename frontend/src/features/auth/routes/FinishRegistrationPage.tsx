import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Card } from '@/components';
import { queryKeys } from '@/lib/api/queries';
import { FinishRegistrationForm } from '../components/FinishRegistrationForm';

/** After a social sign-in that created the account: what registration would have asked. */
export function FinishRegistrationPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function onFinished() {
    await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    navigate('/dashboard', { replace: true });
  }

  return (
    <div className="narrow">
      <Card>
        <h1>Finish registration</h1>
        <p className="muted">Sweepstakes are open to adults in eligible states; tell us a little more to start earning.</p>
        <FinishRegistrationForm onFinished={() => void onFinished()} />
      </Card>
    </div>
  );
}
