import { Link, useParams } from 'react-router-dom';
import { Card, EmptyState, PageHeader, QueryView, Stat } from '@/components';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useResults } from '../api/drawings';
import { useCheckpoint } from '../api/transparency';
import { CheckpointSeen } from '../components/CheckpointSeen';
import { VerifyPanel } from '../components/VerifyPanel';

/** The transparency log's signed checkpoint as this browser read it alongside the result. */
function ResultCheckpoint() {
  const checkpoint = useCheckpoint();
  if (!checkpoint.data) return null;
  return (
    <>
      <h3 className="small">Seen under the transparency log's checkpoint</h3>
      <CheckpointSeen
        label="Transparency log checkpoint"
        checkpoint={{ ...checkpoint.data, seenAt: new Date(checkpoint.dataUpdatedAt).toISOString() }}
      />
    </>
  );
}

export function DrawingResultsPage() {
  const { drawingId = '' } = useParams();
  const results = useResults(drawingId, true);

  return (
    <QueryView query={results} loadingLabel="Loading results">
      {(r) => (
        <>
          <PageHeader
            title={`Results: ${r.name}`}
            subtitle={
              <>
                <Link to={`/drawings/${r.drawingId}`}>Back to the drawing</Link>
                {r.executedAt ? ` · drawn ${formatDateTime(r.executedAt)}` : ` · draws ${formatDateTime(r.drawingTime)}`}
              </>
            }
          />
          {!r.drawn ? (
            <EmptyState title="Not drawn yet">
              The winners are picked at {formatDateTime(r.drawingTime)} from a seed committed when the drawing opened.
            </EmptyState>
          ) : (
            <div className="stack">
              <Card title="Winners" className="card-prize">
                <div className="row">
                  <Stat label="total entries" value={formatNumber(r.totalEntries)} />
                  <Stat label="members entered" value={formatNumber(r.totalEntrants)} />
                  <Stat label="winners" value={formatNumber(r.winners.length)} tone="prize" />
                </div>
                {r.winners.length === 0 ? (
                  <EmptyState title="Nobody entered this drawing" />
                ) : (
                  <div className="table-wrap" role="region" aria-label="Winners table" tabIndex={0}>
                    <table className="table">
                      <caption className="visually-hidden">Winners by prize</caption>
                      <thead>
                        <tr>
                          <th scope="col">Prize</th>
                          <th scope="col">Winner</th>
                          <th scope="col">Tickets held</th>
                          <th scope="col">Winning number</th>
                        </tr>
                      </thead>
                      <tbody>
                        {[...r.winners]
                          .sort((a, b) => a.drawIndex - b.drawIndex)
                          .map((w) => (
                            <tr key={w.drawIndex}>
                              <td>
                                <span className="prize">{w.prizeName}</span>
                                <span className="muted small"> (rank {w.rank})</span>
                              </td>
                              <td>
                                {w.displayName}
                                {w.status === 'forfeited' ? <span className="muted small"> · forfeited</span> : null}
                              </td>
                              <td>{formatNumber(w.ticketsHeld)}</td>
                              <td>#{w.winningNumber}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {r.myParticipation ? (
                  <p className={r.myParticipation.won ? 'alert alert-success' : 'muted'}>
                    {r.myParticipation.won
                      ? `You won ${r.myParticipation.prizeName ?? 'a prize'}! See My prizes to claim it.`
                      : `You held ${formatNumber(r.myParticipation.tickets)} tickets. Better luck next time.`}
                  </p>
                ) : null}
                <ResultCheckpoint />
              </Card>
              <VerifyPanel
                drawingId={r.drawingId}
                published={r.winners.map((w) => ({ drawIndex: w.drawIndex, winningNumber: w.winningNumber }))}
              />
            </div>
          )}
        </>
      )}
    </QueryView>
  );
}
