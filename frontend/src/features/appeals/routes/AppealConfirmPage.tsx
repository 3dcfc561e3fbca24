import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Spinner } from '@/components';
import { ApiError, errorMessage } from '@/lib/api/errors';
import { confirmAppeal } from '../api/appeals';

/** A spent link is a 409 naming `token`: its message says why, the problem's detail does not. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.fieldErrors.length > 0) return error.fieldErrors.map((e) => e.message).join(' ');
  return errorMessage(error);
}

/** The emailed link (`/appeal-confirm?token=`): the appeal reaches the team once this is opened. */
export function AppealConfirmPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // A query (not an effect) so React's double mount in development sends the single-use token once.
  const confirmation = useQuery({
    queryKey: ['appeal-confirm', token],
    queryFn: () => confirmAppeal(token),
    enabled: token !== '',
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

  let body;
  if (!token) body = <Refused message="This link has no confirmation token. Open the link from the email again." />;
  else if (confirmation.isPending) body = <Spinner label="Confirming your appeal" />;
  else if (confirmation.isError) body = <Refused message={refusal(confirmation.error)} />;
  else
    body = (
      <p className="alert alert-success" role="status">
        Your appeal is confirmed and waiting for our team. We email you their decision.
      </p>
    );

  return (
    <div className="narrow">
      <Card>
        <h1>Confirm your appeal</h1>
        {body}
      </Card>
    </div>
  );
}

function Refused({ message }: { message: string }) {
  return (
    <>
      <div className="alert alert-error" role="alert">
        <p>{message}</p>
      </div>
      <p className="section">
        Links work once, within 24 hours. <Link to="/appeal">Send a new appeal</Link>
      </p>
    </>
  );
}
