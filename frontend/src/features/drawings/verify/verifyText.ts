/**
 * One verification run from the document's raw JSON text to the verdict: what the Web Worker
 * runs (parsing 100,000 blocks is itself ~100 ms of main-thread time), and what the page
 * runs itself where there are no workers (tests).
 */
import { verifyDrawing, type PublishedWinner, type VerificationDocument, type VerifyOutcome } from './verify';

export interface VerifyRequest {
  text: string;
  published?: PublishedWinner[];
  userId?: string;
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

export async function verifyText({ text, published, userId }: VerifyRequest): Promise<VerifyResult> {
  const doc = parse(text);
  if (!doc) {
    const problem = 'The document is not JSON.';
    return {
      outcome: { status: 'mismatch', checks: [{ kind: 'blocks', ok: false, label: problem, problem }], recomputed: [] },
      summary: {},
      ms: 0,
    };
  }
  const started = performance.now();
  const outcome = await verifyDrawing(doc, { ...(published ? { published } : {}), ...(userId ? { userId } : {}) });
  const ms = performance.now() - started;
  return { outcome, summary: { seed: doc.seed, seedCommitment: doc.seedCommitment, merkleRoot: doc.merkleRoot }, ms };
}
