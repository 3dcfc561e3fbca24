/** Byte helpers for the draw verifier: hex, UUIDs, big-endian u64, SHA-256. */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hexToBytes as decodeHex } from '@noble/hashes/utils.js';

export type Sha256 = (data: Uint8Array) => Uint8Array;

/**
 * Synchronous SHA-256 (@noble/hashes, audited). A drawing's Merkle tree is ~2 small hashes per
 * block; awaiting crypto.subtle.digest for each costs far more than the hashing itself.
 */
export const sha256: Sha256 = (data) => nobleSha256(data);

/** SHA-256 with the browser's (or Node's) WebCrypto: the tests' independent cross-check. */
export const webSha256 = async (data: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

export class MalformedDocument extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedDocument';
  }
}

export function hexToBytes(hex: unknown, what = 'hex value'): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    throw new MalformedDocument(`${what} is not hex: ${String(hex).slice(0, 80)}`);
  return decodeHex(hex);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b];
  return s;
}

/** The 16 bytes of a UUID (any version), as Python's uuid.UUID(...).bytes. */
export function uuidToBytes(id: unknown): Uint8Array {
  if (typeof id !== 'string') throw new MalformedDocument('an id is missing');
  const hex = id.replace(/[{}-]/g, '');
  if (hex.length !== 32) throw new MalformedDocument(`not a UUID: ${id}`);
  return hexToBytes(hex, 'UUID');
}

/** 8-byte big-endian unsigned integer. */
export function u64(n: number | bigint): Uint8Array {
  const out = new Uint8Array(8);
  if (typeof n === 'bigint') new DataView(out.buffer).setBigUint64(0, n);
  else writeU64(out, 0, n);
  return out;
}

/** Writes a safe integer as 8 big-endian bytes at `at`, without a BigInt per call. */
export function writeU64(out: Uint8Array, at: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a u64: ${n}`);
  const view = new DataView(out.buffer, out.byteOffset + at, 8);
  view.setUint32(0, Math.floor(n / 2 ** 32));
  view.setUint32(4, n >>> 0);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
