/**
 * fittrack-draw-v2's extra checks (docs/drawings.md): the committed terms' hash, the drand
 * chain they name, and the beacon round's BLS12-381 signature (@noble/curves, audited, pure JS).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToHex, concat, hexToBytes, MalformedDocument, sha256, u64, utf8, type Sha256 } from './bytes';

export const CHAINED = 'pedersen-bls-chained';
export const G1_RFC9380 = 'bls-unchained-g1-rfc9380';
const SCHEMES = new Set([CHAINED, 'pedersen-bls-unchained', G1_RFC9380]);
const DST_G1 = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const DST_G2 = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_';

/** The League of Entropy's mainnet chains, by chain hash. */
export const KNOWN_CHAINS: Record<string, string> = {
  '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971': 'drand quicknet',
  '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce': 'drand default',
};

export interface TermsBeacon {
  chainHash: string;
  scheme: string;
  publicKey: string;
  period: number;
  genesisTime: number;
  genesisSeed: string;
  beaconId: string;
  round: number;
}

export interface DrawingTerms {
  algorithm: string;
  drawingId: string;
  prizes: { prizeId: string; rank: number; name: string; valueUsd: string; quantity: number }[];
  beacon: TermsBeacon;
  [field: string]: unknown;
}

export interface BeaconRound {
  round: number;
  signature: string;
  previousSignature?: string | null;
  randomness: string;
}

/** Keys sorted, no whitespace: the same text as Python's json.dumps(sort_keys, separators, ensure_ascii=False). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** drand's chain hash: H(u32 period || i64 genesis time || public key || genesis seed || beacon id unless "default"). */
export function chainHash(b: TermsBeacon, hash: Sha256 = sha256): string {
  const id = b.beaconId === '' || b.beaconId === 'default' ? new Uint8Array() : utf8(b.beaconId);
  return bytesToHex(hash(concat(u32(b.period), u64(b.genesisTime), hexToBytes(b.publicKey, 'public key'), hexToBytes(b.genesisSeed, 'genesis seed'), id)));
}

/** The 32-byte digest the chain signed: H(previous signature || u64 round) when chained, else H(u64 round). */
export function beaconMessage(scheme: string, round: number, previous: string | null | undefined, hash: Sha256 = sha256): Uint8Array {
  if (scheme !== CHAINED) return hash(u64(round));
  if (!previous) throw new MalformedDocument('a chained round needs its previous signature');
  return hash(concat(hexToBytes(previous, 'previous signature'), u64(round)));
}

/** Whether `signature` is the chain's BLS signature of `message` (signature on G1 for quicknet, else on G2). */
export function signatureVerifies(scheme: string, publicKey: string, message: Uint8Array, signature: string): boolean {
  if (!SCHEMES.has(scheme)) return false;
  try {
    if (scheme === G1_RFC9380) {
      const bls = bls12_381.shortSignatures;
      return bls.verify(hexToBytes(signature, 'signature'), bls.hash(message, DST_G1), hexToBytes(publicKey, 'public key'));
    }
    const bls = bls12_381.longSignatures;
    return bls.verify(hexToBytes(signature, 'signature'), bls.hash(message, DST_G2), hexToBytes(publicKey, 'public key'));
  } catch (error) {
    if (error instanceof MalformedDocument) throw error;
    return false; // not a point on the curve, or not in the subgroup
  }
}
