import { Link } from 'react-router-dom';
import { useMe } from '@/lib/api/queries';
import { useSession } from '@/lib/auth/useSession';

/** Shown on every member page while the account is suspended. The session's status (from
 * sign-in) decides whether to look at all, so active members send no extra request; the
 * member's current status (GET /users/me) then hides it as soon as they are reinstated. */
export function SuspendedNotice() {
  const session = useSession();
  if (session?.user.status !== 'suspended') return null;
  return <SuspendedBanner />;
}

function SuspendedBanner() {
  const me = useMe();
  if (me.data && me.data.status !== 'suspended') return null;
  return (
    <section className="alert alert-error section" aria-label="Account suspended">
      <p>
        <strong>Your account is suspended.</strong> You can sign in and look around, but you earn no points and cannot
        enter drawings until it is reinstated.
      </p>
      <p>
        <Link to="/account/appeals">Appeal the suspension</Link>
      </p>
    </section>
  );
}
