/**
 * Recomputes a FitTrack drawing from its public verification document, as docs/drawings.md
 * describes and scripts/verify_drawing.py (the reference verifier) does. Pure functions:
 * nothing here talks to the API, so a saved document verifies the same way.
 */
import { beaconMessage, canonicalJson, chainHash, KNOWN_CHAINS, signatureVerifies, type BeaconRound, type DrawingTerms } from './beacon';
import { bytesToHex, concat, hexToBytes, MalformedDocument, sha256, u64, utf8, uuidToBytes, writeU64, type Sha256 } from './bytes';

export const ALGORITHM = 'fittrack-draw-v1';
export const ALGORITHM_V2 = 'fittrack-draw-v2';

export type Block = [number, number, string];

export interface Pick {
  drawIndex: number;
  ticketNumber: number;
  ownerHash: string;
  prizeId?: string | null;
  status?: string | null;
  replacesDrawIndex?: number | null;
}

export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

export interface VerificationDocument {
  drawingId: string;
  name?: string;
  status: string;
  algorithm: string;
  seedCommitment?: string | null;
  terms?: DrawingTerms | null;
  beacon?: BeaconRound | null;
  seed?: string | null;
  merkleRoot?: string | null;
  entriesHead?: string | null;
  /** blocks is null when the snapshot is in pages (blockPages): see blockPages.ts. */
  snapshot?: { totalTickets: number; blocks: unknown[][] | null; blockPages?: { pageSize: number; pageCount: number; url: string } | null } | null;
  prizes: { prizeId: string; rank: number; name?: string; quantity: number }[];
  winners: Pick[];
  alternates: Pick[];
  myEntries?: {
    ownerSalt: string;
    ownerHash: string;
    blocks: { firstTicketNumber: number; lastTicketNumber: number; proof: ProofStep[]; chainHead?: string | null }[];
  } | null;
}

export type CheckKind = 'commitment' | 'terms' | 'beacon' | 'entries' | 'blocks' | 'merkle' | 'picks' | 'pick' | 'prize' | 'unique' | 'published' | 'mine' | 'log';

export interface Check {
  kind: CheckKind;
  ok: boolean;
  label: string;
  /** When it failed: what does not match, in words a member can check. */
  problem?: string;
}

export interface VerifyOutcome {
  /** verified: every check passed; mismatch: at least one failed; unverifiable: nothing to check yet or unreadable. */
  status: 'verified' | 'mismatch' | 'unverifiable';
  reason?: string;
  checks: Check[];
  /** The picks recomputed from the seed, in order (ticket number, owner hash). */
  recomputed: { ticketNumber: number; ownerHash: string }[];
}

/** A published result to compare against: the winners' ticket numbers by draw index. */
export interface PublishedWinner {
  drawIndex: number;
  winningNumber: number;
}

export interface VerifyOptions {
  sha256?: Sha256;
  /** The signed-in member's id: checks that their owner hash is H(salt || id). */
  userId?: string;
  /** The winners as the results page shows them: each must be the recomputed pick. */
  published?: PublishedWinner[];
}

const LEAF = 0;
const NODE = 1;

/** H(0x00 || u64 first || u64 last || owner), written into one buffer: this runs once per block. */
export function leafHash(hash: Sha256, first: number, last: number, owner: string): Uint8Array {
  const ownerBytes = hexToBytes(owner, 'owner hash');
  const input = new Uint8Array(17 + ownerBytes.length);
  input[0] = LEAF;
  writeU64(input, 1, first);
  writeU64(input, 9, last);
  input.set(ownerBytes, 17);
  return hash(input);
}

function nodeHash(hash: Sha256, left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash(input);
}

