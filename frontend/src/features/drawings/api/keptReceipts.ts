/**
 * Purchase receipts kept in this browser, per member and drawing, with the transparency
 * checkpoint the member's browser saw when the receipt arrived. The server's answer is the
 * receipt; keeping it lets the member check it later against the snapshot frozen at close.
 */
import type { EntryReceipt } from '../verify/receipts';

export interface SeenCheckpoint {
  size: number;
  head: string;
  /** When this browser read the checkpoint (ISO time). */
  seenAt: string;
}

export interface KeptReceipt {
  receipt: EntryReceipt;
  receivedAt: string;
  checkpoint: SeenCheckpoint | null;
}

const storageKey = (userId: string, drawingId: string) => `fittrack.receipts.${userId}.${drawingId}`;

function isKept(value: unknown): value is KeptReceipt {
  const kept = value as KeptReceipt | null;
  return typeof kept?.receipt?.leaf === 'string' && typeof kept.receipt.firstTicketNumber === 'number' && typeof kept.receivedAt === 'string';
}

export function loadReceipts(userId: string, drawingId: string): KeptReceipt[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId, drawingId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isKept) : [];
  } catch {
    return []; // storage unavailable or not ours: nothing kept
  }
}

/** Adds a receipt (once per ticket range); storage that refuses the write keeps nothing. */
export function keepReceipt(userId: string, drawingId: string, kept: KeptReceipt): void {
  const others = loadReceipts(userId, drawingId).filter((k) => k.receipt.firstTicketNumber !== kept.receipt.firstTicketNumber);
  try {
    localStorage.setItem(storageKey(userId, drawingId), JSON.stringify([...others, kept]));
  } catch {
    // private mode or a full quota: the receipt is still shown once, and the proof document has it after close
  }
}
