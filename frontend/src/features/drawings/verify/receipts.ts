/**
 * A member's purchase receipts against the snapshot frozen at close: each receipt's leaf is
 * H(0x00 || u64 first || u64 last || owner hash), that block is in the snapshot, and the
 * purchase chain recomputed from the snapshot passes through the receipt's heads.
 */
import { bytesToHex, concat, sha256, utf8, uuidToBytes, type Sha256 } from './bytes';
import { chainHeads, leafHash, type Block, type VerificationDocument } from './verify';
import type { LogCheck } from './transparency';

export interface EntryReceipt {
  firstTicketNumber: number;
  lastTicketNumber: number;
  ownerHash: string;
  leaf: string;
  previousHead: string | null;
  chainHead: string | null;
}

export const ticketRange = (first: number, last: number) => (first === last ? `#${first}` : `#${first}–#${last}`);

/** The chain's head before any entry: H("fittrack-entries-v1" || drawing id). */
function genesisHead(drawingId: string, hash: Sha256): string {
  return bytesToHex(hash(concat(utf8('fittrack-entries-v1'), uuidToBytes(drawingId))));
}

/** One named check per receipt; none when the document has no snapshot yet. */
export function checkReceipts(doc: VerificationDocument, receipts: readonly EntryReceipt[], hash: Sha256 = sha256): LogCheck[] {
  if (!doc.snapshot) return [];
  const blocks = (doc.snapshot.blocks ?? []) as Block[];
  const heads = chainHeads(uuidToBytes(doc.drawingId), blocks, hash);
  return receipts.map((r) => {
    const range = ticketRange(r.firstTicketNumber, r.lastTicketNumber);
    const label = `My receipt for tickets ${range} is in the snapshot and the purchase chain`;
    const leaf = bytesToHex(leafHash(hash, r.firstTicketNumber, r.lastTicketNumber, r.ownerHash));
    const at = blocks.findIndex(([f, l, o]) => f === r.firstTicketNumber && l === r.lastTicketNumber && o === r.ownerHash);
    const before = at > 0 ? heads[at - 1] : genesisHead(doc.drawingId, hash);
    const problem =
      leaf !== r.leaf
        ? `My receipt for tickets ${range}: its leaf is not the hash of its ticket range and owner hash.`
        : at < 0
          ? `My receipt for tickets ${range}: that block is not in the snapshot.`
          : `My receipt for tickets ${range}: the purchase chain does not pass through its heads.`;
    const ok = leaf === r.leaf && at >= 0 && (r.chainHead === null || (heads[at] === r.chainHead && r.previousHead === before));
    return ok ? { ok, label } : { ok, label, problem };
  });
}
