/**
 * One verification run from the document's raw JSON text to the verdict: what the Web Worker
 * runs (parsing 100,000 blocks is itself ~100 ms of main-thread time), and what the page
 * runs itself where there are no workers (tests).
 */
import { withPagedBlocks } from './blockPages';
import { checkReceipts, type EntryReceipt } from './receipts';
import { checkLog, type TransparencyLog } from './transparency';
import { ALGORITHM_V2, verifyDrawing, type Check, type PublishedWinner, type VerificationDocument, type VerifyOutcome } from './verify';

export interface VerifyRequest {
  text: string;
  published?: PublishedWinner[];
  userId?: string;
  /** The public transparency log: the drawing's events must be in it, under a signed checkpoint (null: it could not be read). */
  log?: TransparencyLog | null;
  /** Receipts the member kept from their purchases: each must be in the snapshot. */
  receipts?: EntryReceipt[];
  /** The snapshot's pages of blocks as fetched, in order, when the document has blockPages (moved to the worker, not copied). */
  pages?: ArrayBuffer[];
}

export interface VerifyResult {
  outcome: VerifyOutcome;
  /** What the page shows beside the steps; the rest of the document stays in the worker. */
  summary: Pick<VerificationDocument, 'seed' | 'seedCommitment' | 'merkleRoot'>;
  /** Time spent recomputing (after the JSON is parsed), in ms. */
  ms: number;
}

function parse(text: string): VerificationDocument | null {
  try {
    const doc: unknown = JSON.parse(text);
    return doc && typeof doc === 'object' ? (doc as VerificationDocument) : null;
  } catch {
    return null;
  }
}

/** The document's own checks, then the log's and the kept receipts' (each a named line). */
const UNREAD_LOG: Check = {
  kind: 'log',
  ok: false,
  label: 'The public transparency log was read',
  problem: "The transparency log could not be read, so this drawing's events were not checked against it.",
};

function logChecks(doc: VerificationDocument, log: TransparencyLog | null | undefined): Check[] {
  // v1 drawings were drawn before the log existed: it holds no events of theirs to check.
  if (doc.algorithm !== ALGORITHM_V2 || log === undefined) return [];
  return log ? checkLog(doc, log).map((c) => ({ kind: 'log' as const, ...c })) : [UNREAD_LOG];
}

function withPublicRecord(drawn: VerifyOutcome, doc: VerificationDocument, log?: TransparencyLog | null, receipts?: EntryReceipt[]): VerifyOutcome {
  const extra: Check[] = [
    ...logChecks(doc, log),
    ...(receipts ? checkReceipts(doc, receipts).map((c) => ({ kind: 'mine' as const, ...c })) : []),
  ];
  const checks = [...drawn.checks, ...extra];
  return { ...drawn, checks, status: checks.every((c) => c.ok) ? 'verified' : 'mismatch' };
}

function unreadable(problem: string): VerifyResult {
  return {
    outcome: { status: 'mismatch', checks: [{ kind: 'blocks', ok: false, label: problem, problem }], recomputed: [] },
    summary: {},
    ms: 0,
  };
}

export async function verifyText({ text, published, userId, log, receipts, pages }: VerifyRequest): Promise<VerifyResult> {
  const parsed = parse(text);
  if (!parsed) return unreadable('The document is not JSON.');
  const assembled = withPagedBlocks(parsed, pages ?? []);
  if ('problem' in assembled) return unreadable(assembled.problem);
  const { doc } = assembled;
  const started = performance.now();
  const drawn = await verifyDrawing(doc, { ...(published ? { published } : {}), ...(userId ? { userId } : {}) });
  const outcome = drawn.status === 'unverifiable' ? drawn : withPublicRecord(drawn, doc, log, receipts);
  const ms = performance.now() - started;
  return { outcome, summary: { seed: doc.seed, seedCommitment: doc.seedCommitment, merkleRoot: doc.merkleRoot }, ms };
}
