import { useState, type RefObject } from 'react';
import { Link } from 'react-router-dom';
import { Button, Dialog, FormAlert, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatNumber } from '@/lib/format';
import { useBuyTickets } from '../api/drawings';

export function BuyTicketsDialog({
  open,
  onOpenChange,
  drawingId,
  drawingName,
  ticketCost,
  balance,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  drawingId: string;
  drawingName: string;
  ticketCost: number;
  balance: number;
  returnFocusTo?: RefObject<HTMLElement | null>;
}) {
  // The raw text of the quantity box, so the member can clear it and type a new number.
  const [raw, setRaw] = useState('1');
  const quantity = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : 0;
  const buy = useBuyTickets(drawingId);
  const toast = useToast();
  const maxAffordable = ticketCost > 0 ? Math.floor(balance / ticketCost) : 0;
  const cost = quantity * ticketCost;
  const after = balance - cost;
  const valid = Number.isInteger(quantity) && quantity >= 1 && after >= 0;

  function change(next: number | string) {
    setRaw(String(next));
    buy.reset();
  }

  async function submit() {
    if (!valid) return;
    try {
      const result = await buy.mutateAsync(quantity);
      toast({
        title: `You hold ${formatNumber(result.totalUserTickets)} tickets`,
        description: `Bought #${result.firstTicketNumber}–#${result.lastTicketNumber} for ${formatNumber(result.pointsSpent)} points.`,
        tone: 'success',
      });
      setRaw('1');
      onOpenChange(false);
    } catch {
      // shown below from buy.error
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) buy.reset();
        onOpenChange(o);
      }}
      title="Buy tickets"
      returnFocusTo={returnFocusTo}
      description={`${drawingName} · ${formatNumber(ticketCost)} points a ticket. Purchases are final.`}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          <Link to={`/drawings/${drawingId}/rules`}>Official rules</Link> (free entry is also available).
        </p>
        <label htmlFor="ticket-quantity" className="field-label">
          Quantity
        </label>
        <div className="stepper">
          <Button variant="secondary" aria-label="One fewer ticket" disabled={quantity <= 1} onClick={() => change(Math.max(1, quantity - 1))}>
            −
          </Button>
          <input
            id="ticket-quantity"
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.max(1, maxAffordable)}
            value={raw}
            onChange={(e) => change(e.target.value)}
          />
          <Button
            variant="secondary"
            aria-label="One more ticket"
            disabled={quantity >= maxAffordable}
            onClick={() => change(quantity + 1)}
          >
            +
          </Button>
        </div>
        <dl className="summary-list">
          <dt>Cost</dt>
          <dd>{formatNumber(cost)} pts</dd>
          <dt>Balance now</dt>
          <dd>{formatNumber(balance)} pts</dd>
          <dt>Balance after</dt>
          <dd className={after < 0 ? 'negative' : 'points'}>{formatNumber(after)} pts</dd>
        </dl>
        {quantity < 1 ? (
          <p className="field-error" role="alert">
            Enter how many tickets you want (1 or more).
          </p>
        ) : null}
        {after < 0 ? (
          <p className="field-error" role="alert">
            You can afford {formatNumber(maxAffordable)} ticket{maxAffordable === 1 ? '' : 's'} with your balance.
          </p>
        ) : null}
        <FormAlert messages={buy.error ? [errorMessage(buy.error)] : []} />
        <div className="row section">
          <Button type="submit" busy={buy.isPending} disabled={!valid}>
            {quantity >= 1 ? `Buy ${formatNumber(quantity)} ticket${quantity === 1 ? '' : 's'}` : 'Buy tickets'}
          </Button>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
