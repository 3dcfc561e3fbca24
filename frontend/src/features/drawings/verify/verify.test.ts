// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { bytesToHex, concat, hexToBytes, u64, utf8, uuidToBytes, webSha256 } from './bytes';
import apiDrawing from './fixtures/api-drawing.json';
import generated from './fixtures/generated.json';
import { computePicks, merkleRoot, proofRoot, Stream, verifyDrawing, type Block, type VerificationDocument } from './verify';

const sha = async (s: string | Uint8Array) => bytesToHex(await webSha256(typeof s === 'string' ? utf8(s) : s));
const clone = <T>(x: T): T => structuredClone(x);
const failed = (o: { checks: { ok: boolean; label: string }[] }) => o.checks.filter((c) => !c.ok).map((c) => c.label);

/** Builds a complete verification document from a seed, a drawing id, blocks and prizes (docs/drawings.md). */
async function buildDocument(): Promise<VerificationDocument> {
  const seed = hexToBytes('11'.repeat(32));
  const drawingId = '01a2358a-c6df-705c-ae08-bab4c5632ca4';
  const owner = async (n: number) => sha(concat(hexToBytes('ab'.repeat(16)), u64(n)));
  const [a, b, c] = [await owner(1), await owner(2), await owner(3)];
  const blocks: Block[] = [
    [1, 3, a],
    [4, 4, b],
    [5, 9, c],
    [10, 10, a],
    [11, 12, b],
  ];
  const root = await merkleRoot(blocks);
  const prizes = [
    { prizeId: '00000000-0000-4000-8000-000000000001', rank: 1, name: 'Bike', quantity: 1 },
    { prizeId: '00000000-0000-4000-8000-000000000002', rank: 2, name: 'Card', quantity: 1 },
  ];
  const seq = await computePicks(seed, hexToBytes(root), uuidToBytes(drawingId), blocks, 3);
  return {
    drawingId,
    name: 'Fixture',
    status: 'completed',
    algorithm: 'fittrack-draw-v1',
    seedCommitment: await sha(seed),
    seed: bytesToHex(seed),
    merkleRoot: root,
    snapshot: { totalTickets: 12, blocks },
    prizes,
    winners: seq.slice(0, 2).map((p, i) => ({ drawIndex: i, ...p, prizeId: prizes[i]!.prizeId, status: 'awarded', replacesDrawIndex: null })),
    alternates: seq.slice(2).map((p, i) => ({ drawIndex: 2 + i, ...p })),
    myEntries: null,
  };
}

