import { useState } from 'react';
import { z } from '@/lib/zod';
import { Button, Dialog, FormAlert, TextField, useToast } from '@/components';
import { isStepUpRequired } from '@/features/admin/api/stepUp';
import { useStepUp } from '@/features/admin/components/StepUp';
import { ApiError, errorMessage } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { useDeliver, useForfeit, useRedraw, useShip, type Fulfillment } from '../api/fulfillments';
import { AddressInvalid, EditNotes } from './FulfillmentNotes';

const printable = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `At most ${max} characters.`)
    .regex(/^[\x20-\x7e]+$/, 'Letters, digits and ordinary punctuation only.');

const shipSchema = z.object({ carrier: printable('carrier', 64), trackingNumber: printable('tracking number', 128) });
type ShipValues = z.input<typeof shipSchema>;

function ShipPrize({ item }: { item: Fulfillment }) {
  const [open, setOpen] = useState(false);
  const ship = useShip(item.fulfillmentId);
  const toast = useToast();
  const { bind, submit, banner, formState } = useApiForm<ShipValues>({
    schema: shipSchema,
    defaultValues: { carrier: '', trackingNumber: '' },
    fields: ['carrier', 'trackingNumber'],
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} aria-label={`Ship ${item.prizeName}`}>
        Ship
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Ship ${item.prizeName}`} description="The winner is told by email, with the carrier and tracking number.">
        <form
          className="form"
          noValidate
          onSubmit={submit(async (values) => {
            await ship.mutateAsync(shipSchema.parse(values));
            setOpen(false);
            toast({ title: `${item.prizeName} shipped`, tone: 'success' });
          })}
        >
          <FormAlert messages={banner} />
          <TextField label="Carrier" autoComplete="off" hint="UPS, USPS, FedEx, …" {...bind('carrier')} />
          <TextField label="Tracking number" autoComplete="off" {...bind('trackingNumber')} />
          <Button type="submit" busy={formState.isSubmitting}>
            Mark shipped
          </Button>
        </form>
      </Dialog>
    </>
  );
}

function Deliver({ item }: { item: Fulfillment }) {
  const deliver = useDeliver(item.fulfillmentId);
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      busy={deliver.isPending}
      aria-label={`Mark delivered: ${item.prizeName}`}
      onClick={() =>
        deliver.mutate(undefined, {
          onSuccess: () => toast({ title: `${item.prizeName} delivered`, tone: 'success' }),
          onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
        })
      }
    >
      Mark delivered
    </Button>
  );
}

const forfeitSchema = z.object({ reason: z.string().trim().min(1, 'Say why the prize is forfeited.').max(500, 'At most 500 characters.') });
type ForfeitValues = z.input<typeof forfeitSchema>;

function Forfeit({ item }: { item: Fulfillment }) {
  const [open, setOpen] = useState(false);
  const forfeit = useForfeit(item.fulfillmentId);
  const toast = useToast();
  const { bind, submit, banner, formState } = useApiForm<ForfeitValues>({
    schema: forfeitSchema,
    defaultValues: { reason: '' },
    fields: ['reason'],
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Forfeit ${item.prizeName}`}>
        Forfeit
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Forfeit ${item.prizeName}?`}
        description="The winner loses the prize and is told by email. It can then be redrawn from the same entries. This cannot be undone."
      >
        <form
          className="form"
          noValidate
          onSubmit={submit(async ({ reason }) => {
            await forfeit.mutateAsync(reason.trim());
            setOpen(false);
            toast({ title: `${item.prizeName} forfeited`, tone: 'success' });
          })}
        >
          <FormAlert messages={banner} />
          <TextField label="Reason (sent to the winner)" autoComplete="off" {...bind('reason')} />
          <div className="row section">
            <Button type="submit" variant="danger" busy={formState.isSubmitting}>
              Forfeit the prize
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Keep it
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

function Redraw({ item }: { item: Fulfillment }) {
  const [open, setOpen] = useState(false);
  const redraw = useRedraw(item.fulfillmentId);
  const withStepUp = useStepUp();
  const toast = useToast();
  async function run() {
    try {
      await withStepUp(() => redraw.mutateAsync(undefined));
      setOpen(false);
      toast({ title: `${item.prizeName} redrawn: the next alternate is notified`, tone: 'success' });
    } catch (error) {
      if (isStepUpRequired(error)) return;
      setOpen(false);
      const nobodyLeft = error instanceof ApiError && error.status === 409;
      toast({ title: nobodyLeft ? `Not redrawn: ${errorMessage(error)}` : errorMessage(error), tone: 'error' });
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} aria-label={`Redraw ${item.prizeName}`}>
        Redraw
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Redraw ${item.prizeName}?`}
        description="The next alternate from the drawing's frozen entries wins this prize and is notified. It needs a code from your authenticator."
      >
        <div className="row section">
          <Button busy={redraw.isPending} onClick={() => void run()}>
            Redraw the prize
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Not now
          </Button>
        </div>
      </Dialog>
    </>
  );
}

const FORFEITABLE = new Set(['pending', 'winner_notified', 'address_invalid', 'address_confirmed']);

/** The moves the fulfillment's status allows (docs/fulfillment.md's state machine). */
export function FulfillmentActions({ item }: { item: Fulfillment }) {
  return (
    <div className="row">
      {item.status === 'address_confirmed' ? <ShipPrize item={item} /> : null}
      {item.status === 'address_confirmed' && item.fulfillmentType === 'physical' ? <AddressInvalid item={item} /> : null}
      {item.status === 'shipped' ? <Deliver item={item} /> : null}
      {FORFEITABLE.has(item.status) ? <Forfeit item={item} /> : null}
      {item.status === 'forfeited' && !item.redrawnFulfillmentId ? <Redraw item={item} /> : null}
      <EditNotes item={item} />
    </div>
  );
}
