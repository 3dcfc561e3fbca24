/** Byte helpers for the draw verifier: hex, UUIDs, big-endian u64, SHA-256 through WebCrypto. */

export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

/** SHA-256 with the browser's (or Node's) WebCrypto. */
export const webSha256: Sha256 = async (data) =>
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
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
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
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
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
