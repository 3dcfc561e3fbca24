// @vitest-environment node
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, sha256, utf8, webSha256 } from './bytes';
import fixture from './fixtures/transparency-v2.json';
import { checkReceipts, type EntryReceipt } from './receipts';
import { chainBreak, checkLog, keyId, noteVerifies, parseNote, type TransparencyLog } from './transparency';
import type { VerificationDocument } from './verify';

// The local platform's real output: a drawn v2 drawing, the log after the draw, one purchase receipt.
const doc = fixture.document as unknown as VerificationDocument;
const log = fixture.log as TransparencyLog;
const receipt = fixture.receipt as EntryReceipt;
const clone = <T>(x: T): T => structuredClone(x);
const failed = (checks: { ok: boolean; label: string }[]) => checks.filter((c) => !c.ok).map((c) => c.label);
const problems = (checks: { ok: boolean; problem?: string }[]) => checks.filter((c) => !c.ok).map((c) => c.problem);
const flip = (hex: string) => (hex[0] === '1' ? '2' : '1') + hex.slice(1);

/** Rewrites entry `seq`'s body and re-chains everything after it: a consistent but different log. */
function rewrite(l: TransparencyLog, seq: number, edit: (body: Record<string, unknown>) => void): TransparencyLog {
  const forged = clone(l);
  const entry = forged.entries[seq - 1]!;
  const body = JSON.parse(entry.body) as Record<string, unknown>;
  edit(body);
  entry.body = JSON.stringify(body);
  let prev = entry.prevHash;
  for (const e of forged.entries.slice(seq - 1)) {
    e.prevHash = prev;
    e.entryHash = bytesToHex(sha256(new Uint8Array([...Buffer.from(prev, 'hex'), ...utf8(e.body)])));
    prev = e.entryHash;
  }
  return forged;
}

describe('the checkpoint note', () => {
  it("parses the server's note and verifies its Ed25519 signature with the published key", () => {
    const note = parseNote(log.checkpoint.note);
    expect([note.origin, note.size, note.head]).toEqual([log.checkpoint.origin, log.checkpoint.size, log.checkpoint.head]);
    expect(bytesToHex(keyId(log.key.keyName, Buffer.from(log.key.publicKey, 'hex')))).toBe(log.key.verifierKey.split('+')[1]);
    expect(noteVerifies(note, log.key)).toBe(true);
  });

  it('rejects a note whose size was changed, signed by another key, or under another key name', () => {
    const bigger = parseNote(log.checkpoint.note.replace(`\n${log.checkpoint.size}\n`, `\n${log.checkpoint.size + 1}\n`));
    expect(noteVerifies(bigger, log.key)).toBe(false);
    const other = ed25519.utils.randomSecretKey();
    const note = parseNote(log.checkpoint.note);
    const forged = { ...note, signature: ed25519.sign(utf8(note.text), other) };
    expect(noteVerifies(forged, log.key)).toBe(false);
    expect(noteVerifies(forged, { ...log.key, publicKey: bytesToHex(ed25519.getPublicKey(other)) })).toBe(false); // key id differs
    expect(noteVerifies(note, { ...log.key, keyName: 'elsewhere' })).toBe(false);
  });
});