/** Leaves H(0x00 || u64 first || u64 last || owner); nodes H(0x01 || left || right); an odd last node moves up; no leaves: H(""). */
export function merkleRoot(blocks: readonly Block[], hash: Sha256 = sha256): string {
  let level = blocks.map(([f, l, o]) => leafHash(hash, f, l, o));
  if (level.length === 0) return bytesToHex(hash(new Uint8Array()));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(hash, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return bytesToHex(level[0]!);
}

/** The root a member's inclusion proof leads to (sibling hashes from the leaf upwards). */
export function proofRoot(first: number, last: number, owner: string, steps: readonly ProofStep[], hash: Sha256 = sha256): string {
  let node = leafHash(hash, first, last, owner);
  for (const step of steps) {
    const sibling = hexToBytes(step.hash, 'proof hash');
    node = step.side === 'left' ? nodeHash(hash, sibling, node) : nodeHash(hash, node, sibling);
  }
  return bytesToHex(node);
}

/** The purchase chain's head after each block: head_0 = H("fittrack-entries-v1" || id), head_k = H(0x02 || head_(k-1) || leaf_k). */
export function chainHeads(drawingId: Uint8Array, blocks: readonly Block[], hash: Sha256 = sha256): string[] {
  let head = hash(concat(utf8('fittrack-entries-v1'), drawingId));
  return blocks.map(([f, l, o]) => {
    head = hash(concat(new Uint8Array([2]), head, leafHash(hash, f, l, o)));
    return bytesToHex(head);
  });
}

const TWO_64 = 1n << 64n;

/** x_c = first 8 bytes (big-endian) of H(algorithm || seed || root || id || u64(c)); uniform(n) by rejection sampling. */
export class Stream {
  private counter = 0n;
  private readonly prefix: Uint8Array;

  constructor(
    seed: Uint8Array,
    root: Uint8Array,
    drawingId: Uint8Array,
    private readonly hash: Sha256 = sha256,
    algorithm: string = ALGORITHM,
  ) {
    this.prefix = concat(utf8(algorithm), seed, root, drawingId);
  }

  uniform(n: number): number {
    const big = BigInt(n);
    const limit = (TWO_64 / big) * big;
    for (;;) {
      const digest = this.hash(concat(this.prefix, u64(this.counter)));
      this.counter += 1n;
      const x = new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0);
      if (x < limit) return Number(x % big);
    }
  }
}

/** The first `count` picks: each uniform over the tickets of owners not picked yet, in ticket order. */
export function computePicks(
  seed: Uint8Array,
  root: Uint8Array,
  drawingId: Uint8Array,
  blocks: readonly Block[],
  count: number,
  hash: Sha256 = sha256,
  algorithm: string = ALGORITHM,
): { ticketNumber: number; ownerHash: string }[] {
  const stream = new Stream(seed, root, drawingId, hash, algorithm);
  const chosen: { ticketNumber: number; ownerHash: string }[] = [];
  const picked = new Set<string>();
  while (chosen.length < count) {
    const remaining = blocks.filter(([, , o]) => !picked.has(o));
    const total = remaining.reduce((n, [f, l]) => n + (l - f + 1), 0);
    if (total === 0) break;
    let u = stream.uniform(total);
    for (const [first, last, owner] of remaining) {
      const size = last - first + 1;
      if (u < size) {
        chosen.push({ ticketNumber: first + u, ownerHash: owner });
        picked.add(owner);
        break;
      }
      u -= size;
    }
  }
  return chosen;
}

function parseBlocks(raw: unknown[][] | null): Block[] {
  if (!Array.isArray(raw)) throw new MalformedDocument("the snapshot's blocks are not in the document (nor were its pages read)");
  return raw.map((b, i) => {
    const [f, l, o] = b;
    if (!Number.isSafeInteger(f) || !Number.isSafeInteger(l) || typeof o !== 'string')
      throw new MalformedDocument(`block ${i} is not [first, last, ownerHash]`);
    return [f as number, l as number, o];
  });
}

const short = (h: string) => `${h.slice(0, 12)}…`;

type Checker = (kind: CheckKind, ok: boolean, label: string, problem?: string) => void;

