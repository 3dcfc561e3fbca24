import { useState } from 'react';
import { Button, Dialog, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { useDeactivateSponsor, useUpdateSponsor, type Sponsor } from '../api/sponsors';
import { SponsorForm } from './SponsorForm';

/** A row's actions: edit in a dialog; deactivate after confirming, or reactivate. */
export function SponsorActions({ sponsor }: { sponsor: Sponsor }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateSponsor(sponsor.sponsorId);
  const deactivate = useDeactivateSponsor(sponsor.sponsorId);
  const toast = useToast();
  const active = sponsor.status === 'active';

  function reactivate() {
    update.mutate(
      { status: 'active' },
      {
        onSuccess: () => toast({ title: `${sponsor.name} is active again`, tone: 'success' }),
        onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
      },
    );
  }

  function confirmDeactivate() {
    deactivate.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        toast({ title: `${sponsor.name} deactivated`, tone: 'success' });
      },
      onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
    });
  }

  return (
    <div className="row">
      <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${sponsor.name}`}>
        Edit
      </Button>
      {active ? (
        <Button variant="danger" onClick={() => setConfirming(true)} aria-label={`Deactivate ${sponsor.name}`}>
          Deactivate
        </Button>
      ) : (
        <Button variant="secondary" busy={update.isPending} onClick={reactivate} aria-label={`Reactivate ${sponsor.name}`}>
          Reactivate
        </Button>
      )}
      <Dialog open={editing} onOpenChange={setEditing} title={`Edit ${sponsor.name}`}>
        <SponsorForm
          sponsor={sponsor}
          submitLabel="Save sponsor"
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            setEditing(false);
            toast({ title: 'Sponsor saved', tone: 'success' });
          }}
        />
      </Dialog>
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Deactivate ${sponsor.name}?`}
        description="New prizes can no longer name this sponsor. Prizes that already do keep it, and you can reactivate the sponsor later."
      >
        <div className="row section">
          <Button variant="danger" busy={deactivate.isPending} onClick={confirmDeactivate}>
            Deactivate sponsor
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep active
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
