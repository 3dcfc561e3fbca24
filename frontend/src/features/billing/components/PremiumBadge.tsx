import { Link } from 'react-router-dom';
import { useSubscription } from '../api/billing';

/** In the header: "Premium" for a premium member (from a subscription or an admin grant),
 * otherwise the way to upgrade. */
export function PremiumBadge() {
  const subscription = useSubscription();
  if (!subscription.data) return null;
  if (subscription.data.premium)
    return (
      <Link to="/settings/billing" className="premium-badge">
        Premium
      </Link>
    );
  return (
    <Link to="/upgrade" className="header-link">
      Go premium
    </Link>
  );
}
