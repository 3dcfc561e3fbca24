/**
 * Checks a drawing against the public transparency log, as scripts/verify_drawing.py --log
 * does, plus the signed checkpoint the log is read under (docs/drawings.md, "Transparency
 * log"): entry_hash_n = H(prev_hash_n || body_n), prev_hash_1 = 32 zero bytes; the
 * checkpoint is a C2SP tlog-checkpoint shaped note signed with Ed25519 (@noble/curves).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, concat, hexToBytes, MalformedDocument, sha256, utf8, uuidToBytes, type Sha256 } from './bytes';
import type { Pick, VerificationDocument } from './verify';

export interface LogEntry {
  seq: number;
  event: string;
  drawingId?: string | null;
  body: string;
  prevHash: string;
  entryHash: string;
}

export interface LogCheckpoint {
  origin: string;
  size: number;
  head: string;
  note: string;
}

export interface LogKey {
  keyName: string;
  verifierKey: string;
  publicKey: string;
}

/** What the verifier reads from /.well-known/fittrack-transparency/: entries 1..size, the checkpoint, the key. */
export interface TransparencyLog {
  checkpoint: LogCheckpoint;
  entries: LogEntry[];
  key: LogKey;
}

export interface LogCheck {
  ok: boolean;
  label: string;
  problem?: string;
}

export const GENESIS = '0'.repeat(64);
const SIGNATURE_DASH = '\u2014';
const ED25519 = 1;

