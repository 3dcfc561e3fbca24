import { useState } from 'react';
import { Button, Card, ErrorState } from '@/components';
import { sessionStore } from '@/lib/auth/session';
import { formatNumber } from '@/lib/format';
import { fetchBlockPages } from '../api/blockPages';
import { fetchVerificationText } from '../api/drawings';
import { loadReceipts } from '../api/keptReceipts';
import { fetchTransparencyLog } from '../api/transparency';
import { blockPageCount } from '../verify/blockPages';
import { verifyInBackground } from '../verify/inWorker';
import type { Check, PublishedWinner } from '../verify/verify';
import type { VerifyResult } from '../verify/verifyText';

type State =
  | { step: 'idle' }
  | { step: 'running'; progress?: string }
  | ({ step: 'done' } & VerifyResult)
  | { step: 'error'; error: unknown };

function CheckLine({ check }: { check: Check }) {
  return (
    <li>
      <span className={check.ok ? 'verify-ok' : 'verify-fail'} aria-hidden="true">
        {check.ok ? '✓' : '✗'}
      </span>
      <span>
        <span className="visually-hidden">{check.ok ? 'Passed: ' : 'Failed: '}</span>
        {check.label}
      </span>
    </li>
  );
}

/** Fetches the public proof and recomputes the winners in this browser. */
export function VerifyPanel({ drawingId, published }: { drawingId: string; published: PublishedWinner[] }) {
  const [state, setState] = useState<State>({ step: 'idle' });

  /** A big snapshot's blocks are not in the document but in pages: fetch them all first. */
  async function fetchPagesOf(text: string): Promise<ArrayBuffer[]> {
    const count = blockPageCount(text);
    if (count === 0) return [];
    const fetching = (arrived: number) => setState({ step: 'running', progress: `Fetching blocks (${arrived} of ${count})` });
    fetching(0);
    const pages = await fetchBlockPages(drawingId, count, fetching);
    setState({ step: 'running', progress: 'Recomputing the draw in this browser…' });
    return pages;
  }

  async function run() {
    setState({ step: 'running' });
    try {
      // An unreadable log is a failed line of the verdict, not a reason to hide the document's own checks.
      const [text, log] = await Promise.all([fetchVerificationText(drawingId), fetchTransparencyLog().catch(() => null)]);
      const pages = await fetchPagesOf(text);
      const userId = sessionStore.get()?.user.userId;
      const receipts = userId ? loadReceipts(userId, drawingId).map((k) => k.receipt) : [];
      const result = await verifyInBackground({ text, published, log, receipts, pages, ...(userId ? { userId } : {}) });
      setState({ step: 'done', ...result });
    } catch (error) {
      setState({ step: 'error', error });
    }
  }

  const done = state.step === 'done' ? state : null;
  return (
    <Card
      title="Verify this draw"
      actions={
        <Button onClick={() => void run()} busy={state.step === 'running'} variant={done ? 'secondary' : 'primary'}>
          {done ? 'Verify again' : 'Verify this draw'}
        </Button>
      }
    >
      <p className="muted small">
        Your browser downloads the public proof and recomputes the winners itself with SHA-256: the sealed seed against
        its commitment, the ticket snapshot against its Merkle root, then every pick. It then reads the public
        transparency log, checks its signed checkpoint and hash chain, and that the log recorded this drawing's opening,
        close and draw as the proof states them, and that your kept receipts are in the snapshot. Nothing is taken on trust.
      </p>
      {state.step === 'error' ? <ErrorState error={state.error} onRetry={() => void run()} /> : null}
      <div aria-live="polite">
        {state.step === 'running' && state.progress ? <p className="muted small">{state.progress}</p> : null}
        {done ? (
          <>
            {done.outcome.status === 'verified' ? (
              <p className="alert alert-success" role="status">
                Verified: all {done.outcome.checks.length} checks passed in {formatNumber(Math.round(done.ms))} ms.
              </p>
            ) : done.outcome.status === 'mismatch' ? (
              <div className="alert alert-error" role="status">
                <p>
                  Mismatch: {done.outcome.checks.filter((c) => !c.ok).length} of {done.outcome.checks.length} checks failed.
                </p>
                <ul className="list">
                  {done.outcome.checks
                    .filter((c) => !c.ok)
                    .map((c, i) => (
                      <li key={i}>{c.problem}</li>
                    ))}
                </ul>
              </div>
            ) : (
              <p className="alert alert-info" role="status">
                {done.outcome.reason}
              </p>
            )}
            <ul className="verify-steps" aria-label="Verification steps">
              {done.outcome.checks.map((c, i) => (
                <CheckLine key={i} check={c} />
              ))}
            </ul>
            {done.summary.seed ? (
              <dl className="summary-list small">
                <dt>Seed</dt>
                <dd className="mono">{done.summary.seed}</dd>
                <dt>Commitment</dt>
                <dd className="mono">{done.summary.seedCommitment}</dd>
                <dt>Merkle root</dt>
                <dd className="mono">{done.summary.merkleRoot}</dd>
              </dl>
            ) : null}
          </>
        ) : null}
      </div>
      <p className="muted small">
        Prefer your own tools? Save the <a href={`/api/v1/drawings/${drawingId}/verification`}>proof document (JSON)</a>{' '}
        with the <a href="/.well-known/fittrack-transparency/entries">transparency log entries</a> and run{' '}
        <code>python scripts/verify_drawing.py proof.json --log entries.json</code>.
      </p>
    </Card>
  );
}