describe('hash primitives', () => {
  it('encodes u64 big-endian and UUIDs as 16 bytes', () => {
    expect(bytesToHex(u64(258))).toBe('0000000000000102');
    expect(bytesToHex(u64(2 ** 53 - 1))).toBe('001fffffffffffff');
    expect(bytesToHex(uuidToBytes('01a2358a-c6df-705c-ae08-bab4c5632ca4'))).toBe('01a2358ac6df705cae08bab4c5632ca4');
    expect(() => hexToBytes('abc')).toThrow(/not hex/);
    expect(() => uuidToBytes('nope')).toThrow(/not a UUID/);
  });

  it('uses H("") as the root of no blocks and a leaf hash as the root of one', async () => {
    expect(await merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const owner = 'cd'.repeat(32);
    const leaf = await sha(concat(new Uint8Array([0]), u64(1), u64(5), hexToBytes(owner)));
    expect(await merkleRoot([[1, 5, owner]])).toBe(leaf);
  });

  it('moves an odd last node up unchanged, and proofs lead back to the root', async () => {
    const o = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
    const blocks: Block[] = [[1, 1, o(1)], [2, 2, o(2)], [3, 3, o(3)]];
    const leaves = await Promise.all(blocks.map(([f, l, ow]) => webSha256(concat(new Uint8Array([0]), u64(f), u64(l), hexToBytes(ow)))));
    const n01 = await webSha256(concat(new Uint8Array([1]), leaves[0]!, leaves[1]!));
    const root = await sha(concat(new Uint8Array([1]), n01, leaves[2]!));
    expect(await merkleRoot(blocks)).toBe(root);
    expect(await proofRoot(3, 3, o(3), [{ side: 'left', hash: bytesToHex(n01) }])).toBe(root);
    expect(
      await proofRoot(2, 2, o(2), [
        { side: 'left', hash: bytesToHex(leaves[0]!) },
        { side: 'right', hash: bytesToHex(leaves[2]!) },
      ]),
    ).toBe(root);
    expect(await proofRoot(2, 2, o(2), [{ side: 'right', hash: bytesToHex(leaves[0]!) }, { side: 'right', hash: bytesToHex(leaves[2]!) }])).not.toBe(root);
  });

  it('draws uniform numbers from the documented hash stream', async () => {
    const seed = hexToBytes('00'.repeat(32));
    const root = hexToBytes('ff'.repeat(32));
    const id = uuidToBytes('00000000-0000-4000-8000-000000000000');
    const digest = await webSha256(concat(utf8('fittrack-draw-v1'), seed, root, id, u64(0)));
    const x0 = new DataView(digest.buffer).getBigUint64(0);
    const stream = new Stream(seed, root, id);
    expect(await stream.uniform(1000)).toBe(Number(x0 % 1000n));
    expect(await stream.uniform(1)).toBe(0);
  });
});

describe('verifyDrawing', () => {
  it('verifies a document the API produced, with my inclusion proof and owner hash', async () => {
    const outcome = await verifyDrawing(apiDrawing as VerificationDocument, {
      userId: '01a2358a-121e-735d-99ac-1aca129b7957',
      published: [{ drawIndex: 0, winningNumber: 1 }],
    });
    expect(failed(outcome)).toEqual([]);
    expect(outcome.status).toBe('verified');
    expect(outcome.checks.filter((c) => c.kind === 'mine')).toHaveLength(2);
  });

  it('verifies a document made by the Python reference verifier, with a forfeit and its replacement', async () => {
    const outcome = await verifyDrawing(generated as VerificationDocument);
    expect(failed(outcome)).toEqual([]);
    expect(outcome.status).toBe('verified');
    expect(outcome.recomputed.slice(0, 5).map((p) => p.ticketNumber)).toEqual(
      [...generated.winners].sort((a, b) => a.drawIndex - b.drawIndex).map((w) => w.ticketNumber),
    );
  });

  it('builds a document from a small fixture, verifies it, then fails each tampering', async () => {
    const doc = await buildDocument();
    const good = await verifyDrawing(doc);
    expect(failed(good)).toEqual([]);
    expect(good.status).toBe('verified');

    const tamper = async (change: (d: VerificationDocument) => void) => {
      const d = clone(doc);
      change(d);
      const outcome = await verifyDrawing(d);
      expect(outcome.status).toBe('mismatch');
      return failed(outcome);
    };
    expect(await tamper((d) => (d.seedCommitment = '00'.repeat(32)))).toEqual([
      'SHA-256 of the revealed seed equals the commitment published at opening',
    ]);
    // Another seed with a matching commitment: the picks no longer come out the same.
    expect(
      await tamper((d) => {
        d.seed = '22'.repeat(32);
        d.seedCommitment = bytesToHex(hexToBytes('00'));
      }),
    ).toContain('SHA-256 of the revealed seed equals the commitment published at opening');
    expect((await tamper((d) => (d.snapshot!.blocks![1]![2] = d.snapshot!.blocks![0]![2]))).some((l) => l.startsWith('Merkle root'))).toBe(true);
    expect(await tamper((d) => (d.snapshot!.blocks![2]![1] = 8))).toContain('The blocks number tickets 1 to 12 without gaps');
    expect(
      await tamper((d) => {
        d.winners[0]!.ticketNumber = d.winners[0]!.ticketNumber === 1 ? 2 : 1;
      }),
    ).toEqual([`Pick 1: ticket #${doc.winners[0]!.ticketNumber === 1 ? 2 : 1} recomputed from the seed`]);
    expect(await tamper((d) => ([d.winners[0]!.prizeId, d.winners[1]!.prizeId] = [d.winners[1]!.prizeId, d.winners[0]!.prizeId]))).toEqual([
      'Pick 1 holds the right prize (rank 2)',
      'Pick 2 holds the right prize (rank 1)',
    ]);
    expect(await tamper((d) => d.winners.pop())).toContain('Every prize that could be filled was drawn');
    expect((await tamper((d) => (d.snapshot!.blocks![0]![2] = 'zz'))).some((l) => l.startsWith('The document is malformed'))).toBe(true);
  });

  it('compares against the published winning numbers', async () => {
    const doc = await buildDocument();
    const wrong = await verifyDrawing(doc, { published: [{ drawIndex: 0, winningNumber: doc.winners[0]!.ticketNumber + 1 }] });
    expect(failed(wrong)).toEqual(['The winning numbers on the results page are the recomputed picks']);
  });

  it('fails a tampered inclusion proof or someone else’s owner hash', async () => {
    const doc = clone(apiDrawing) as VerificationDocument;
    const userId = '01a2358a-121e-735d-99ac-1aca129b7957';
    doc.myEntries!.ownerSalt = '00'.repeat(16);
    expect(failed(await verifyDrawing(doc, { userId }))).toEqual(['My owner hash is SHA-256 of my salt and my member id']);
    const moved = clone(apiDrawing) as VerificationDocument;
    moved.myEntries!.blocks[0]!.lastTicketNumber = 2;
    expect(failed(await verifyDrawing(moved))).toEqual(['My tickets #1–#2 are in the snapshot (inclusion proof)']);
  });

  it('says when there is nothing to verify yet', async () => {
    const doc = await buildDocument();
    expect((await verifyDrawing({ ...doc, status: 'open', seed: null })).status).toBe('unverifiable');
    expect((await verifyDrawing({ ...doc, algorithm: 'other-v2' })).reason).toMatch(/Unknown selection algorithm/);
  });
});