/** v2: the terms hash to the commitment, name this drawing and a real chain; the round is theirs, signed, and is the seed. */
function checkTermsAndBeacon(doc: VerificationDocument, hash: Sha256, check: Checker): void {
  const { terms, beacon } = doc;
  if (!terms || !beacon) {
    check('terms', false, 'The document carries the committed terms and the beacon round');
    return;
  }
  const committed = bytesToHex(hash(utf8(canonicalJson(terms))));
  check(
    'terms',
    committed === doc.seedCommitment,
    'SHA-256 of the terms equals the commitment published at opening',
    `The terms hash to ${short(committed)}, not to the commitment published at opening (${short(doc.seedCommitment ?? '')}).`,
  );
  check('terms', terms.algorithm === ALGORITHM_V2 && terms.drawingId === bytesToHex(uuidToBytes(doc.drawingId)), 'The terms name this drawing and its algorithm');
  const b = terms.beacon;
  const chain = KNOWN_CHAINS[b.chainHash] ?? 'a chain that is not a League of Entropy mainnet chain';
  check('beacon', chainHash(b, hash) === b.chainHash, `The beacon is ${chain} (its info hashes to ${short(b.chainHash)})`);
  check('beacon', beacon.round === b.round, `The draw used drand round ${b.round}, fixed at opening`);
  const randomness = bytesToHex(hash(hexToBytes(beacon.signature, 'beacon signature')));
  check('beacon', randomness === beacon.randomness && randomness === doc.seed, "The seed is SHA-256 of the round's signature");
  const message = beaconMessage(b.scheme, beacon.round, beacon.previousSignature, hash);
  check('beacon', signatureVerifies(b.scheme, b.publicKey, message, beacon.signature), `Round ${beacon.round}'s BLS signature verifies against the chain's public key`);
  const key = (p: { prizeId: string; rank: number; quantity: number }) => `${p.prizeId.replace(/-/g, '')}:${p.rank}:${p.quantity}`;
  const promised = terms.prizes.map(key).sort().join(',');
  const drawn = doc.prizes.map(key).sort().join(',');
  check('terms', promised === drawn, 'The prizes drawn for are the prizes committed to at opening');
}

