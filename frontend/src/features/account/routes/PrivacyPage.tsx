import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, PageHeader, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth/useSession';
import { downloadMyData } from '../api/account';
import { DeleteAccount } from '../components/DeleteAccount';

export function PrivacyPage() {
  const session = useSession();
  const toast = useToast();
  const [downloading, setDownloading] = useState(false);
  return (
    <>
      <PageHeader title="Privacy" subtitle="What FitTrack keeps, and your rights over it (CCPA)." />
      <div className="stack">
        <Card title="Storage in your browser">
          <p>
            FitTrack uses only essential storage. Your sign-in lasts through an httpOnly cookie that only the FitTrack
            API can read; the page keeps its access in memory. On your device we also save a random id for this
            browser (it names the session in your sessions list), whether you are signed in (a yes/no flag, so a
            signed-out visit does not ask the server), and that you dismissed the storage notice. No advertising,
            analytics or tracking cookies.
          </p>
        </Card>
        <Card title="What we keep">
          <ul className="list small">
            <li>Your account, profile and the activity your trackers send (activity for 2 years).</li>
            <li>Shipping addresses and tax details for prizes: 90 days after delivery or forfeit.</li>
            <li>IP addresses of your sessions: 90 days.</li>
          </ul>
        </Card>
        {session ? (
          <>
            <Card title="Download my data">
              <p>Everything we hold about you, as one JSON file.</p>
              <Button
                variant="secondary"
                busy={downloading}
                onClick={async () => {
                  setDownloading(true);
                  try {
                    await downloadMyData();
                    toast({ title: 'Your data is downloading', tone: 'success' });
                  } catch (error) {
                    toast({ title: errorMessage(error), tone: 'error' });
                  } finally {
                    setDownloading(false);
                  }
                }}
              >
                Download my data (JSON)
              </Button>
            </Card>
            <Card title="Delete my account">
              <p>We anonymise your account at once and purge it within 30 days.</p>
              <DeleteAccount />
            </Card>
          </>
        ) : (
          <Card>
            <p>
              <Link to="/login?next=%2Fprivacy">Sign in</Link> to download or delete your data.
            </p>
          </Card>
        )}
      </div>
    </>
  );
}
