import { useState } from 'react';
import { Button, Card, Dialog, EmptyState, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatUsd, humanize } from '@/lib/format';
import { useAddPrize, useRemovePrize, useUpdatePrize, type DrawingPrize } from '../api/prizes';
import { PrizeForm } from './PrizeForm';

function EditPrize({ prize }: { prize: DrawingPrize }) {
  const [open, setOpen] = useState(false);
  const update = useUpdatePrize(prize.prizeId);
  const toast = useToast();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Edit prize ${prize.name}`}>
        Edit
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Edit prize: ${prize.name}`}>
        <PrizeForm
          prize={prize}
          submitLabel="Save prize"
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            setOpen(false);
            toast({ title: 'Prize saved', tone: 'success' });
          }}
        />
      </Dialog>
    </>
  );
}

function RemovePrize({ prize }: { prize: DrawingPrize }) {
  const [open, setOpen] = useState(false);
  const remove = useRemovePrize(prize.prizeId);
  const toast = useToast();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Remove prize ${prize.name}`}>
        Remove
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Remove ${prize.name}?`} description="The prize leaves this drawing.">
        <div className="row section">
          <Button
            variant="danger"
            busy={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  setOpen(false);
                  toast({ title: `${prize.name} removed`, tone: 'success' });
                },
                onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
              })
            }
          >
            Remove prize
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Keep it
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function AddPrize({ drawingId, nextRank }: { drawingId: string; nextRank: number }) {
  const [open, setOpen] = useState(false);
  const add = useAddPrize(drawingId);
  const toast = useToast();
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add prize</Button>
      <Dialog open={open} onOpenChange={setOpen} title="Add prize">
        <PrizeForm
          nextRank={nextRank}
          submitLabel="Add prize"
          onSubmit={async (body) => {
            const prize = await add.mutateAsync(body);
            setOpen(false);
            toast({ title: `${prize.name} added`, tone: 'success' });
          }}
        />
      </Dialog>
    </>
  );
}

/** The drawing's prizes by rank; editable while the drawing is a draft or scheduled. The
 * table scrolls sideways on a narrow screen, so it is focusable for keyboards (axe). */
export function PrizesCard({ drawingId, prizes, editable }: { drawingId: string; prizes: DrawingPrize[]; editable: boolean }) {
  const sorted = [...prizes].sort((a, b) => a.rank - b.rank);
  const nextRank = (sorted.at(-1)?.rank ?? 0) + 1;
  return (
    <Card title="Prizes" actions={editable ? <AddPrize drawingId={drawingId} nextRank={nextRank} /> : null}>
      {sorted.length === 0 ? (
        <EmptyState title="No prizes yet">A drawing needs at least one prize before it can be scheduled.</EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Prizes by rank">
          <table className="table">
            <caption className="visually-hidden">Prizes by rank</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Prize</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col">Fulfillment</th>
                <th scope="col">Sponsor</th>
                {editable ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <tr key={p.prizeId}>
                  <td className="num">{p.rank}</td>
                  <th scope="row">{p.name}</th>
                  <td className="num">{formatUsd(p.valueUsd)}</td>
                  <td className="num">{p.quantity}</td>
                  <td>{humanize(p.fulfillmentType)}</td>
                  <td>{p.sponsor?.name ?? '—'}</td>
                  {editable ? (
                    <td>
                      <div className="row">
                        <EditPrize prize={p} />
                        <RemovePrize prize={p} />
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
