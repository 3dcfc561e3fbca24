import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, EmptyState, PageHeader, Pagination, QueryView, SelectField, Spinner, Stat, Tabs, useToast } from '@/components';
import { ApiError, errorMessage } from '@/lib/api/errors';
import { useBalance } from '@/lib/api/queries';
import { useSession } from '@/lib/auth/useSession';
import { formatDateTime, formatNumber, formatPercent, formatPoints, formatUsd, humanize } from '@/lib/format';
import { useDrawing, useDrawings, useFreeEntry, useMyTickets, useResults, type DrawingStatus, type DrawingType } from '../api/drawings';
import { BuyTicketsDialog } from '../components/BuyTicketsDialog';
import { ReceiptsCard } from '../components/ReceiptsCard';

const STATUS_TABS = [
  { value: 'open', label: 'Open' },
  { value: 'scheduled', label: 'Upcoming' },
  { value: 'completed', label: 'Completed' },
  { value: '', label: 'All' },
] as const;

type StatusTab = (typeof STATUS_TABS)[number]['value'];

export function DrawingsPage() {
  const [status, setStatus] = useState<StatusTab>('open');
  const [type, setType] = useState<DrawingType | ''>('');
  const [page, setPage] = useState(1);
  const drawings = useDrawings(status as DrawingStatus | '', type, page);

  return (
    <>
      <PageHeader title="Drawings" subtitle="Spend points on tickets. Every drawing can be verified by anyone." />
      <Tabs
        label="Drawing status"
        value={status}
        onValueChange={(s) => {
          setStatus(s);
          setPage(1);
        }}
        items={STATUS_TABS}
      >
        <div className="filters">
          <SelectField
            label="Type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as DrawingType | '');
              setPage(1);
            }}
            options={[
              { value: '', label: 'All types' },
              { value: 'daily', label: 'Daily' },
              { value: 'weekly', label: 'Weekly' },
              { value: 'monthly', label: 'Monthly' },
              { value: 'annual', label: 'Annual' },
            ]}
          />
        </div>
        <QueryView
          query={drawings}
          loadingLabel="Loading drawings"
          isEmpty={(d) => d.drawings.length === 0}
          empty={<EmptyState title="No drawings here">Drawings open automatically every day, week, month and year.</EmptyState>}
        >
          {(data) => (
            <>
              <div className="grid grid-2">
                {data.drawings.map((d) => {
                  const topPrize = [...d.prizes].sort((a, b) => a.rank - b.rank)[0];
                  return (
                    <Card key={d.drawingId} className="card-prize">
                      <div className="row">
                        <span className="badge badge-prize">{humanize(d.type)}</span>
                        <span className={`badge badge-${d.status}`}>{d.status}</span>
                      </div>
                      <h3 className="section-tight">
                        <Link to={`/drawings/${d.drawingId}`}>{d.name}</Link>
                      </h3>
                      {topPrize ? (
                        <p>
                          <span className="prize">{topPrize.name}</span> · {formatUsd(topPrize.valueUsd)}
                        </p>
                      ) : null}
                      <p className="muted small">
                        Draws {formatDateTime(d.drawingTime)} · {formatPoints(d.ticketCostPoints)} a ticket ·{' '}
                        {formatNumber(d.totalTickets)} tickets in
                        {d.myTickets ? ` · you hold ${formatNumber(d.myTickets)}` : ''}
                      </p>
                      {d.status === 'completed' ? (
                        <Link to={`/drawings/${d.drawingId}/results`}>Results and verification for {d.name}</Link>
                      ) : null}
                    </Card>
                  );
                })}
              </div>
              <Pagination info={data.pagination} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Tabs>
    </>
  );
}

function FreeEntryButton({ drawingId }: { drawingId: string }) {
  const mine = useMyTickets(drawingId);
  const free = useFreeEntry(drawingId);
  const toast = useToast();
  const used = mine.data?.blocks.some((b) => b.entryMethod === 'free') ?? false;
  if (mine.isPending) return null;
  return (
    <Button
      variant="secondary"
      disabled={used}
      busy={free.isPending}
      onClick={() =>
        free.mutate(undefined, {
          onSuccess: (e) => toast({ title: `Free entry added: ticket #${e.ticketNumber}`, tone: 'success' }),
          onError: (error) =>
            toast({
              title: error instanceof ApiError && error.status === 409 ? 'You already used your free entry here' : errorMessage(error),
              tone: 'error',
            }),
        })
      }
    >
      {used ? 'Free entry used' : 'Free entry'}
    </Button>
  );
}

