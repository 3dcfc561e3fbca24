import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components';

export const COOKIE_NOTICE_KEY = 'fittrack.cookie-notice-dismissed';

function dismissed(): boolean {
  try {
    return window.localStorage.getItem(COOKIE_NOTICE_KEY) === '1';
  } catch {
    return false;
  }
}

/** FitTrack stores only what it needs to work (no tracking); this says so once. */
export function CookieNotice() {
  const [hidden, setHidden] = useState(dismissed);
  if (hidden) return null;
  return (
    <aside className="cookie-notice" aria-label="Storage notice">
      <p>
        FitTrack uses only essential storage to keep you signed in and remember this notice. No advertising or tracking
        cookies. <Link to="/privacy">Privacy</Link>
      </p>
      <Button
        variant="secondary"
        onClick={() => {
          try {
            window.localStorage.setItem(COOKIE_NOTICE_KEY, '1');
          } catch {
            // storage blocked: hide for this visit only
          }
          setHidden(true);
        }}
      >
        Got it
      </Button>
    </aside>
  );
}
