// @vitest-environment node
import { describe, expect, it } from 'vitest';
import generated from './fixtures/generated.json';
import logged from './fixtures/transparency-v2.json';
import type { TransparencyLog } from './transparency';
import { verifyInBackground } from './inWorker';
import { verifyText } from './verifyText';

describe('verifying from the document text (what the worker runs)', () => {
  it('parses, verifies and returns the seed, commitment and root to show', async () => {
    const result = await verifyText({ text: JSON.stringify(generated) });
    expect(result.outcome.status).toBe('verified');
    expect(result.summary).toEqual({ seed: generated.seed, seedCommitment: generated.seedCommitment, merkleRoot: generated.merkleRoot });
    expect(result.ms).toBeGreaterThan(0);
  });

  it('names a changed root against the recomputed one', async () => {
    const forged = `${generated.merkleRoot.startsWith('0') ? '1' : '0'}${generated.merkleRoot.slice(1)}`;
    const { outcome } = await verifyText({ text: JSON.stringify({ ...generated, merkleRoot: forged }) });
    expect(outcome.status).toBe('mismatch');
    expect(outcome.checks.filter((c) => !c.ok).map((c) => c.problem)).toEqual([
      expect.stringMatching(new RegExp(`is not the published root \\(${forged.slice(0, 12)}…\\)\\.$`)),
    ]);
  });

  it('fails a document that is not JSON, saying so', async () => {
    const { outcome } = await verifyText({ text: '<html>not a proof</html>' });
    expect(outcome.status).toBe('mismatch');
    expect(outcome.checks.map((c) => c.problem)).toEqual(['The document is not JSON.']);
  });

  it('runs on the page where there are no workers', async () => {
    expect(typeof Worker).toBe('undefined');
    const result = await verifyInBackground({ text: JSON.stringify(generated) });
    expect(result.outcome.status).toBe('verified');
  });

  it('adds the log and kept-receipt lines to a v2 verdict, and leaves v1 drawings (older than the log) unchecked by it', async () => {
    const log = logged.log as TransparencyLog;
    const v2 = await verifyText({ text: JSON.stringify(logged.document), log, receipts: [logged.receipt], userId: logged.userId });
    expect(v2.outcome.status).toBe('verified');
    expect(v2.outcome.checks.filter((c) => c.kind === 'log')).toHaveLength(6);
    expect(v2.outcome.checks.filter((c) => c.label.endsWith('is in the snapshot and the purchase chain'))).toHaveLength(1);
    const forged = { ...log, checkpoint: { ...log.checkpoint, size: log.checkpoint.size - 1 } };
    expect((await verifyText({ text: JSON.stringify(logged.document), log: forged })).outcome.status).toBe('mismatch');
    const v1 = await verifyText({ text: JSON.stringify(generated), log });
    expect(v1.outcome.status).toBe('verified');
    expect(v1.outcome.checks.some((c) => c.kind === 'log')).toBe(false);
  });
});