/** Every check of scripts/verify_drawing.py, plus the published winners and the member's own owner hash. */
export async function verifyDrawing(doc: VerificationDocument, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const hash = options.sha256 ?? sha256;
  const checks: Check[] = [];
  const check = (kind: CheckKind, ok: boolean, label: string, problem = `Failed: ${label}`) =>
    checks.push(ok ? { kind, ok, label } : { kind, ok, label, problem });
  const unverifiable = (reason: string): VerifyOutcome => ({ status: 'unverifiable', reason, checks, recomputed: [] });

  if (doc.status !== 'completed' || !doc.seed || !doc.snapshot)
    return unverifiable('This drawing has not been drawn yet: the seed is revealed at the draw.');
  if (doc.algorithm !== ALGORITHM && doc.algorithm !== ALGORITHM_V2) return unverifiable(`Unknown selection algorithm “${doc.algorithm}”.`);

  try {
    const seed = hexToBytes(doc.seed, 'seed');
    const blocks = parseBlocks(doc.snapshot.blocks);
    const totalTickets = doc.snapshot.totalTickets;

    if (doc.algorithm === ALGORITHM_V2) checkTermsAndBeacon(doc, hash, check);
    else {
      const sealed = bytesToHex(hash(seed));
      check(
        'commitment',
        sealed === doc.seedCommitment,
        'SHA-256 of the revealed seed equals the commitment published at opening',
        `The revealed seed hashes to ${short(sealed)}, not to the commitment published at opening (${short(doc.seedCommitment ?? '')}).`,
      );
    }

    let expected = 1;
    let contiguous = true;
    for (const [first, last] of blocks) {
      contiguous &&= first === expected && last >= first;
      expected = last + 1;
    }
    check(
      'blocks',
      contiguous && expected - 1 === totalTickets,
      `The blocks number tickets 1 to ${totalTickets} without gaps`,
      `The snapshot's blocks do not number tickets 1 to ${totalTickets} without gaps or overlaps.`,
    );

    const root = merkleRoot(blocks, hash);
    check(
      'merkle',
      root === doc.merkleRoot,
      `Merkle root recomputed from ${blocks.length} blocks (${short(root)}) matches the published root`,
      `The Merkle root recomputed from ${blocks.length} blocks (${short(root)}) is not the published root (${short(doc.merkleRoot ?? '')}).`,
    );

    const heads = chainHeads(uuidToBytes(doc.drawingId), blocks, hash);
    if (doc.entriesHead)
      check(
        'entries',
        heads[heads.length - 1] === doc.entriesHead,
        'The purchase chain recomputed from the blocks ends at the head published at close',
      );

    const slots = [...doc.prizes].sort((a, b) => a.rank - b.rank).flatMap((p) => Array<string>(p.quantity).fill(p.prizeId));
    const rankOf = new Map(doc.prizes.map((p) => [p.prizeId, p.rank]));
    const winners = [...doc.winners].sort((a, b) => a.drawIndex - b.drawIndex);
    const picks = [...winners, ...doc.alternates];
    const wanted = Math.max(-1, ...picks.map((w) => w.drawIndex)) + 1;
    const sequence = computePicks(seed, hexToBytes(root), uuidToBytes(doc.drawingId), blocks, Math.max(wanted, slots.length), hash, doc.algorithm);

    check(
      'picks',
      winners.every((w, i) => w.drawIndex === i),
      'Every pick up to the last one used is recorded once',
    );
    const initial = winners.filter((w) => w.replacesDrawIndex == null);
    check('picks', initial.length === Math.min(slots.length, sequence.length), 'Every prize that could be filled was drawn');

    for (const w of picks) {
      const got = sequence[w.drawIndex];
      const same = got !== undefined && got.ticketNumber === w.ticketNumber && got.ownerHash === w.ownerHash;
      check(
        'pick',
        same,
        `Pick ${w.drawIndex + 1}: ticket #${w.ticketNumber} recomputed from the seed`,
        `Pick ${w.drawIndex + 1}: the document says ticket #${w.ticketNumber}, the seed gives ${got ? `#${got.ticketNumber}` : 'no ticket'}.`,
      );
    }
    const byIndex = new Map(winners.map((w) => [w.drawIndex, w]));
    for (const w of winners) {
      const replaced = w.replacesDrawIndex != null ? byIndex.get(w.replacesDrawIndex) : undefined;
      const ok =
        replaced === undefined
          ? w.replacesDrawIndex == null && w.drawIndex < slots.length && w.prizeId === slots[w.drawIndex]
          : replaced.status === 'forfeited' && replaced.prizeId === w.prizeId;
      check('prize', ok, `Pick ${w.drawIndex + 1} holds the right prize (rank ${rankOf.get(w.prizeId ?? '') ?? '?'})`);
    }
    const owners = winners.map((w) => w.ownerHash);
    check('unique', new Set(owners).size === owners.length, 'Nobody was drawn twice');

    if (options.published) {
      const ticketOf = new Map(winners.map((w) => [w.drawIndex, w.ticketNumber]));
      const ok =
        options.published.length > 0 &&
        options.published.every((p) => ticketOf.get(p.drawIndex) === p.winningNumber && sequence[p.drawIndex]?.ticketNumber === p.winningNumber);
      check('published', ok, 'The winning numbers on the results page are the recomputed picks');
    }

    const mine = doc.myEntries;
    if (mine) {
      if (options.userId) {
        const owner = bytesToHex(hash(concat(hexToBytes(mine.ownerSalt, 'salt'), uuidToBytes(options.userId))));
        check('mine', owner === mine.ownerHash, 'My owner hash is SHA-256 of my salt and my member id');
      }
      for (const b of mine.blocks) {
        const got = proofRoot(b.firstTicketNumber, b.lastTicketNumber, mine.ownerHash, b.proof, hash);
        const inSnapshot = blocks.some(([f, l, o]) => f === b.firstTicketNumber && l === b.lastTicketNumber && o === mine.ownerHash);
        const range = b.firstTicketNumber === b.lastTicketNumber ? `#${b.firstTicketNumber}` : `#${b.firstTicketNumber}–#${b.lastTicketNumber}`;
        check('mine', got === root && inSnapshot, `My tickets ${range} are in the snapshot (inclusion proof)`);
        if (b.chainHead) {
          const at = blocks.findIndex(([f, l, o]) => f === b.firstTicketNumber && l === b.lastTicketNumber && o === mine.ownerHash);
          check('mine', at >= 0 && heads[at] === b.chainHead, `My receipt for tickets ${range} is in the purchase chain`);
        }
      }
    }
    return { status: checks.every((c) => c.ok) ? 'verified' : 'mismatch', checks, recomputed: sequence };
  } catch (error) {
    if (error instanceof MalformedDocument || error instanceof TypeError || error instanceof RangeError) {
      const malformed = `The document is malformed: ${error.message}`;
      check('blocks', false, malformed, malformed);
      return { status: 'mismatch', checks, recomputed: [] };
    }
    throw error;
  }
}