export interface SignedNote {
  /** The signed text: "<origin>\n<size>\n<base64 head>\n". */
  text: string;
  origin: string;
  size: number;
  head: string;
  keyName: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

function base64ToBytes(value: string, what: string): Uint8Array {
  try {
    return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  } catch {
    throw new MalformedDocument(`${what} is not base64`);
  }
}

/** The parts of a signed checkpoint note; MalformedDocument when it is not one. */
export function parseNote(note: string): SignedNote {
  const split = note.indexOf('\n\n');
  const lines = split < 0 ? [] : note.slice(0, split).split('\n');
  if (lines.length !== 3 || !/^\d+$/.test(lines[1]!)) throw new MalformedDocument('the checkpoint is not a checkpoint note');
  const signature = note.slice(split + 2).split('\n')[0]!.split(' ');
  if (signature.length !== 3 || signature[0] !== SIGNATURE_DASH) throw new MalformedDocument('the checkpoint has no signature line');
  const blob = base64ToBytes(signature[2]!, 'the checkpoint signature');
  return {
    text: `${lines.join('\n')}\n`,
    origin: lines[0]!,
    size: Number(lines[1]),
    head: bytesToHex(base64ToBytes(lines[2]!, 'the checkpoint head')),
    keyName: signature[1]!,
    keyId: blob.slice(0, 4),
    signature: blob.slice(4),
  };
}

/** The signed-note key id: the first 4 bytes of H(key name || 0x0A || 0x01 || public key). */
export function keyId(name: string, publicKey: Uint8Array, hash: Sha256 = sha256): Uint8Array {
  return hash(concat(utf8(name), new Uint8Array([0x0a, ED25519]), publicKey)).slice(0, 4);
}

/** Whether the note is signed by this key: same name and key id, and the Ed25519 signature verifies. */
export function noteVerifies(note: SignedNote, key: LogKey, hash: Sha256 = sha256): boolean {
  const publicKey = hexToBytes(key.publicKey, 'the log public key');
  if (note.keyName !== key.keyName || bytesToHex(note.keyId) !== bytesToHex(keyId(key.keyName, publicKey, hash))) return false;
  try {
    return ed25519.verify(note.signature, utf8(note.text), publicKey);
  } catch {
    return false; // a signature or key of the wrong length or off the curve
  }
}

/** The seq of the first entry that does not chain onto the one before (or is out of order), else null. */
export function chainBreak(entries: readonly LogEntry[], hash: Sha256 = sha256): number | null {
  let prev = GENESIS;
  for (const [i, entry] of entries.entries()) {
    const expected = bytesToHex(hash(concat(hexToBytes(prev, 'a log hash'), utf8(entry.body))));
    if (entry.seq !== i + 1 || entry.prevHash !== prev || entry.entryHash !== expected) return i + 1;
    prev = entry.entryHash;
  }
  return null;
}

type Body = Record<string, unknown> & { event?: string; drawIndex?: number; status?: string };

/** The drawing's logged events by name, in log order. */
function eventsOf(doc: VerificationDocument, entries: readonly LogEntry[]): Map<string, Body[]> {
  const mine = bytesToHex(uuidToBytes(doc.drawingId));
  const events = new Map<string, Body[]>();
  for (const entry of entries) {
    let body: Body;
    try {
      body = JSON.parse(entry.body) as Body;
    } catch {
      throw new MalformedDocument(`log entry ${entry.seq} is not JSON`);
    }
    if (body.drawingId !== mine || typeof body.event !== 'string') continue;
    events.set(body.event, [...(events.get(body.event) ?? []), body]);
  }
  return events;
}

/** Each pick's status as the log tells it: the draw's picks, then redraws and forfeits over them. */
function loggedStatus(events: Map<string, Body[]>): Map<number, string> {
  const executed = events.get('drawing.executed')?.[0];
  const picks = Array.isArray(executed?.picks) ? (executed.picks as Pick[]) : [];
  const status = new Map(picks.map((p) => [p.drawIndex, p.status ?? '']));
  for (const body of events.get('drawing.redrawn') ?? []) status.set(body.drawIndex!, body.status ?? '');
  for (const body of events.get('drawing.forfeited') ?? []) status.set(body.drawIndex!, 'forfeited');
  return status;
}

const sameSet = <T>(a: Set<T>, b: Set<T>) => a.size === b.size && [...a].every((x) => b.has(x));

/** The checkpoint is the log's own, signed, and the entries recompute to its head. */
function checkCheckpoint(log: TransparencyLog, hash: Sha256, check: (ok: boolean, label: string, problem: string) => void): void {
  const { checkpoint, entries, key } = log;
  const note = parseNote(checkpoint.note);
  const states = note.size === checkpoint.size && note.head === checkpoint.head && note.origin === checkpoint.origin;
  check(
    states && noteVerifies(note, key, hash),
    `The log's checkpoint (size ${checkpoint.size}) is signed with the published Ed25519 key`,
    states
      ? `The checkpoint's signature does not verify with the published key ${key.keyName}.`
      : "The checkpoint's size, head or origin is not what its signed note says.",
  );
  const broken = chainBreak(entries, hash);
  const last = entries[entries.length - 1]?.entryHash ?? GENESIS;
  check(
    broken === null && entries.length === note.size && last === note.head,
    `The log chains from entry 1 to the checkpoint's head (${note.size} entries)`,
    broken !== null
      ? `Log entry ${broken} does not chain: its hashes are not H(previous hash || body).`
      : `The log's ${entries.length} entries do not end at the signed checkpoint's head.`,
  );
}

/** The drawing's opened, closed, executed, redrawn and forfeited events agree with the document. */
function checkEvents(doc: VerificationDocument, log: TransparencyLog, check: (ok: boolean, label: string, problem: string) => void): void {
  const events = eventsOf(doc, log.entries);
  const first = (name: string) => events.get(name)?.[0];
  const opened = first('drawing.opened');
  check(
    !!opened && opened.seedCommitment === doc.seedCommitment,
    'The log recorded this commitment at opening',
    opened ? 'The commitment logged at opening is not the document’s.' : 'The log has no opening event for this drawing.',
  );
  const closed = first('drawing.closed');
  check(
    !!closed && closed.merkleRoot === doc.merkleRoot && closed.entriesHead === doc.entriesHead,
    'The log recorded this snapshot at close',
    closed ? 'The Merkle root or entries head logged at close is not the document’s.' : 'The log has no close event for this drawing.',
  );
  const executed = first('drawing.executed');
  check(
    !!executed && executed.seed === doc.seed,
    'The log recorded this seed at the draw',
    executed ? 'The seed logged at the draw is not the document’s.' : 'The log has no draw event for this drawing.',
  );
  const status = loggedStatus(events);
  const shown = new Map(doc.winners.map((w) => [w.drawIndex, w.status ?? '']));
  const forfeits = (m: Map<number, string>) => new Set([...m].filter(([, s]) => s === 'forfeited').map(([i]) => i));
  check(
    sameSet(forfeits(shown), forfeits(status)) && sameSet(new Set(shown.keys()), new Set(status.keys())),
    'Every pick and forfeit is in the log',
    'The picks or forfeits in the document are not the ones the log recorded.',
  );
}

/** Every log check of scripts/verify_drawing.py --log, and the signed checkpoint's. */
export function checkLog(doc: VerificationDocument, log: TransparencyLog, hash: Sha256 = sha256): LogCheck[] {
  const checks: LogCheck[] = [];
  const check = (ok: boolean, label: string, problem: string) => checks.push(ok ? { ok, label } : { ok, label, problem });
  try {
    checkCheckpoint(log, hash, check);
    checkEvents(doc, log, check);
  } catch (error) {
    if (!(error instanceof MalformedDocument)) throw error;
    const problem = `The transparency log is malformed: ${error.message}`;
    check(false, problem, problem);
  }
  return checks;
}
