import { Button } from '@/components';

/** Google Fit's API is shut down (SPEC.md): the link is kept for its history, but no longer syncs. */
export function RetiredNotice({ fitbitLinked, busy, onLinkFitbit }: { fitbitLinked: boolean; busy: boolean; onLinkFitbit: () => void }) {
  return (
    <div className="alert alert-info" role="note">
      <p>
        Google has shut down the Google Fit API, so this connection no longer syncs. The activity and points it
        brought in are kept.{' '}
        {fitbitLinked ? 'Your Fitbit connection keeps you earning.' : 'Link Fitbit (Google Health) to keep earning points.'}
      </p>
      {fitbitLinked ? null : (
        <Button busy={busy} onClick={onLinkFitbit}>
          Link Fitbit
        </Button>
      )}
    </div>
  );
}
