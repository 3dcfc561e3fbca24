import { Card, EmptyState, QueryView } from '@/components';
import { useSession } from '@/lib/auth/useSession';
import { formatDateTime } from '@/lib/format';
import { useMyTickets, useVerification } from '../api/drawings';
import { loadReceipts, type KeptReceipt } from '../api/keptReceipts';
import { useCheckpoint } from '../api/transparency';
import { bytesToHex, sha256 } from '../verify/bytes';
import { ticketRange } from '../verify/receipts';
import { leafHash } from '../verify/verify';
import { CheckpointSeen } from './CheckpointSeen';

interface ReceiptLine {
  first: number;
  last: number;
  at: string;
  ownerHash: string | null;
  leaf: string | null;
  chainHead: string | null;
  kept: KeptReceipt | null;
}

interface Range {
  firstTicketNumber: number;
  lastTicketNumber: number;
}

interface ProofEntries {
  ownerHash: string;
  blocks: (Range & { chainHead?: string | null })[];
}

const sameRange = (a: Range, b: Range) => a.firstTicketNumber === b.firstTicketNumber && a.lastTicketNumber === b.lastTicketNumber;

/** Each ticket block with its receipt: the one kept at purchase, else the proof document's (after close). */
function receiptLines(
  blocks: (Range & { purchasedAt: string; refundedAt?: string | null })[],
  kept: KeptReceipt[],
  proof: ProofEntries | null | undefined,
): ReceiptLine[] {
  return blocks
    .filter((b) => !b.refundedAt)
    .map((b) => {
      const mine = kept.find((k) => sameRange(k.receipt, b)) ?? null;
      const proved = proof?.blocks.find((p) => sameRange(p, b));
      const ownerHash = mine?.receipt.ownerHash ?? (proved && proof ? proof.ownerHash : null);
      const computed = ownerHash ? bytesToHex(leafHash(sha256, b.firstTicketNumber, b.lastTicketNumber, ownerHash)) : null;
      return {
        first: b.firstTicketNumber,
        last: b.lastTicketNumber,
        at: b.purchasedAt,
        ownerHash,
        leaf: mine?.receipt.leaf ?? computed,
        chainHead: mine?.receipt.chainHead ?? proved?.chainHead ?? null,
        kept: mine,
      };
    });
}

function Receipt({ line }: { line: ReceiptLine }) {
  const range = ticketRange(line.first, line.last);
  return (
    <li>
      <strong>Tickets {range}</strong> · <time dateTime={line.at}>{formatDateTime(line.at)}</time>
      {line.leaf ? (
        <dl className="summary-list small" aria-label={`Receipt for tickets ${range}`}>
          <dt>Owner hash</dt>
          <dd className="mono">{line.ownerHash}</dd>
          <dt>Leaf</dt>
          <dd className="mono">{line.leaf}</dd>
          <dt>Purchase chain head</dt>
          <dd className="mono">{line.chainHead ?? 'not chained'}</dd>
        </dl>
      ) : (
        <p className="muted small">
          This receipt was shown at purchase on another device; it is in the proof document once sales close.
        </p>
      )}
      {line.kept?.checkpoint ? (
        <>
          <p className="muted small">Transparency log checkpoint when this receipt arrived:</p>
          <CheckpointSeen label={`Checkpoint seen at purchase of tickets ${range}`} checkpoint={line.kept.checkpoint} />
        </>
      ) : null}
    </li>
  );
}

/** My receipts in this drawing and the transparency checkpoint they are seen under now. */
export function ReceiptsCard({ drawingId, status }: { drawingId: string; status: string }) {
  const session = useSession();
  const mine = useMyTickets(drawingId);
  const closed = status === 'closed' || status === 'completed';
  const proof = useVerification(drawingId, closed && (mine.data?.totalTickets ?? 0) > 0);
  const checkpoint = useCheckpoint();
  const kept = session ? loadReceipts(session.user.userId, drawingId) : [];
  return (
    <Card title="My receipts">
      <QueryView
        query={mine}
        loadingLabel="Loading your receipts"
        isEmpty={(m) => m.totalTickets === 0}
        empty={<EmptyState title="No receipts yet: enter to get one" />}
      >
        {(m) => (
          <>
            <p className="muted small">
              Each entry's receipt fixes its tickets and owner hash in the purchase chain; Verify this draw checks them
              against the snapshot frozen at close.
            </p>
            <ul className="list">
              {receiptLines(m.blocks, kept, proof.data?.myEntries).map((line) => (
                <Receipt key={line.first} line={line} />
              ))}
            </ul>
            {checkpoint.data ? (
              <>
                <h3 className="small">Transparency log checkpoint now</h3>
                <CheckpointSeen
                  label="Checkpoint seen now"
                  checkpoint={{ ...checkpoint.data, seenAt: new Date(checkpoint.dataUpdatedAt).toISOString() }}
                />
              </>
            ) : null}
          </>
        )}
      </QueryView>
    </Card>
  );
}