function MyTicketsCard({ drawingId }: { drawingId: string }) {
  const mine = useMyTickets(drawingId);
  return (
    <Card title="My tickets">
      <QueryView
        query={mine}
        loadingLabel="Loading your tickets"
        isEmpty={(m) => m.totalTickets === 0}
        empty={<EmptyState title="You have no tickets in this drawing yet" />}
      >
        {(m) => (
          <>
            <div className="row">
              <Stat label="tickets" value={formatNumber(m.totalTickets)} />
              <Stat label="points spent" value={formatNumber(m.pointsSpent)} />
              {m.myChance != null ? <Stat label="chance to win" value={formatPercent(m.myChance)} /> : null}
            </div>
            <ul className="list small">
              {m.blocks.map((b) => (
                <li key={b.blockId}>
                  #{b.firstTicketNumber}
                  {b.lastTicketNumber !== b.firstTicketNumber ? `–#${b.lastTicketNumber}` : ''} ·{' '}
                  {b.entryMethod === 'free' ? 'free entry' : `${formatNumber(b.pointsSpent)} pts`} ·{' '}
                  {formatDateTime(b.purchasedAt)}
                  {b.refundedAt ? ' · refunded' : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </Card>
  );
}

function ResultsCard({ drawingId }: { drawingId: string }) {
  const results = useResults(drawingId, true);
  return (
    <Card title="Results">
      <QueryView
        query={results}
        loadingLabel="Loading results"
        isEmpty={(r) => r.winners.length === 0}
        empty={<EmptyState title="No winners recorded" />}
      >
        {(r) => (
          <>
            <p className="muted small">
              {formatNumber(r.totalEntries)} tickets from {formatNumber(r.totalEntrants)} members
              {r.executedAt ? ` · drawn ${formatDateTime(r.executedAt)}` : ''}
            </p>
            <ul className="list">
              {r.winners.map((w) => (
                <li key={w.drawIndex}>
                  <strong>{w.displayName}</strong> won <span className="prize">{w.prizeName}</span> with ticket #
                  {w.winningNumber} ({formatNumber(w.ticketsHeld)} held)
                </li>
              ))}
            </ul>
            {r.myParticipation ? (
              <p className={r.myParticipation.won ? 'alert alert-success' : 'muted'}>
                {r.myParticipation.won
                  ? `You won ${r.myParticipation.prizeName ?? 'a prize'}!`
                  : `You held ${formatNumber(r.myParticipation.tickets)} tickets. Better luck next time.`}
              </p>
            ) : null}
          </>
        )}
      </QueryView>
    </Card>
  );
}

export function DrawingDetailPage() {
  const { drawingId = '' } = useParams();
  const session = useSession();
  const drawing = useDrawing(drawingId);
  const balance = useBalance();
  const [buying, setBuying] = useState(false);
  const buyButton = useRef<HTMLButtonElement>(null);

  return (
    <QueryView query={drawing} loadingLabel="Loading drawing">
      {(d) => (
        <>
          <PageHeader
            title={d.name}
            subtitle={
              <>
                <span className="badge badge-prize">{humanize(d.type)}</span>{' '}
                <span className={`badge badge-${d.status}`}>{d.status}</span> · draws {formatDateTime(d.drawingTime)}
              </>
            }
            actions={
              d.status === 'open' ? (
                session ? (
                  balance.data ? (
                    <>
                      <Button ref={buyButton} onClick={() => setBuying(true)}>
                        Buy tickets
                      </Button>
                      <FreeEntryButton drawingId={d.drawingId} />
                    </>
                  ) : (
                    <Spinner label="Loading balance" />
                  )
                ) : (
                  <Link to={`/login?next=${encodeURIComponent(`/drawings/${d.drawingId}`)}`} className="btn btn-primary">
                    Sign in to enter
                  </Link>
                )
              ) : null
            }
          />
          {d.description ? <p>{d.description}</p> : null}
          <p>
            <Link to={`/drawings/${d.drawingId}/rules`}>Official rules</Link>, including how to enter free (no purchase necessary).
          </p>
          {d.status === 'open' ? (
            <p className="muted small">
              No purchase necessary: every eligible member may take one free entry per drawing, with the same odds as a
              bought ticket.
            </p>
          ) : null}
          <div className="grid grid-2">
            <Card title="Prizes" className="card-prize">
              {d.prizes.length === 0 ? (
                <EmptyState title="Prizes are being finalised" />
              ) : (
                <ul className="list">
                  {[...d.prizes]
                    .sort((a, b) => a.rank - b.rank)
                    .map((p) => (
                      <li key={p.prizeId}>
                        <div className="row">
                          <strong>{p.name}</strong>
                          <span className="prize">{formatUsd(p.valueUsd)}</span>
                          {p.quantity > 1 ? <span className="muted">× {p.quantity}</span> : null}
                        </div>
                        {p.description ? <p className="muted small">{p.description}</p> : null}
                        {p.sponsor ? <p className="muted small">Sponsored by {p.sponsor.name}</p> : null}
                      </li>
                    ))}
                </ul>
              )}
            </Card>
            <Card title="Entries and odds">
              <div className="row">
                <Stat label="points a ticket" value={formatNumber(d.ticketCostPoints)} tone="points" />
                <Stat label="tickets in" value={formatNumber(d.odds.totalTickets)} />
                {d.odds.myChance != null ? <Stat label="your chance" value={formatPercent(d.odds.myChance)} /> : null}
              </div>
              <p className="muted small">{d.odds.statement}</p>
              <p className="muted small">Ticket sales close {formatDateTime(d.salesCloseTime)}.</p>
            </Card>
            {session ? <MyTicketsCard drawingId={d.drawingId} /> : null}
            {session ? <ReceiptsCard drawingId={d.drawingId} status={d.status} /> : null}
            {d.status === 'completed' ? <ResultsCard drawingId={d.drawingId} /> : null}
          </div>
          {session && balance.data ? (
            <BuyTicketsDialog
              open={buying}
              onOpenChange={setBuying}
              drawingId={d.drawingId}
              drawingName={d.name}
              ticketCost={d.ticketCostPoints}
              balance={balance.data.balance}
              returnFocusTo={buyButton}
            />
          ) : null}
        </>
      )}
    </QueryView>
  );
}

export { DrawingResultsPage } from './DrawingResultsPage';
export { DrawingRulesPage } from './DrawingRulesPage';