describe('checkLog, as scripts/verify_drawing.py --log', () => {
  it('passes the real log of a drawn drawing, with one named line per check', async () => {
    const checks = checkLog(doc, log);
    expect(failed(checks)).toEqual([]);
    expect(checks.map((c) => c.label)).toEqual([
      `The log's checkpoint (size ${log.checkpoint.size}) is signed with the published Ed25519 key`,
      `The log chains from entry 1 to the checkpoint's head (${log.checkpoint.size} entries)`,
      'The log recorded this commitment at opening',
      'The log recorded this snapshot at close',
      'The log recorded this seed at the draw',
      'Every pick and forfeit is in the log',
    ]);
    // The chain hashes are plain SHA-256: WebCrypto recomputes the head independently.
    const last = log.entries[log.entries.length - 1]!;
    const again = await webSha256(new Uint8Array([...Buffer.from(last.prevHash, 'hex'), ...utf8(last.body)]));
    expect(bytesToHex(again)).toBe(log.checkpoint.head);
  });

  it('fails naming the entry when a log entry is rewritten in place', () => {
    const forged = clone(log);
    forged.entries[1]!.body = forged.entries[1]!.body.replace(doc.merkleRoot!, flip(doc.merkleRoot!));
    expect(chainBreak(forged.entries)).toBe(2);
    expect(problems(checkLog(doc, forged))).toContain('Log entry 2 does not chain: its hashes are not H(previous hash || body).');
  });

  it('fails on a re-chained log that the signed checkpoint never saw', () => {
    const forged = rewrite(log, 2, (b) => void (b.merkleRoot = flip(doc.merkleRoot!)));
    expect(chainBreak(forged.entries)).toBeNull();
    expect(failed(checkLog(doc, forged))).toEqual([
      `The log chains from entry 1 to the checkpoint's head (${log.checkpoint.size} entries)`,
      'The log recorded this snapshot at close',
    ]);
  });

  it('fails when the checkpoint is tampered with: its head, its size, or its signature', () => {
    const head = clone(log);
    head.checkpoint.head = flip(head.checkpoint.head);
    expect(problems(checkLog(doc, head))[0]).toBe("The checkpoint's size, head or origin is not what its signed note says.");
    const cut = clone(log);
    cut.entries.pop();
    expect(failed(checkLog(doc, cut))).toContain(`The log chains from entry 1 to the checkpoint's head (${log.checkpoint.size} entries)`);
    const signed = clone(log);
    const [text, line] = signed.checkpoint.note.split('\n\n') as [string, string];
    const blob = Buffer.from(line.split(' ')[2]!, 'base64');
    blob[blob.length - 1]! ^= 1;
    signed.checkpoint.note = `${text}\n\n${line.split(' ').slice(0, 2).join(' ')} ${blob.toString('base64')}\n`;
    expect(problems(checkLog(doc, signed))[0]).toBe(`The checkpoint's signature does not verify with the published key ${log.key.keyName}.`);
  });

  it('fails when the document disagrees with the logged commitment, seed or picks', () => {
    const commitment = { ...clone(doc), seedCommitment: flip(doc.seedCommitment!) };
    expect(failed(checkLog(commitment, log))).toEqual(['The log recorded this commitment at opening']);
    const seed = { ...clone(doc), seed: flip(doc.seed!) };
    expect(failed(checkLog(seed, log))).toEqual(['The log recorded this seed at the draw']);
    const forfeit = clone(doc);
    forfeit.winners[0]!.status = 'forfeited';
    expect(failed(checkLog(forfeit, log))).toEqual(['Every pick and forfeit is in the log']);
  });

  it('fails when the log has no events for the drawing, and names a malformed note', () => {
    const other = { ...clone(doc), drawingId: '01a23ad1-0000-7000-8000-000000000000' };
    expect(failed(checkLog(other, log))).toHaveLength(4);
    const broken = clone(log);
    broken.checkpoint.note = 'not a note';
    expect(problems(checkLog(doc, broken))).toEqual(['The transparency log is malformed: the checkpoint is not a checkpoint note']);
  });
});

describe('checkReceipts', () => {
  it("finds the member's purchase receipt in the snapshot and the purchase chain", () => {
    expect(checkReceipts(doc, [receipt])).toEqual([{ ok: true, label: 'My receipt for tickets #7–#8 is in the snapshot and the purchase chain' }]);
  });

  it('fails naming what when a receipt was altered or never made it into the snapshot', () => {
    expect(problems(checkReceipts(doc, [{ ...receipt, leaf: flip(receipt.leaf) }]))).toEqual([
      'My receipt for tickets #7–#8: its leaf is not the hash of its ticket range and owner hash.',
    ]);
    const moved = { ...receipt, lastTicketNumber: 9 };
    expect(problems(checkReceipts(doc, [moved]))[0]).toMatch(/its leaf is not/);
    const previous = { ...receipt, previousHead: flip(receipt.previousHead!) };
    expect(problems(checkReceipts(doc, [previous]))).toEqual(['My receipt for tickets #7–#8: the purchase chain does not pass through its heads.']);
    const dropped = clone(doc);
    dropped.snapshot!.blocks = dropped.snapshot!.blocks!.slice(0, -1);
    expect(problems(checkReceipts(dropped, [receipt]))).toEqual(['My receipt for tickets #7–#8: that block is not in the snapshot.']);
  });
});
